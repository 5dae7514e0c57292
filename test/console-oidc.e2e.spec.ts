import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, seriousAxeViolations } from './support/browser';
import { startOidcProvider, type LocalOidcProvider } from './support/oidc-provider';
import { startWholeSystem, type WholeSystem } from './support/whole-system';

// The console signing in through a real OpenID Connect provider (oidc-provider, started in this
// process): authorization code with PKCE, the code exchanged by the browser, and the API trusting the
// provider's RS256 access tokens through JWT_JWKS_URL. No development secret: no development sign-in.

const consoleBuild = (): string => {
  const build = process.env.COE_TEST_BUILD;
  const dir = build === undefined ? undefined : join(build, 'console');
  if (dir === undefined || !existsSync(join(dir, 'index.html'))) {
    throw new Error(`no console build (COE_TEST_BUILD=${build}): the global setup runs scripts/build.mjs`);
  }
  return dir;
};

describe('the console signing in through an OpenID Connect provider', () => {
  let provider: LocalOidcProvider;
  let system: WholeSystem;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let url: string;

  beforeAll(async () => {
    browser = await launchChromium();
    provider = await startOidcProvider({
      amina: { roles: ['finance-officer'] },
      rahim: { roles: ['contributor-representative'], contributor: 'BGD' },
    });
    system = await startWholeSystem(provider.env, { consoleDir: consoleBuild() });
    await system.app.listen(0, '127.0.0.1');
    url = (await system.app.getUrl()).replace('[::1]', '127.0.0.1');
    provider.serve(url);
  }, 180_000);

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await system?.close();
    await provider?.close();
  });

  const signInAt = async (login: string) => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in with your organisation' }).waitFor();
    await page.getByText('No development sign-in on this server').waitFor();
    const violations = await seriousAxeViolations(page);
    expect({ screen: 'OIDC sign-in', violations }).toEqual({ screen: 'OIDC sign-in', violations: [] });
    const navigations: string[] = [];
    page.on('request', (request) => navigations.push(request.url()));
    await page.getByRole('button', { name: 'Sign in with the identity provider' }).click();
    // The provider's own pages: its development login form, then its consent form.
    await page.waitForURL(`${provider.issuer}/**`);
    const authorization = new URL(navigations.find((u) => u.startsWith(`${provider.issuer}/auth?`)) ?? url);
    expect({
      challengeMethod: authorization.searchParams.get('code_challenge_method'),
      hasChallenge: (authorization.searchParams.get('code_challenge') ?? '').length >= 43,
    }).toEqual({ challengeMethod: 'S256', hasChallenge: true });
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click(); // consent: "Continue"
    await page.waitForURL(`${url}/**`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  };

  it('serves the provider to the console at /v1/sign-in/oidc, and no development sign-in', async () => {
    const answer = await system.http().get('/v1/sign-in/oidc');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      issuer: provider.issuer,
      clientId: 'coe-console',
      scope: 'openid coe',
      resource: 'urn:coe-ledger',
    });
    expect((await system.http().get('/v1/dev/sign-in')).status).toBe(404);
  });

  it("signs a finance officer in with PKCE; the provider's token is the API's bearer token", async () => {
    const page = await signInAt('amina');
    // The work that waits on a finance officer comes first: what awaits their certification.
    await page.waitForURL('**/awaiting');
    expect(await page.locator('.who').textContent()).toBe('Signed in as amina (Finance officer)');
    await page.getByRole('link', { name: 'Payables', exact: true }).click();
    // The payables screen's answer came from the API with the provider's access token.
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText(/^Total owed on /).waitFor();
    // The token kept in the tab is the provider's: RS256, its issuer, the API's audience, the roles.
    const token = (await page.evaluate("sessionStorage.getItem('coe.session')")) as string;
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as unknown);
    expect(header).toMatchObject({ alg: 'RS256', kid: 'test-rs256' });
    expect(payload).toMatchObject({
      iss: provider.issuer,
      aud: 'urn:coe-ledger',
      sub: 'amina',
      roles: ['finance-officer'],
    });
    // The verifier and state of the finished sign-in are gone from the tab.
    expect(await page.evaluate("sessionStorage.getItem('coe.oidc.pending')")).toBeNull();
    const direct = await system.http().get('/v1/reports/cash-pool').auth(token, { type: 'bearer' });
    expect(direct.status).toBe(200);
  }, 120_000);

  it("signs a contributor representative in with the contributor the provider's token names", async () => {
    const page = await signInAt('rahim');
    await page.waitForURL('**/statement');
    await page.getByRole('heading', { name: 'Statement of BGD' }).waitFor();
    expect(await page.locator('.who').textContent()).toBe(
      'Signed in as rahim (Contributor representative · BGD)',
    );
  }, 120_000);

  it('refuses an answer that is not for the sign-in this tab started, and says so', async () => {
    context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/sign-in/callback?code=forged&state=forged`);
    await page.getByRole('heading', { name: 'The sign-in did not complete' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('No sign-in under way');
    const violations = await seriousAxeViolations(page);
    expect({ screen: 'OIDC callback refused', violations }).toEqual({
      screen: 'OIDC callback refused',
      violations: [],
    });
  }, 60_000);
});
