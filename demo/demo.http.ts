// The few HTTP calls the demo makes, through the public routes only (fetch, no server code).

export class DemoHttpError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const code = (body as { code?: string } | null)?.code;
    super(`${method} ${path}: ${status}${code ? ` ${code}` : ''} ${JSON.stringify(body)}`);
  }

  get code(): string | undefined {
    return (this.body as { code?: string } | null)?.code;
  }
}

export type DemoHttp = {
  get<T>(path: string, token: string): Promise<T>;
  postJson<T>(path: string, token: string, body: object): Promise<T>;
  postCsv<T>(path: string, token: string, csv: string): Promise<T>;
};

export const demoHttp = (baseUrl: string): DemoHttp => {
  const base = baseUrl.replace(/\/+$/, '');
  const call = async <T>(
    method: string,
    path: string,
    token: string,
    body?: { type: string; text: string },
  ) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'X-Correlation-Id': 'coe-ledger-demo',
        ...(body && { 'Content-Type': body.type }),
      },
      ...(body && { body: body.text }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: kept as text for the error
    }
    if (!response.ok) throw new DemoHttpError(method, path, response.status, parsed);
    return parsed as T;
  };
  return {
    get: (path, token) => call('GET', path, token),
    postJson: (path, token, body) =>
      call('POST', path, token, { type: 'application/json', text: JSON.stringify(body) }),
    postCsv: (path, token, csv) => call('POST', path, token, { type: 'text/csv; charset=utf-8', text: csv }),
  };
};

/** The `sub` of a JWT, read without checking it (the server checks it). */
export const subjectOf = (token: string): string | undefined => {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
};
