import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  consoleBuild,
  launchChromium,
  openConsole,
  signInForDevelopment,
} from './support/browser';
import { issueSharedSur, loadContributor, type Tokens } from './support/two-contributors';
import { startWholeSystem, type WholeSystem } from './support/whole-system';

// The console in real Chromium, served by the single process as `npm start` serves it (the build the
// global setup made with scripts/build.mjs), signed in through the development sign-in, on a small
// history loaded through the API. axe-core checks every screen the journeys open.

describe('the console in Chromium', () => {
  let system: WholeSystem;
  let browser: Browser;
  let url: string;
  let dataDir: string;
  let tokens: Tokens;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    dataDir = mkdtempSync(join(tmpdir(), 'coe-console-'));
    // No JWT_SECRET: the development secret under DATA_DIR signs, so the development sign-in exists.
    system = await startWholeSystem({ JWT_SECRET: '', DATA_DIR: dataDir }, { consoleDir: consoleBuild() });
    await system.app.listen(0, '127.0.0.1');
    url = (await system.app.getUrl()).replace('[::1]', '127.0.0.1');
    tokens = {
      admin: await system.token({ roles: ['admin'], sub: 'console-admin' }),
      clerk: await system.token({ roles: ['mou-clerk'], sub: 'console-clerk' }),
      finance: await system.token({ roles: ['finance-officer'], sub: 'console-finance' }),
    };
    const surId = await issueSharedSur(system, tokens);
    await loadContributor(
      system,
      tokens,
      { code: 'BGD', ownMission: 'UNMISS', ownPeriod: '2019-02', mark: 'Console', surId },
      { claims: ['1111111.11', '2222222.22'], payments: ['500000.00', '300000.00'] },
    );
  }, 180_000);

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await system?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async (): Promise<Page> => {
    const opened = await openConsole(browser, url);
    context = opened.context;
    return opened.page;
  };

  const signIn = (page: Page, role: string, contributor?: string) =>
    signInForDevelopment(page, role, { contributor });

  const expectAccessible = async (page: Page, screen: string) => {
    const violations = await accessibilityViolations(page);
    expect({ screen, violations }).toEqual({ screen, violations: [] });
  };

  it('serves the console at / and keeps the API answers for API clients', async () => {
    const page = await fetch(`${url}/payables`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const unknownApi = await fetch(`${url}/v1/no-such-route`, { headers: { Accept: 'text/html' } });
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
  });

  it("walks a finance officer's day: payables by age, the cash pool, a refused then a good monthly run, a claim", async () => {
    const page = await open();
    await expectAccessible(page, 'sign-in');
    // A representative without a contributor: the API's answer is shown next to the field it names.
    await page.getByLabel('Role').selectOption('contributor-representative');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('[data-field="contributor"]').textContent()).resolves.toContain(
      'contributor is required',
    );
    await signIn(page, 'finance-officer');
    // The work that waits on this officer first: claims and runs someone else prepared.
    await page.waitForURL('**/awaiting');
    await page.getByRole('heading', { name: 'Awaiting your certification' }).waitFor();
    await page.getByRole('heading', { name: 'Claims awaiting certification' }).waitFor();
    await expectAccessible(page, 'awaiting certification');
    await page.getByRole('link', { name: 'Payables', exact: true }).click();

    // Payables on 2019-06-30: the headline is the API's total, written as money; BGD has its row.
    const asOf = '2019-06-30';
    const api = await system
      .http()
      .get(`/v1/reports/payables?asOf=${asOf}`)
      .auth(tokens.finance, { type: 'bearer' });
    const owed = (api.body as { owed: string }).owed;
    const [whole, cents] = owed.split('.');
    const written = `$${BigInt(whole!).toLocaleString('en-US')}.${cents}`;
    await page.getByLabel('As of (business date)').fill(asOf);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText(`Total owed on ${asOf}`).waitFor();
    expect(await page.locator('.headline').textContent()).toBe(`Total owed on ${asOf}: ${written}`);
    await expect(page.getByRole('img', { name: /Amount owed by contributor and age/ }).count()).resolves.toBe(
      1,
    );
    await page.getByRole('rowheader', { name: 'BGD', exact: true }).first().waitFor();
    await expectAccessible(page, 'payables');

    // The same screen in French.
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Sommes dues aux pays contributeurs' }).waitFor();
    await expectAccessible(page, 'payables (fr)');
    await page.getByLabel('Langue').selectOption('en');

    await page.getByRole('link', { name: 'Cash pool' }).click();
    await page.getByRole('heading', { name: 'Cash pool', level: 1 }).waitFor();
    await page.getByText('The next run could pay').waitFor();
    await expectAccessible(page, 'cash pool');

    // The monthly run: a malformed month is refused, with the API's message next to the month field.
    await page.getByRole('link', { name: 'Monthly claims run' }).click();
    await page.getByLabel('Month served (YYYY-MM)').fill('2019-4');
    await page.getByLabel('Prepared on (business date)').fill('2019-05-10');
    await page.getByRole('button', { name: 'Run the month' }).click();
    await expect(page.locator('[data-field="period"]').textContent()).resolves.toContain('YYYY-MM');
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Bad Request');
    await expectAccessible(page, 'claim run refused');
    await page.getByLabel('Month served (YYYY-MM)').fill('2019-04');
    await page.getByRole('button', { name: 'Run the month' }).click();
    await page.getByText('Run started.').waitFor();
    await page.getByRole('heading', { name: 'Exceptions' }).waitFor();
    await expect(page.getByRole('progressbar').count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page, 'claim run');

    // A claim with its lines and sources (an imported claim: certified as it came, no computed lines).
    await page.getByRole('link', { name: 'Claims', exact: true }).click();
    await page.getByLabel(/^Contributor/).fill('BGD');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('link', { name: 'BGD-CLAIM-1' }).click();
    await page.getByRole('heading', { name: 'Claim BGD-CLAIM-1' }).waitFor();
    await page.getByText('$1,111,111.11').first().waitFor();
    await expectAccessible(page, 'claim');
  }, 120_000);

  it("walks a clerk's day: the backlog charts, a refused month, an MOU's timeline and a signature", async () => {
    const page = await open();
    await signIn(page, 'mou-clerk');
    await page.waitForURL('**/backlog');
    await page.getByRole('img', { name: /Units deployed and MOUs pending signature/ }).waitFor();
    await page.getByRole('img', { name: /days from deployment to signature/ }).waitFor();
    await expectAccessible(page, 'backlog');

    await page.getByLabel('From (month)').fill('2019-13');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.locator('[data-field="from"]').textContent()).resolves.toContain('YYYY-MM');
    await expect(page.getByLabel('From (month)').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'backlog refused');

    await page.getByRole('link', { name: 'MOUs', exact: true }).click();
    await page.getByLabel(/^Contributor/).fill('BGD');
    await page.getByLabel('Status').selectOption('negotiating');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('link', { name: 'DOS/UNMISS/BGD/92' }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.getByText('MouDrafted').waitFor();
    await expectAccessible(page, 'MOU');

    // No date: refused next to the field; then the UN's signature is recorded and joins the history.
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.locator('[data-field="signedOn"]').waitFor();
    await expect(page.getByLabel('Signed on (business date)').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    const before = await page.locator('.timeline li').count();
    await page.getByLabel('Signed on (business date)').fill('2019-05-02');
    // never sent to the Permanent Mission: the API's refusal (409 MOU_NOT_SENT) is shown, nothing recorded
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.getByText(/never sent to the Permanent Mission/).waitFor();
    await expectAccessible(page, 'MOU signature refused');
    // the sending is recorded here, then the signature
    const sending = page.locator('form[aria-labelledby="sending-title"]');
    await sending.getByLabel('Sent on (business date)').fill('2019-05-01');
    await sending.getByRole('button', { name: 'Record the sending to the Permanent Mission' }).click();
    await page.getByText('Sending recorded.').waitFor();
    // with the signed copy, which joins the history as a download
    const signedCopy = Buffer.from('%PDF-1.4\n% DOS/UNMISS/BGD/92 as signed by the UN\n%%EOF\n', 'latin1');
    await page
      .getByLabel(/^Signed copy/)
      .setInputFiles({ name: 'signed-mou.pdf', mimeType: 'application/pdf', buffer: signedCopy });
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.getByText('Recorded.', { exact: true }).waitFor();
    await page.waitForFunction(`document.querySelectorAll('.timeline li').length > ${before}`);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download signed-mou.pdf' }).click();
    const downloaded = await downloading;
    expect(downloaded.suggestedFilename()).toBe('signed-mou.pdf');
    expect(Buffer.compare(readFileSync((await downloaded.path())!), signedCopy)).toBe(0);
    await expectAccessible(page, 'MOU signed');

    // Signed by one party: a further round is refused (409), and so is an amendment (not in force); the
    // problem's code, title and detail are shown under the form that asked.
    const round = page.locator('form[aria-labelledby="round-title"]');
    await round.getByLabel('Proposed on (business date)').fill('2019-05-03');
    await round.getByLabel('New personnel ceiling').fill('900');
    await round.getByRole('button', { name: 'Record a negotiation round' }).click();
    await expect(round.getByRole('alert').getAttribute('data-code')).resolves.toBe('MOU_NOT_NEGOTIABLE');
    await expect(round.locator('.problem-detail').count()).resolves.toBe(1);
    const amendment = page.locator('form[aria-labelledby="amendment-title"]');
    await amendment.getByLabel('Description').fill('Rotation of the second company');
    await amendment.getByLabel('Proposed on (business date)').fill('2019-05-03');
    await amendment.getByLabel('Takes effect on (business date)').fill('2019-07-01');
    await amendment.getByRole('button', { name: 'Propose an amendment' }).click();
    await expect(amendment.getByRole('alert').getAttribute('data-code')).resolves.toBe('MOU_NOT_IN_FORCE');
    await expectAccessible(page, 'MOU round and amendment refused');

    // A withdrawal without its reason is refused next to the field; with it, it joins the history.
    const withdrawal = page.locator('form[aria-labelledby="withdrawal-title"]');
    await withdrawal.getByLabel('Withdrawn on (business date)').fill('2019-05-04');
    await withdrawal.getByRole('button', { name: 'Withdraw the MOU' }).click();
    await withdrawal.locator('[data-field="reason"]').waitFor();
    const signedCount = await page.locator('.timeline li').count();
    await withdrawal.getByLabel('Reason').fill('Deployment cancelled');
    await withdrawal.getByRole('button', { name: 'Withdraw the MOU' }).click();
    await page.getByText('Withdrawal recorded.').waitFor();
    await page.waitForFunction(`document.querySelectorAll('.timeline li').length > ${signedCount}`);
    await page.locator('.timeline').getByText('MouWithdrawn', { exact: true }).waitFor();
    await expectAccessible(page, 'MOU withdrawn');
  }, 120_000);

  it("walks the finance officer's payment runs: a malformed quarter refused next to its field, in both languages", async () => {
    const page = await open();
    await signIn(page, 'finance-officer');
    await page.waitForURL('**/awaiting');
    await page.getByRole('link', { name: 'Payment runs' }).click();
    await page.getByRole('heading', { name: 'Quarterly payment runs' }).waitFor();
    await page.getByRole('heading', { name: 'Runs awaiting your approval' }).waitFor();
    await expectAccessible(page, 'payment runs');
    const propose = page.locator('form[aria-labelledby="propose-title"]');
    await propose.getByLabel('Quarter (YYYY-Qn)').fill('2019-3');
    await propose.getByLabel('Payment date (business date)').fill('2019-09-25');
    await propose.getByRole('button', { name: 'Propose a payment run' }).click();
    await expect(propose.locator('[data-field="quarter"]').textContent()).resolves.toContain('YYYY-Qn');
    await expect(propose.getByLabel('Quarter (YYYY-Qn)').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(propose.getByRole('alert').locator('.problem-title').textContent()).resolves.toBe(
      'Bad Request',
    );
    await expectAccessible(page, 'payment run refused');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Paiements trimestriels' }).waitFor();
    await expectAccessible(page, 'payment runs (fr)');
  }, 120_000);

  it("shows the clerk the register import's answer row by row", async () => {
    const page = await open();
    await signIn(page, 'mou-clerk');
    await page.waitForURL('**/backlog');
    await page.getByRole('link', { name: 'Register import' }).click();
    await page.getByRole('heading', { name: 'Import the legacy MOU register' }).waitFor();
    await expectAccessible(page, 'register import');
    const csv = [
      'mou_ref,mission,contributor,unit,unit_type,personnel,negotiation_opened,deployed_on,repatriated_on,signed_by_contributor,signed_by_un',
      'DOS/UNMISS/PAK/93,UNMISS,PAK,Pakistani engineer company,ENG,300,2018-04-10,2018-07-01,,,',
      'DOS/UNMISS/XX/94,UNMISS,XX,Unknown unit,ENG,100,2018-04-10,,,,',
    ].join('\n');
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'The answer, row by row' }).waitFor();
    expect(await page.locator('.headline').textContent()).toBe('1 imported, 0 unchanged, 1 rejected');
    await page.getByRole('rowheader', { name: '3', exact: true }).waitFor();
    await expect(page.locator('table.exceptions td code').textContent()).resolves.toMatch(/^INVALID_/);
    await expectAccessible(page, 'register import answer');
  }, 120_000);

  it("shows the auditor a stream's history with hashes, its verified badge and its state side by side", async () => {
    const page = await open();
    await signIn(page, 'auditor');
    await page.waitForURL('**/audit');
    await page
      .getByRole('link', { name: /^History of mou-/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /^Stream mou-/ }).waitFor();
    await page.locator('[data-status="intact"]').waitFor();
    await expect(page.locator('[data-status="intact"]').textContent()).resolves.toContain('Verified');
    await page.getByRole('rowheader', { name: 'MouDrafted' }).waitFor();
    await expect(page.locator('code.hash').first().textContent()).resolves.toMatch(/^[0-9a-f]{16,}$/);
    await expectAccessible(page, 'stream');

    // A date alone is not an instant: the API's message is shown next to the field.
    await page.getByLabel('As of (business date)').fill('2019-06-30');
    await page.getByLabel(/^Known at/).fill('2019-10-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('[data-field="knownAt"]').waitFor();
    await expectAccessible(page, 'stream state refused');
    // Known at an instant before anything was recorded: nothing counted; known now: the history's events.
    await page.getByLabel(/^Known at/).fill('2000-01-01T00:00:00Z');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: 'As of 2019-06-30, as known now' }).waitFor();
    await page.getByRole('heading', { name: 'As of 2019-06-30, as known at 2000-01-01T00:00:00Z' }).waitFor();
    await expect(page.locator('#state-then + p').textContent()).resolves.toBe(
      '0 events counted, up to version 0',
    );
    await expect(page.locator('#state-now + p').textContent()).resolves.not.toBe(
      '0 events counted, up to version 0',
    );
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Historique, avec empreintes' }).waitFor();
    await expectAccessible(page, 'stream state (fr)');
  }, 120_000);

  it('shows a contributor representative their own statement, and the auditor the event log', async () => {
    const page = await open();
    await signIn(page, 'contributor-representative', 'BGD');
    await page.waitForURL('**/statement');
    await page.getByRole('heading', { name: 'Statement of BGD' }).waitFor();
    await page.getByRole('rowheader', { name: 'UNMISS' }).waitFor();
    // the open claims in full, the settled ones a page at a time (the count of all of them in the caption)
    await page.getByRole('table', { name: 'Open claims' }).waitFor();
    await page.getByRole('table', { name: /^Settled claims \(\d+ of \d+\)$/ }).waitFor();
    await expectAccessible(page, 'statement');
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, 'auditor');
    await page.waitForURL('**/audit');
    await page.getByRole('rowheader', { name: 'MouDrafted' }).first().waitFor();
    await expectAccessible(page, 'event log');
  }, 120_000);
});
