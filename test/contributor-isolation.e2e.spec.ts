// A contributor representative cannot read or infer another contributor's data through any route (issue 6).
// Generated, like the access-control test, from the route table the app reports, with each route's
// parameters from its OpenAPI operation: a new route, or a new parameter, fails here until it is probed
// or excluded with a reason.
import { routeRoleTable, type RouteRoles } from '@coe/platform';
import ExcelJS from 'exceljs';
import {
  SHARED_MISSION,
  type Contributor,
  attachNoteVerbale,
  issueSharedSur,
  loadContributor,
} from './support/two-contributors';
import { startWholeSystem, type WholeSystem } from './support/whole-system';

const REPRESENTATIVE = 'contributor-representative';
const NOBODY = {
  code: 'ISL',
  mission: 'UNFICYP',
  period: '2016-02',
  id: '0b1e5c7a-4f0e-4c55-9d0a-5b0d0c0ffee0',
  sha256: '0b1e5c7a'.repeat(8),
};
const RUN_ID = '7d5e0c9e-3f59-4d5e-8f0b-9e8a0b6c1d2e';

// Routes not probed by the generated plans, with the reason (each has its own probe below).
const EXCLUDED: Record<string, string> = {
  'GET /v1/reports/changes':
    'its parameters are required together (report, from, and contributor for a statement), which one ' +
    'parameter at a time cannot build: probed by "compares A’s own statement between two instants"',
  'GET /v1/reference/coe-codes':
    'reference data naming no contributor (the category codes and their labels): the same list for every ' +
    'role, so it can hold nothing of B',
};

// Parameters that name a contributor or one of its records: tried with A's values, with B's (once B is
// loaded), and with a value nobody has: B's and nobody's must get the same answer, or the answer tells
// which of B's records exist.
type Side = { own: string[]; other: string[]; unknown: string };
const naming = (a: Contributor, b?: Contributor): Record<string, Side> => {
  const ids = (key: keyof Contributor['ids']) => ({
    own: a.ids[key],
    other: b?.ids[key] ?? [],
    unknown: NOBODY.id,
  });
  const codes = { own: [a.code], other: b ? [b.code] : [], unknown: NOBODY.code };
  return {
    contributor: codes,
    iso3: codes,
    mission: {
      own: [a.ownMission, SHARED_MISSION],
      other: b ? [b.ownMission] : [],
      unknown: NOBODY.mission,
    },
    period: { own: [a.ownPeriod, '2019-01'], other: b ? [b.ownPeriod] : [], unknown: NOBODY.period },
    mouId: ids('mouId'),
    mouRef: ids('mouRef'),
    claimId: ids('claimId'),
    pledgeId: ids('pledgeId'),
    unitId: ids('unitId'),
    loaId: ids('loaId'),
    caseId: ids('caseId'),
    incidentId: ids('incidentId'),
    sha256: { ...ids('sha256'), unknown: NOBODY.sha256 },
  };
};
// Parameters naming something every contributor shares, tried with those values, and why they are not scoped.
const SHARED: Record<string, { why: string; values: (surId: string) => string[] }> = {
  surId: {
    why: 'a SUR is published to every contributor; only its variations are scoped',
    values: (id) => [id],
  },
  paymentRunId: {
    why: 'a payment run pays many contributors; the list stays limited to the token’s contributor',
    values: () => [RUN_ID],
  },
};
let knownAt: string | undefined;
// Parameters that name nothing of anyone's: tried with each value they take (`enum`: the documented ones).
const NEUTRAL: Record<string, string[] | 'enum'> = {
  page: ['1', '2'],
  pageSize: ['1', '200'],
  // a statement page's cursor is only a sort boundary among the asker's own claims or payments: another
  // contributor's id in it selects nothing of theirs
  settledCursor: ['2019-03-31.ffffffff', '2018-01-01.0'],
  paymentCursor: ['2019-03-31.ffffffff', '2018-01-01.0'],
  asOf: ['2019-03-31'],
  // the reports as known at the instant the probes are first planned (once A's data is recorded), the same
  // instant for every later plan
  get knownAt() {
    knownAt ??= new Date().toISOString();
    return [knownAt];
  },
  status: 'enum',
  level: 'enum',
  origin: 'enum',
  unitType: 'enum',
  format: 'enum',
  // what a document is attached to (the gateway routes by it): each value names the same document
  for: 'enum',
};

type Parameter = { name: string; in: string; schema?: { enum?: string[] } };
type Answer = { status: number; text: string; body: unknown; headers: Record<string, string> };
type Pair = { other: string; unknown: string; values: [string, string] };
type Plan = { route: RouteRoles; own: string[]; pairs: Pair[] };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// a document's bytes are searched for canaries as Latin-1 text
const DOCUMENT_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** The bytes of a binary answer (a workbook, a document). */
const bytesOf = async (system: WholeSystem, url: string, token: string): Promise<Buffer> => {
  const response = await system
    .http()
    .get(url)
    .auth(token, { type: 'bearer' })
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return response.body as Buffer;
};

/** Every cell of a workbook route's answer, a sheet after another, as text. */
const workbookText = async (system: WholeSystem, url: string, token: string): Promise<string> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await bytesOf(system, url, token)) as never);
  const lines: string[] = [];
  workbook.eachSheet((sheet) => {
    lines.push(`# ${sheet.name}`);
    sheet.eachRow((row) => lines.push(JSON.stringify(row.values)));
  });
  return lines.join('\n');
};

const VOLATILE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'x-correlation-id', 'coe-known-at']);

/** Every `contributor` field anywhere in a body. */
const contributorsIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(contributorsIn)
    : value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, v]) =>
          key === 'contributor' && typeof v === 'string' ? [v] : contributorsIn(v),
        )
      : [];

const moneyIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(moneyIn)
    : value !== null && typeof value === 'object'
      ? Object.values(value).flatMap(moneyIn)
      : typeof value === 'string' && /^-?\d+\.\d{2}$/.test(value)
        ? [value]
        : [];

describe('a contributor representative sees only their own contributor', () => {
  let system: WholeSystem;
  let routes: RouteRoles[];
  let operations: Record<string, Record<string, { parameters?: Parameter[] }>>;
  let admin: string;
  let representative: string;
  let a: Contributor;
  let b: Contributor;
  let surId: string;
  let before: Map<string, Answer>;
  const canaries = new Set<string>();
  const planErrors: string[] = [];
  const plans = new Map<string, Plan>();
  const key = (route: RouteRoles) => `${route.method} ${route.path}`;

  const get = async (url: string, token: string): Promise<Answer> => {
    const response = await system.http().get(url).auth(token, { type: 'bearer' });
    const headers = response.headers as Record<string, string>;
    if (DOCUMENT_TYPES.has(headers['content-type'] ?? '')) {
      const text = (await bytesOf(system, url, token)).toString('latin1');
      return { status: response.status, text, body: {}, headers };
    }
    if (headers['content-type'] === XLSX) {
      // a workbook is compared and searched for canaries by its cells: its zip carries the time it was made
      const { etag: _etag, ...stable } = headers;
      return {
        status: response.status,
        text: await workbookText(system, url, token),
        body: {},
        headers: stable,
      };
    }
    return { status: response.status, text: response.text, body: response.body as unknown, headers };
  };
  const leaks = (answer: Answer): string[] => {
    const seen = `${answer.text}\n${JSON.stringify(answer.headers)}`;
    return [...canaries].filter((canary) => seen.includes(canary));
  };
  const comparable = (answer: Answer) => ({
    status: answer.status,
    body: answer.body,
    ...(answer.headers['content-type'] === XLSX ? { cells: answer.text } : {}),
    headers: Object.fromEntries(
      Object.entries(answer.headers).filter(([name]) => !VOLATILE_HEADERS.has(name)),
    ),
  });

  // The requests to make as A's representative on one route: A's side (own values, shared and neutral ones,
  // no parameter at all) and, for each naming parameter, B's value paired with nobody's.
  const plan = (route: RouteRoles, sides: Record<string, Side>): Plan | string => {
    if (route.method !== 'GET')
      return `${key(route)} lets a representative in: give it a probe or an exclusion`;
    const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation = operations[openApiPath]?.get;
    if (!operation) return `${key(route)} has no OpenAPI operation to read its parameters from`;
    const parameters = (operation.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
    const valuesOf = (p: Parameter): string[] | undefined => {
      const neutral = NEUTRAL[p.name];
      if (neutral) return neutral === 'enum' ? (p.schema?.enum ?? []) : neutral;
      return sides[p.name]?.own ?? SHARED[p.name]?.values(surId);
    };
    const unknown = parameters.filter((p) => (valuesOf(p) ?? []).length === 0);
    if (unknown.length > 0)
      return `${key(route)}: no values to probe ${unknown.map((p) => p.name).join(', ')} with (naming, shared or neutral?)`;
    const pathParams = parameters.filter((p) => p.in === 'path');
    const fill = (values: Record<string, string>) =>
      route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
        encodeURIComponent(values[name] ?? valuesOf(pathParams.find((p) => p.name === name)!)![0]!),
      );
    const base = fill({});
    const own = new Set<string>([base]);
    const pairs: Plan['pairs'] = [];
    for (const p of parameters) {
      const at = (value: string) =>
        p.in === 'path' ? fill({ [p.name]: value }) : `${base}?${p.name}=${encodeURIComponent(value)}`;
      for (const value of valuesOf(p)!) own.add(at(value));
      const side = sides[p.name];
      for (const value of side?.other ?? [])
        pairs.push({ other: at(value), unknown: at(side!.unknown), values: [value, side!.unknown] });
    }
    return { route, own: [...own], pairs };
  };

  const snapshot = async (): Promise<Map<string, Answer>> => {
    const answers = new Map<string, Answer>();
    for (const { own } of plans.values())
      for (const url of own) answers.set(url, await get(url, representative));
    return answers;
  };

  beforeAll(async () => {
    system = await startWholeSystem();
    await system.app.listen(0, '127.0.0.1');
    routes = routeRoleTable(system.app);
    operations = (await system.http().get('/openapi.json')).body.paths;
    admin = await system.token({ roles: ['admin'], sub: 'isolation-admin' });
    const tokens = {
      admin,
      clerk: await system.token({ roles: ['mou-clerk'], sub: 'isolation-clerk' }),
      finance: await system.token({ roles: ['finance-officer'], sub: 'isolation-finance' }),
    };
    representative = await system.token({
      roles: [REPRESENTATIVE],
      sub: 'isolation-rep',
      contributor: 'BGD',
    });

    surId = await issueSharedSur(system, tokens);
    const spec = { surId, ownMission: '', ownPeriod: '' };
    a = await loadContributor(
      system,
      tokens,
      { ...spec, code: 'BGD', ownMission: 'UNMISS', ownPeriod: '2019-02', mark: 'Bangla canary' },
      { claims: ['1111111.11', '2222222.22'], payments: ['500000.00', '300000.00'] },
    );
    await attachNoteVerbale(system, tokens, a, 'Bangla canary');
    // A's side of the plans, answered before B has any data; B's side is planned once B is loaded
    for (const route of routes.filter(
      (r) => !r.public && r.roles.includes(REPRESENTATIVE) && !(key(r) in EXCLUDED),
    )) {
      const planned = plan(route, naming(a));
      if (typeof planned === 'string') planErrors.push(planned);
      else plans.set(key(route), planned);
    }
    before = await snapshot();

    b = await loadContributor(
      system,
      tokens,
      { ...spec, code: 'NPL', ownMission: 'MINURSO', ownPeriod: '2018-07', mark: 'Nepal canary' },
      { claims: ['7345123.17', '6543210.98'], payments: ['2345678.91', '1234567.89'] },
    );
    await attachNoteVerbale(system, tokens, b, 'Nepal canary');
    for (const [routeKey, planned] of plans) {
      const replanned = plan(planned.route, naming(a, b));
      if (typeof replanned !== 'string') plans.set(routeKey, replanned);
    }

    // B's canaries: what was loaded for B only, and every amount the system derived from it.
    for (const canary of [b.code, b.ownMission, 'Nepal canary', `${b.code}-CLAIM`, `${b.code}-PAY`])
      canaries.add(canary);
    for (const id of Object.values(b.ids).flat()) canaries.add(id);
    const views = async (c: Contributor) =>
      Promise.all(
        [
          `/v1/claims?contributor=${c.code}`,
          `/v1/payments?contributor=${c.code}`,
          `/v1/reports/contributors/${c.code}/statement`,
        ].map(async (url) => (await get(url, admin)).body),
      );
    const ownMoney = new Set([...moneyIn(await views(a)), '0.00']);
    const payables = (await get('/v1/reports/payables', admin)).body as Record<string, unknown>;
    for (const amount of [...moneyIn(await views(b)), ...moneyIn([payables.certified, payables.paid])])
      if (!ownMoney.has(amount)) canaries.add(amount);
  });
  afterAll(() => system?.close());

  it('loads canaries that are B’s only', async () => {
    expect(canaries.size).toBeGreaterThan(20);
    const ownViews = [
      `/v1/mous?contributor=BGD`,
      `/v1/claims?contributor=BGD`,
      `/v1/reports/contributors/BGD/statement`,
    ];
    for (const url of ownViews) expect(leaks(await get(url, admin))).toEqual([]);
  });

  it('probes every route, or excludes it with a reason', () => {
    expect(planErrors).toEqual([]);
    const refused = routes.filter((r) => !r.public && !r.roles.includes(REPRESENTATIVE));
    const covered = new Set([
      ...plans.keys(),
      ...refused.map(key),
      ...routes.filter((r) => r.public).map(key),
    ]);
    expect(routes.map(key).filter((k) => !covered.has(k) && !(k in EXCLUDED))).toEqual([]);
    expect(Object.keys(EXCLUDED).filter((k) => !routes.map(key).includes(k))).toEqual([]);
    // the representative's routes as CONTRACT.md and the README name them, among those probed
    for (const route of ['GET /v1/reports/payables', 'GET /v1/claims/:claimId', 'GET /v1/mous/:mouId'])
      expect([...plans.keys()]).toContain(route);
  });

  it('compares A’s own statement between two instants, and refuses B’s as it refuses nobody’s', async () => {
    const changes = (contributor: string, report = 'statement') =>
      `/v1/reports/changes?report=${report}&contributor=${contributor}&asOf=2019-12-31&from=2020-01-01T00:00:00Z`;
    const own = await get(changes(a.code), representative);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ report: 'statement', contributor: a.code });
    expect(leaks(own)).toEqual([]);
    const other = await get(changes(b.code), representative);
    const nobody = await get(changes(NOBODY.code), representative);
    expect(other.status).toBe(403);
    expect(comparable(other)).toEqual(comparable(nobody));
    expect((await get(changes(a.code, 'payables'), representative)).status).toBe(403);
  });

  it('answers A’s representative exactly as before B had any data', async () => {
    const after = await snapshot();
    const changed = [...before].filter(
      ([url, answer]) => JSON.stringify(comparable(answer)) !== JSON.stringify(comparable(after.get(url)!)),
    );
    expect(
      changed.map(([url, answer]) => ({
        url,
        before: comparable(answer),
        after: comparable(after.get(url)!),
      })),
    ).toEqual([]);
  });

  it('gives A’s data on every route without naming B, and nothing of B’s', async () => {
    const failures: string[] = [];
    for (const { own } of plans.values()) {
      for (const url of own) {
        const answer = await get(url, representative);
        const strangers = contributorsIn(answer.body).filter((c) => c !== a.code);
        if (answer.status !== 200 || leaks(answer).length > 0 || strangers.length > 0)
          failures.push(`${url}: ${answer.status} leaks ${[...leaks(answer), ...strangers].join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses B’s records and codes as it refuses ones that do not exist, leaking nothing', async () => {
    const failures: string[] = [];
    for (const { pairs } of plans.values()) {
      for (const { other, unknown, values } of pairs) {
        const [theirs, nobodys] = [await get(other, representative), await get(unknown, representative)];
        if (![200, 403, 404].includes(theirs.status)) failures.push(`${other}: ${theirs.status}`);
        if (leaks(theirs).length > 0) failures.push(`${other} leaks ${leaks(theirs).join(', ')}`);
        // the whole answer, the value asked for aside: status, problem type and code, or the same data
        if (withoutValue(theirs, values[0]) !== withoutValue(nobodys, values[1]))
          failures.push(
            `${other}: ${theirs.status} ${codeOf(theirs)}; ${unknown}: ${nobodys.status} ${codeOf(nobodys)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it('shows the same requests’ B data to an admin, so the canaries would be seen', async () => {
    const blind: string[] = [];
    for (const { route, own, pairs } of plans.values()) {
      let seen = false;
      for (const url of [...own, ...pairs.map((p) => p.other)])
        seen ||= leaks(await get(url, admin)).length > 0;
      if (!seen) blind.push(key(route));
    }
    expect(blind).toEqual([]);
  });

  it('refuses every route the role may not call with 403, naming B or not, recording nothing', async () => {
    const sides = naming(a, b);
    // the other parameters of routes a representative may not call, at values of B's where they have one
    const elsewhere: Record<string, string> = {
      streamId: `mou-${b.ids.mouId[0]}`,
      runId: RUN_ID,
      tableId: 'personnel',
      n: '1',
    };
    const body = {
      contributor: b.code,
      mission: b.ownMission,
      mouId: b.ids.mouId[0],
      claimId: b.ids.claimId[0],
    };
    const before = await system.eventCount();
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.public && !r.roles.includes(REPRESENTATIVE))) {
      const url = route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
        encodeURIComponent(
          sides[name]?.other[0] ?? SHARED[name]?.values(surId)[0] ?? elsewhere[name] ?? name,
        ),
      );
      const method = route.method.toLowerCase() as 'get' | 'post';
      const request = system.http()[method](url).auth(representative, { type: 'bearer' });
      const response = await (method === 'get' ? request : request.send(body));
      const answer = {
        status: response.status,
        text: response.text,
        body: response.body,
        headers: response.headers,
      };
      if (response.status !== 403 || response.body.code !== 'FORBIDDEN' || leaks(answer).length > 0)
        failures.push(
          `${route.method} ${url}: ${response.status} ${response.body.code} ${leaks(answer).join(', ')}`,
        );
    }
    expect(failures).toEqual([]);
    expect(await system.eventCount()).toBe(before);
  });

  it('leaks nothing of B’s on the public routes', async () => {
    const documents = ['/openapi.json', '/docs']; // served by Swagger, outside the route table
    for (const path of [...routes.filter((r) => r.public).map((r) => r.path), ...documents]) {
      const answer = await get(path, representative);
      expect({ path, status: answer.status, leaks: leaks(answer) }).toEqual({ path, status: 200, leaks: [] });
    }
  });
});

const withoutValue = (answer: Answer, value: string): string =>
  JSON.stringify({ status: answer.status, body: answer.body }).split(value).join('<value>');

const codeOf = (answer: Answer): string =>
  (answer.body as { code?: string } | null)?.code ?? JSON.stringify(answer.body).slice(0, 80);
