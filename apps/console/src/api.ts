// The one way the console talks to the server: the public API under /v1, with the bearer token.
// Every refusal arrives as an RFC 9457 problem+json body and is raised as an ApiProblem.
export type FieldError = { field: string; message: string };

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly code: string,
    readonly errors: FieldError[] = [],
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiProblem';
  }

  /** The messages about one request field (`errors[].field`), for display next to it. */
  fieldMessages(field: string): string[] {
    return this.errors.filter((e) => e.field === field).map((e) => e.message);
  }
}

let currentToken: string | undefined;
let onUnauthorized: () => void = () => undefined;

export const setApiToken = (token: string | undefined): void => {
  currentToken = token;
};
export const setOnUnauthorized = (handler: () => void): void => {
  onUnauthorized = handler;
};

/** A body sent as it is (a CSV file's text, a document's bytes), with its media type. */
type RawBody = { contentType: string; body: string | Blob };

const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown, raw?: RawBody): Promise<T> => {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (currentToken !== undefined) headers.Authorization = `Bearer ${currentToken}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (raw !== undefined) headers['Content-Type'] = raw.contentType;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: raw !== undefined ? raw.body : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem(0, 'Network error', 'The server could not be reached.', 'NETWORK');
  }
  const text = await response.text();
  const json: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    const problem = (json ?? {}) as Partial<{
      title: string;
      detail: string;
      code: string;
      errors: FieldError[];
    }>;
    if (response.status === 401 && currentToken !== undefined) onUnauthorized();
    throw new ApiProblem(
      response.status,
      problem.title ?? response.statusText,
      problem.detail ?? '',
      problem.code ?? `HTTP_${response.status}`,
      Array.isArray(problem.errors) ? problem.errors : [],
    );
  }
  return json as T;
};

/** Builds `path?key=value` from the defined, non-empty values. */
export const withQuery = (path: string, query: Record<string, string | number | undefined>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
};

export const apiGet = <T>(path: string): Promise<T> => call<T>('GET', path);
export const apiPost = <T>(path: string, body: unknown): Promise<T> => call<T>('POST', path, body);
/** POSTs a file's text as it is, e.g. a CSV import (`text/csv`). */
export const apiPostText = <T>(path: string, contentType: string, text: string): Promise<T> =>
  call<T>('POST', path, undefined, { contentType, body: text });

export type StoredDocument = { sha256: string; mediaType: string; size: number };

/** What a document is attached to: in the distributed mode, the service that keeps it. */
export type DocumentFor = 'mous' | 'units' | 'verification-reports';

/** Uploads a document (a PDF or an image) as its bytes; the answer names it by its SHA-256. */
export const apiUploadDocument = (file: File, attachedTo: DocumentFor): Promise<StoredDocument> =>
  call<StoredDocument>('POST', `/v1/documents?for=${attachedTo}`, undefined, {
    contentType: file.type,
    body: file,
  });

/** Fetches a document with the bearer token and hands it to the browser as a download. */
export const downloadDocument = async (
  sha256: string,
  filename: string,
  attachedTo: DocumentFor,
): Promise<void> => {
  const headers: Record<string, string> = {};
  if (currentToken !== undefined) headers.Authorization = `Bearer ${currentToken}`;
  const response = await fetch(`/v1/documents/${encodeURIComponent(sha256)}?for=${attachedTo}`, { headers });
  if (!response.ok) throw new ApiProblem(response.status, response.statusText, '', `HTTP_${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  URL.revokeObjectURL(url);
};
