import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGateway,
  mergeOpenApi,
  type OpenApiDocument,
  ownerOf,
  SERVICES,
  type ServiceName,
} from './gateway';

// The gateway in front of four small HTTP servers standing in for the services (each answers what it
// was asked, and which service it is), so what the gateway passes on and what it answers is seen whole.

type Seen = { service: ServiceName; method: string; url: string; headers: IncomingHttpHeaders; body: string };

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('the gateway (one origin for the distributed mode)', () => {
  const upstreams = new Map<ServiceName, Server>();
  const asked: string[] = [];
  const urls = {} as Record<ServiceName, string>;
  let gateway: Server;
  let base: string;
  let consoleDir: string;

  beforeAll(async () => {
    for (const service of SERVICES) {
      const server = createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => (body += chunk));
        req.on('end', () => {
          if (req.url === '/v1/claims/hang-up') return req.socket.destroy();
          const seen: Seen = { service, method: req.method!, url: req.url!, headers: req.headers, body };
          // each service keeps its own documents: `kept-by-<service>` only
          const document = /^\/v1\/documents\/([^/?]+)/.exec(req.url!)?.[1];
          asked.push(`${service} ${req.method} ${req.url}`);
          if (document !== undefined && document !== `kept-by-${service}`) {
            res.writeHead(404, { 'content-type': 'application/problem+json' });
            return res.end(JSON.stringify({ status: 404, code: 'DOCUMENT_NOT_FOUND', service }));
          }
          res.writeHead(201, { 'content-type': 'application/json', etag: '"7"', 'x-correlation-id': 'c-1' });
          res.end(JSON.stringify(seen));
        });
      });
      upstreams.set(service, server);
      urls[service] = await listen(server);
    }
    consoleDir = mkdtempSync(join(tmpdir(), 'coe-gateway-console-'));
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), '<div id="root"></div>');
    writeFileSync(join(consoleDir, 'assets', 'app.js'), 'console.log(1)');
    gateway = createGateway({ services: urls, consoleDir });
    base = await listen(gateway);
  });

  afterAll(async () => {
    await close(gateway);
    for (const server of upstreams.values()) if (server.listening) await close(server);
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it('routes each path by the prefix of the service that owns it', () => {
    expect(
      [
        '/v1/reports/payables',
        '/v1/admin/projections/rebuild',
        '/v1/audit/replays',
        '/v1/pledges',
        '/v1/units/u1/deployment',
        '/v1/surs',
        '/v1/mous',
        '/v1/mous/m1/signatures',
        '/v1/imports/mou-register',
        '/v1/mous/m1/premiums',
        '/v1/imports/certified-claims',
        '/v1/claims',
        '/v1/payment-runs/r1/approval',
        '/v1/dev/sign-in',
        '/v1/audit/events',
        '/v1',
        '/v1reports',
        '/',
        '/health',
      ].map((path) => [path, ownerOf(path)]),
    ).toEqual([
      ['/v1/reports/payables', 'projections'],
      ['/v1/admin/projections/rebuild', 'projections'],
      ['/v1/audit/replays', 'projections'],
      ['/v1/pledges', 'force-generation'],
      ['/v1/units/u1/deployment', 'force-generation'],
      ['/v1/surs', 'force-generation'],
      ['/v1/mous', 'mou-negotiation'],
      ['/v1/mous/m1/signatures', 'mou-negotiation'],
      ['/v1/imports/mou-register', 'mou-negotiation'],
      ['/v1/mous/m1/premiums', 'reimbursement'],
      ['/v1/imports/certified-claims', 'reimbursement'],
      ['/v1/claims', 'reimbursement'],
      ['/v1/payment-runs/r1/approval', 'reimbursement'],
      ['/v1/dev/sign-in', 'reimbursement'],
      ['/v1/audit/events', 'reimbursement'],
      ['/v1', 'reimbursement'],
      ['/v1reports', undefined],
      ['/', undefined],
      ['/health', undefined],
    ]);
  });

  it('passes the method, the path with its query, the body and the headers to the owning service, and its answer back', async () => {
    const response = await fetch(`${base}/v1/mous/m1/signatures?x=1&y=2`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer abc.def.ghi',
        'idempotency-key': 'key-1',
        'if-match': '"6"',
        'x-correlation-id': 'corr-42',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ signedOn: '2019-05-02', party: 'un' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"7"');
    const seen = (await response.json()) as Seen;
    expect(seen).toEqual({
      service: 'mou-negotiation',
      method: 'POST',
      url: '/v1/mous/m1/signatures?x=1&y=2',
      body: '{"signedOn":"2019-05-02","party":"un"}',
      headers: expect.objectContaining({
        authorization: 'Bearer abc.def.ghi',
        'idempotency-key': 'key-1',
        'if-match': '"6"',
        'x-correlation-id': 'corr-42',
        'content-type': 'application/json',
      }),
    });
  });

  it('passes a body whatever the method, sent whole or chunked, and a bodiless request as one', async () => {
    const send = (method: string, body?: string, chunked = false) =>
      new Promise<Seen>((resolve, reject) => {
        const sending = request(`${base}/v1/reports/payables`, { method }, (answer) => {
          let text = '';
          answer.setEncoding('utf8');
          answer.on('data', (chunk: string) => (text += chunk));
          answer.on('end', () => resolve(JSON.parse(text) as Seen));
        });
        sending.on('error', reject);
        if (body !== undefined && !chunked) sending.setHeader('content-length', Buffer.byteLength(body));
        if (body !== undefined) sending.write(body);
        sending.end();
      });
    const seen = async (method: string, body?: string, chunked = false) => {
      const { method: m, body: b, headers } = await send(method, body, chunked);
      return [m, b, headers['content-length'] ?? headers['transfer-encoding']];
    };
    expect(await seen('GET')).toEqual(['GET', '', undefined]);
    expect(await seen('GET', '{"a":1}')).toEqual(['GET', '{"a":1}', '7']);
    expect(await seen('DELETE', '')).toEqual(['DELETE', '', '0']);
    expect(await seen('PATCH', '{"b":2}', true)).toEqual(['PATCH', '{"b":2}', 'chunked']);
  });

  it('asks a service again and again over one kept-alive connection', async () => {
    const projections = upstreams.get('projections')!;
    let connections = 0;
    const counted = () => (connections += 1);
    projections.on('connection', counted);
    try {
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${base}/v1/reports/mou-backlog?i=${i}`);
        expect(response.status).toBe(201);
        await response.arrayBuffer();
      }
    } finally {
      projections.off('connection', counted);
    }
    // at most one: the first request may open it, or reuse one an earlier test left open
    expect(connections).toBeLessThanOrEqual(1);
  });

  describe('documents, which each service keeps for its own events', () => {
    const upload = async (query: string) => {
      const pdf = '%PDF-1.7 signed copy';
      const response = await fetch(`${base}/v1/documents${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: pdf,
      });
      const seen = (await response.json()) as Seen;
      expect([seen.body, seen.headers['content-type']]).toEqual([pdf, 'application/pdf']);
      return [seen.service, seen.url];
    };

    it('uploads to the service owning what the document is for (`?for=`), reimbursement when it says none', async () => {
      expect(await upload('?for=mous')).toEqual(['mou-negotiation', '/v1/documents?for=mous']);
      expect(await upload('?for=units')).toEqual(['force-generation', '/v1/documents?for=units']);
      expect(await upload('?for=verification-reports')).toEqual([
        'reimbursement',
        '/v1/documents?for=verification-reports',
      ]);
      expect(await upload('')).toEqual(['reimbursement', '/v1/documents']);
      // a value no service keeping documents owns goes to reimbursement, which refuses it (400)
      expect(await upload('?for=reports')).toEqual(['reimbursement', '/v1/documents?for=reports']);
    });

    it('downloads from the first service that has the document, asking each in turn while they answer 404', async () => {
      asked.length = 0;
      const found = await fetch(`${base}/v1/documents/kept-by-force-generation`, {
        headers: { authorization: 'Bearer abc' },
      });
      expect(found.status).toBe(201); // what the stand-in answers
      const seen = (await found.json()) as Seen;
      expect([seen.service, seen.headers.authorization]).toEqual(['force-generation', 'Bearer abc']);
      expect(asked).toEqual([
        'reimbursement GET /v1/documents/kept-by-force-generation',
        'mou-negotiation GET /v1/documents/kept-by-force-generation',
        'force-generation GET /v1/documents/kept-by-force-generation',
      ]);

      asked.length = 0;
      const missing = await fetch(`${base}/v1/documents/kept-by-nobody`);
      expect([missing.status, ((await missing.json()) as { service: string }).service]).toEqual([
        404,
        'force-generation',
      ]);
      expect(asked).toHaveLength(3);

      asked.length = 0;
      const direct = await fetch(`${base}/v1/documents/kept-by-mou-negotiation?for=mous`);
      expect([direct.status, ((await direct.json()) as Seen).service]).toEqual([201, 'mou-negotiation']);
      expect(asked).toEqual(['mou-negotiation GET /v1/documents/kept-by-mou-negotiation?for=mous']);
    });
  });

  it('streams a large body through whole, and gives a request without a correlation id one', async () => {
    const csv = `ref,amount\n${Array.from({ length: 20_000 }, (_, i) => `R-${i},${i}.00`).join('\n')}`;
    const response = await fetch(`${base}/v1/imports/certified-claims`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    const seen = (await response.json()) as Seen;
    expect([seen.service, seen.body.length, seen.body === csv]).toEqual(['reimbursement', csv.length, true]);
    expect(seen.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 problem+json naming the service when it is not running, and 502 when it hangs up', async () => {
    const hangUp = await fetch(`${base}/v1/claims/hang-up`);
    expect(hangUp.status).toBe(502);
    expect(hangUp.headers.get('content-type')).toContain('application/problem+json');
    expect(await hangUp.json()).toEqual(
      expect.objectContaining({ status: 502, code: 'BAD_GATEWAY', service: 'reimbursement' }),
    );

    // a connection to the service kept alive: its closing resets it, the gateway asks on another one
    await (await fetch(`${base}/v1/reports/payables`)).arrayBuffer();
    await close(upstreams.get('projections')!);
    const down = await fetch(`${base}/v1/reports/payables?asOf=2019-06-30`, {
      headers: { 'x-correlation-id': 'corr-down' },
    });
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(down.headers.get('x-correlation-id')).toBe('corr-down');
    expect(await down.json()).toEqual({
      type: 'urn:coe:problem:service-unavailable',
      title: 'Service Unavailable',
      status: 503,
      detail: expect.stringContaining('The projections service is not answering'),
      code: 'SERVICE_UNAVAILABLE',
      service: 'projections',
    });
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual(
      expect.objectContaining({
        code: 'UNHEALTHY',
        detail: 'Not answering: projections.',
        services: {
          'force-generation': 'up',
          'mou-negotiation': 'up',
          reimbursement: 'up',
          projections: 'down',
        },
      }),
    );
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    // the other services are still reached
    expect(((await (await fetch(`${base}/v1/claims`)).json()) as Seen).service).toBe('reimbursement');
  });

  it("serves the console's files, its page for a screen's address, and a 404 problem for anything else", async () => {
    const index = await fetch(`${base}/`);
    expect([index.status, index.headers.get('content-type'), await index.text()]).toEqual([
      200,
      'text/html; charset=utf-8',
      '<div id="root"></div>',
    ]);
    const asset = await fetch(`${base}/assets/app.js`);
    expect([asset.status, asset.headers.get('cache-control')]).toEqual([
      200,
      'public, max-age=31536000, immutable',
    ]);
    const screen = await fetch(`${base}/payment-runs`, { headers: { accept: 'text/html' } });
    expect([screen.status, await screen.text()]).toEqual([200, '<div id="root"></div>']);
    for (const path of ['/assets/missing.js', '/payment-runs', '/%2e%2e/%2e%2e/etc/passwd']) {
      const missing = await fetch(`${base}${path}`);
      expect([path, missing.status, missing.headers.get('content-type')]).toEqual([
        path,
        404,
        'application/problem+json; charset=utf-8',
      ]);
    }
  });

  it('merges the OpenAPI documents, each path from the service it is routed to', () => {
    const documents = Object.fromEntries(
      SERVICES.map((service): [ServiceName, OpenApiDocument] => [
        service,
        {
          openapi: '3.0.0',
          info: { title: service },
          paths: {
            '/v1/mous/{mouId}/premiums': { get: { summary: service } },
            '/v1/reports/payables': { get: { summary: service } },
          },
          components: { schemas: { [service]: {} } },
        },
      ]),
    ) as Record<ServiceName, OpenApiDocument>;
    const merged = mergeOpenApi(documents);
    expect(merged.paths).toEqual({
      '/v1/mous/{mouId}/premiums': { get: { summary: 'reimbursement' } },
      '/v1/reports/payables': { get: { summary: 'projections' } },
    });
    expect(Object.keys(merged.components!.schemas!).sort()).toEqual([...SERVICES].sort());
  });
});
