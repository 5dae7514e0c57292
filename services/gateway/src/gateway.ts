import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request as forward,
  type Server,
  type ServerResponse,
} from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { isConsoleNavigation } from '../../../libs/platform/src/console-static';

// The distributed mode's one origin: the console at `/`, and every `/v1/*` request passed, streamed both
// ways with all its headers (Authorization, Idempotency-Key, If-Match, X-Correlation-Id, ...), to the
// service that owns its path; so the console and any client see one address, as with `npm start`, and
// no cross-origin request is ever made. Plain node:http: no framework, no dependency.

export const SERVICES = ['force-generation', 'mou-negotiation', 'reimbursement', 'projections'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * Each path to the service owning it, from the services' controller prefixes, the first match winning:
 * projections answers the reports, the projection admin and the audit replays; force-generation the
 * pledges, units and SURs; an MOU's premiums are reimbursement's, the rest of the MOUs and the register
 * import and the reference lists mou-negotiation's; everything else under /v1 is reimbursement's (its root controller, claims,
 * payments, funds, rate tables, imports). The routes every service has for itself (the development
 * sign-in, `/v1/audit/*`, `/v1/admin/consumers`) are reimbursement's through here: ask a service's own
 * port for its own store's audit.
 */
export const ROUTES: readonly { prefix: RegExp; service: ServiceName }[] = [
  { prefix: /^\/v1\/(reports|admin\/projections|audit\/replays)(\/|$)/, service: 'projections' },
  { prefix: /^\/v1\/(pledges|units|surs)(\/|$)/, service: 'force-generation' },
  { prefix: /^\/v1\/mous\/[^/]+\/premiums(\/|$)/, service: 'reimbursement' },
  { prefix: /^\/v1\/(mous|imports\/mou-register|reference)(\/|$)/, service: 'mou-negotiation' },
  { prefix: /^\/v1(\/|$)/, service: 'reimbursement' },
];

/** The service owning a path (without its query), or undefined outside /v1. */
export const ownerOf = (path: string): ServiceName | undefined =>
  ROUTES.find((route) => route.prefix.test(path))?.service;

const DOCUMENTS = /^\/v1\/documents(\/[^/]+)?\/?$/;

/** The services that keep documents (their own store each), the one uploads go to by default first. */
export const DOCUMENT_KEEPERS: readonly ServiceName[] = [
  'reimbursement',
  'mou-negotiation',
  'force-generation',
];

/**
 * Where `/v1/documents` and `/v1/documents/{sha256}` go, in the order to try: each service keeps the
 * documents of its own events, so `?for=mous` (`units`, `verification-reports`) sends the request to the
 * service owning that collection. Without `for` (or with a value no keeper owns, which the service then
 * refuses with 400) an upload goes to reimbursement, as before, and a download is asked of each keeper
 * in turn until one has it (content-addressed: the same hash is the same bytes wherever it is).
 * Undefined for any other path.
 */
export const documentKeepersOf = (url: URL): readonly ServiceName[] | undefined => {
  if (!DOCUMENTS.test(url.pathname)) return undefined;
  const named = url.searchParams.get('for');
  const keeper = named === null ? undefined : ownerOf(`/v1/${named}`);
  if (keeper !== undefined && DOCUMENT_KEEPERS.includes(keeper)) return [keeper];
  return url.pathname.replace(/\/$/, '') === '/v1/documents' ? ['reimbursement'] : DOCUMENT_KEEPERS;
};

export type GatewayOptions = {
  /** Where each service listens, e.g. `http://127.0.0.1:3003`. */
  services: Readonly<Record<ServiceName, string>>;
  /** The console's build (dist/console); without an index.html there, `/` is not served. */
  consoleDir?: string;
};

// Headers of one hop, never passed on (RFC 9110 section 7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const endToEnd = (headers: IncomingHttpHeaders): IncomingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

const hasBody = (incoming: IncomingMessage): boolean =>
  incoming.headers['transfer-encoding'] !== undefined || Number(incoming.headers['content-length'] ?? 0) > 0;

const isRepeatable = (incoming: IncomingMessage): boolean =>
  (incoming.method === 'GET' || incoming.method === 'HEAD') && !hasBody(incoming);

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's X-Correlation-Id when it is a sane one, else a fresh one the service will use too. */
const correlationIdOf = (incoming: IncomingMessage): string => {
  const header = incoming.headers['x-correlation-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && CORRELATION_ID.test(value) ? value : randomUUID();
};

const sendProblem = (
  outgoing: ServerResponse,
  status: number,
  code: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): void => {
  const body = JSON.stringify({
    type: `urn:coe:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail,
    code,
    ...extensions,
  });
  outgoing.writeHead(status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  outgoing.end(body);
};

// A refused connection is a service that is not running (503: try again once it is); any other failure
// before the answer began is a bad gateway (502).
const NOT_LISTENING = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND']);

const proxy = (
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  service: ServiceName,
  target: URL,
  /** A bodiless request (GET, HEAD) to ask of another service when this one answers 404. */
  onNotFound?: () => void,
): void => {
  const correlationId = correlationIdOf(incoming);
  let answered = false;
  const upstream = forward(
    {
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: incoming.method,
      path: incoming.url,
      headers: {
        ...endToEnd(incoming.headers),
        host: target.host,
        'x-correlation-id': correlationId,
        'x-forwarded-host': incoming.headers.host ?? '',
        'x-forwarded-proto': 'http',
      },
    },
    (answer) => {
      answered = true;
      if (answer.statusCode === 404 && onNotFound !== undefined) {
        answer.resume();
        return onNotFound();
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
      answer.pipe(outgoing);
      answer.on('error', () => outgoing.destroy());
    },
  );
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    // A kept-alive connection the service closed as this request went out on it (its idle timeout, a
    // restart): nothing was answered, so a GET or HEAD is asked again, on another connection.
    if (
      upstream.reusedSocket &&
      !answered &&
      !outgoing.destroyed &&
      !outgoing.headersSent &&
      isRepeatable(incoming)
    )
      return proxy(incoming, outgoing, service, target, onNotFound);
    if (outgoing.headersSent) {
      outgoing.destroy(error);
      return;
    }
    outgoing.setHeader('x-correlation-id', correlationId);
    if (NOT_LISTENING.has(error.code ?? '')) {
      sendProblem(
        outgoing,
        503,
        'SERVICE_UNAVAILABLE',
        'Service Unavailable',
        `The ${service} service is not answering (${error.code}); try again once it is running.`,
        { service },
      );
    } else {
      sendProblem(
        outgoing,
        502,
        'BAD_GATEWAY',
        'Bad Gateway',
        `The ${service} service failed to answer (${error.code ?? error.message}).`,
        { service },
      );
    }
  });
  // A client that goes away mid-request: stop asking the service.
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) upstream.destroy();
  });
  // A request without a body (RFC 9112 section 6.3: neither Transfer-Encoding nor a Content-Length above 0)
  // is sent at once: piping it would send nothing before its 'end' event, a turn or more of the event loop
  // later (measured: 1 to 2.5 ms a GET on a loaded machine).
  if (incoming.readableEnded || !hasBody(incoming)) {
    incoming.resume();
    upstream.end();
  } else incoming.pipe(upstream);
};

/** A request asked of each service in turn while the previous one answers 404; the last one's answer. */
const proxyFirstFound = (
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  services: readonly ServiceName[],
  targets: Readonly<Record<ServiceName, URL>>,
): void => {
  const [service, ...rest] = services;
  const bodiless = incoming.method === 'GET' || incoming.method === 'HEAD';
  const next =
    bodiless && rest.length > 0 ? () => proxyFirstFound(incoming, outgoing, rest, targets) : undefined;
  proxy(incoming, outgoing, service!, targets[service!], next);
};

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file of the console's build, as serveConsole serves it in the single process. */
const sendFile = (incoming: IncomingMessage, outgoing: ServerResponse, root: string, file: string): void => {
  const immutable = file.startsWith(join(root, 'assets') + sep);
  outgoing.writeHead(200, {
    'content-type': MEDIA_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (incoming.method === 'HEAD') outgoing.end();
  else createReadStream(file).pipe(outgoing);
};

/** The file of the build a path names, when there is one and it stays inside the build. */
const fileOf = (root: string, path: string): string | undefined => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const file = resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`);
  if (!file.startsWith(root + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
};

export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, unknown>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

const fetchJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
};

/**
 * The four services' OpenAPI documents as one: each path from the service the gateway sends it to, the
 * components (schemas, the bearer scheme) of all of them.
 */
export const mergeOpenApi = (documents: Readonly<Record<ServiceName, OpenApiDocument>>): OpenApiDocument => {
  const paths: Record<string, unknown> = {};
  const components: Record<string, Record<string, unknown>> = {};
  for (const service of SERVICES) {
    const document = documents[service];
    for (const [path, item] of Object.entries(document.paths)) {
      if (ownerOf(path) === service) paths[path] = item;
    }
    for (const [kind, entries] of Object.entries(document.components ?? {})) {
      components[kind] = { ...entries, ...components[kind] };
    }
  }
  const first = documents.reimbursement;
  return {
    ...first,
    info: {
      ...first.info,
      title: 'COE Ledger API (distributed mode, through the gateway)',
      description: 'The four services behind one origin: each path is answered by the service that owns it.',
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components,
  };
};

/** Each service's readiness (its /health): the gateway is ready when all four are. */
const health = async (services: Readonly<Record<ServiceName, string>>) => {
  const states = await Promise.all(
    SERVICES.map(async (service) => {
      const up = await fetch(new URL('/health', services[service]), {
        signal: AbortSignal.timeout(5_000),
      }).then(
        (r) => r.ok,
        () => false,
      );
      return [service, up ? 'up' : 'down'] as const;
    }),
  );
  return Object.fromEntries(states) as Record<ServiceName, 'up' | 'down'>;
};

/** The gateway's HTTP server (not yet listening). */
export const createGateway = (options: GatewayOptions): Server => {
  const targets = Object.fromEntries(
    SERVICES.map((service) => [service, new URL(options.services[service])]),
  ) as Record<ServiceName, URL>;
  const root =
    options.consoleDir !== undefined && existsSync(join(options.consoleDir, 'index.html'))
      ? resolve(options.consoleDir)
      : undefined;

  const answer = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'http://gateway');
    const keepers = documentKeepersOf(url);
    if (keepers !== undefined) return proxyFirstFound(incoming, outgoing, keepers, targets);
    const service = ownerOf(url.pathname);
    if (service !== undefined) return proxy(incoming, outgoing, service, targets[service]);
    const reading = incoming.method === 'GET' || incoming.method === 'HEAD';
    if (reading && url.pathname === '/health/live') {
      outgoing.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      outgoing.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (reading && url.pathname === '/health') {
      const services = await health(options.services);
      const down = SERVICES.filter((service) => services[service] === 'down');
      if (down.length > 0) {
        sendProblem(outgoing, 503, 'UNHEALTHY', 'Service Unavailable', `Not answering: ${down.join(', ')}.`, {
          services,
        });
        return;
      }
      outgoing.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      outgoing.end(JSON.stringify({ status: 'ok', services }));
      return;
    }
    if (reading && url.pathname === '/openapi.json') {
      const documents = await Promise.all(
        SERVICES.map(async (s) => [
          s,
          await fetchJson<OpenApiDocument>(`${options.services[s]}/openapi.json`),
        ]),
      ).catch((error: unknown) => error as Error);
      if (documents instanceof Error) {
        sendProblem(outgoing, 503, 'SERVICE_UNAVAILABLE', 'Service Unavailable', documents.message);
        return;
      }
      const body = JSON.stringify(
        mergeOpenApi(Object.fromEntries(documents) as Record<ServiceName, OpenApiDocument>),
      );
      outgoing.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-cache',
      });
      outgoing.end(body);
      return;
    }
    if (root !== undefined && reading) {
      const file = fileOf(root, url.pathname);
      if (file !== undefined) return sendFile(incoming, outgoing, root, file);
      if (isConsoleNavigation(incoming.method ?? 'GET', url.pathname, incoming.headers.accept))
        return sendFile(incoming, outgoing, root, join(root, 'index.html'));
    }
    sendProblem(outgoing, 404, 'NOT_FOUND', 'Not Found', `Nothing at ${url.pathname} here.`);
  };

  return createServer((incoming, outgoing) => {
    answer(incoming, outgoing).catch((error: unknown) => {
      if (outgoing.headersSent) outgoing.destroy();
      else sendProblem(outgoing, 500, 'INTERNAL_ERROR', 'Internal Server Error', String(error));
    });
  });
};
