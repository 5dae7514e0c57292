import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, ROLES, routeRoleTable, signToken, type Role, type RouteRoles } from '@coe/platform';
import { startWholeSystem, type WholeSystem } from './support/whole-system';

// Generated from the route table the app itself reports (the one the README shows): every route with
// every role, with no token and with every kind of bad token.
const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'coe-ledger';
const SECRET = 'access-control-secret-0123456789abcdef';

const sample = (name: string): string => {
  if (/iso3|contributor/i.test(name)) return 'BGD';
  if (/mission/i.test(name)) return 'MINUSMA';
  if (/period/i.test(name)) return '2019-01';
  if (/^n$|number|version/i.test(name)) return '1';
  if (/name|projection/i.test(name)) return 'no-such-thing';
  return '00000000-0000-4000-8000-000000000000';
};
const concrete = (route: RouteRoles) =>
  route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(sample(name)));

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access control on every route', () => {
  let system: WholeSystem;
  let routes: RouteRoles[];
  const tokens = {} as Record<Role, string>;
  const bad: Record<string, string> = {};

  beforeAll(async () => {
    system = await startWholeSystem({ JWT_SECRET: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    routes = routeRoleTable(system.app).filter((r) => !r.public);
    for (const role of ROLES) {
      tokens[role] = await system.token({
        roles: [role],
        sub: `user-${role}`,
        ...(role === 'contributor-representative' ? { contributor: 'BGD' } : {}),
      });
    }
    const claims = { roles: ['admin'] as Role[], sub: 'mallory' };
    const other = (env: Record<string, string>) =>
      parseConfig(
        { NODE_ENV: 'test', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, JWT_SECRET: SECRET, ...env },
        { defaultPort: 0 },
      );
    const now = Math.floor(Date.now() / 1000);
    bad.malformed = 'not.a.jwt';
    bad.algNone = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: ISSUER, aud: AUDIENCE, exp: now + 600 })}.`;
    bad.wrongSignature = await signToken(
      other({ JWT_SECRET: 'another-secret-0123456789abcdef-xyz' }),
      claims,
    );
    bad.expired = await signToken(other({}), { ...claims, ttl: -60 });
    bad.wrongIssuer = await signToken(other({ JWT_ISSUER: 'https://evil.example.test/' }), claims);
    bad.wrongAudience = await signToken(other({ JWT_AUDIENCE: 'someone-else' }), claims);
  });
  afterAll(() => system.close());

  const call = (route: RouteRoles, token?: string) => {
    const http = system.http();
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const req = http[method](concrete(route));
    if (token) req.set('Authorization', `Bearer ${token}`);
    return method === 'get' ? req : req.send({});
  };

  it('is the role table the README shows (UPDATE_README=1 rewrites it)', () => {
    const readmePath = join(__dirname, '..', 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const rows = routeRoleTable(system.app).map(
      (r) =>
        `| ${r.method} | \`${r.path}\` | ${r.public ? 'public' : r.roles.filter((role) => role !== 'admin').join(', ') || 'admin only'} |`,
    );
    const table = [
      '<!-- routes:start -->',
      '| method | route | roles (admin always) |',
      '|---|---|---|',
      ...rows,
      '<!-- routes:end -->',
    ].join('\n');
    const current = readme.match(/<!-- routes:start -->[\s\S]*<!-- routes:end -->/)?.[0];
    if (process.env.UPDATE_README === '1')
      writeFileSync(readmePath, readme.replace(current ?? '<!-- routes -->', table));
    else expect(current).toBe(table);
  });

  it('has a role table that covers every service', () => {
    const prefixes = new Set(routes.map((r) => r.path.split('/')[2]));
    for (const expected of ['pledges', 'units', 'mous', 'claims', 'imports', 'reports', 'audit'])
      expect(prefixes).toContain(expected);
    expect(routes.filter((r) => !r.declared)).toEqual([]); // no route left admin-only by omission
  });

  it('refuses every route without a token or with a bad one (401), recording nothing', async () => {
    const before = await system.eventCount();
    const failures: string[] = [];
    for (const route of routes) {
      for (const [kind, token] of [['none', undefined], ...Object.entries(bad)] as [
        string,
        string | undefined,
      ][]) {
        const response = await call(route, token);
        if (
          response.status !== 401 ||
          response.headers['content-type']?.includes('application/problem+json') !== true
        ) {
          failures.push(`${route.method} ${route.path} with ${kind} token: ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await system.eventCount()).toBe(before);
  });

  it('refuses every role a route does not list (403), recording nothing', async () => {
    const before = await system.eventCount();
    const failures: string[] = [];
    for (const route of routes) {
      for (const role of ROLES.filter((r) => !route.roles.includes(r))) {
        const response = await call(route, tokens[role]);
        if (response.status !== 403 || response.body.code !== 'FORBIDDEN')
          failures.push(`${route.method} ${route.path} as ${role}: ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await system.eventCount()).toBe(before);
  });

  it('lets every listed role through to a 2xx or a clear 4xx, never a 5xx', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const role of route.roles) {
        const response = await call(route, tokens[role]);
        const refused =
          response.status === 401 || (response.status === 403 && response.body.code === 'FORBIDDEN');
        if (refused || response.status >= 500)
          failures.push(
            `${route.method} ${route.path} as ${role}: ${response.status} ${response.body?.code ?? ''}`,
          );
        if (
          response.status >= 400 &&
          !String(response.headers['content-type']).includes('application/problem+json')
        ) {
          failures.push(`${route.method} ${route.path} as ${role}: ${response.status} without problem+json`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
