// Four eyes in the browser, on the demo data (loaded by the caller): officer A runs October 2019's claims
// for MINURSO and proposes a payment run; the console offers A their own work too, and shows the API's
// 403 FOUR_EYES_REQUIRED beside the button A pressed. Officer B signs in, lands on the work waiting on
// them, certifies A's run and approves A's payment run, and the statuses change on screen. The same
// journey whether one process serves the console or the distributed mode's gateway does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, openConsole, signInForDevelopment } from './browser';

export const OFFICER_A = 'console-officer-a';
export const OFFICER_B = 'console-officer-b';
/** A payment date in 2019-Q4 before the October claims are certified (2019-11-12): B's certification does not change A's plan. */
const RUN_ON = '2019-10-31';

/** MINURSO's October 2019 verification reports (docs/tour), imported through the API as a field system would send them. */
export const importTourReports = async (url: string, token: string): Promise<{ imported: number }> => {
  const csv = readFileSync(join(__dirname, '..', '..', 'docs', 'tour', 'verification-reports.csv'), 'utf8');
  const response = await fetch(`${url}/v1/imports/verification-reports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const body = (await response.json()) as { imported: number };
  expect({ status: response.status, imported: body.imported > 0 }).toEqual({ status: 200, imported: true });
  return body;
};

export const walkFourEyes = async (browser: Browser, url: string): Promise<void> => {
  const contexts: BrowserContext[] = [];
  const accessible = async (page: Page, screen: string) => {
    expect({ screen, violations: await accessibilityViolations(page) }).toEqual({ screen, violations: [] });
  };
  try {
    const opened = await openConsole(browser, url);
    contexts.push(opened.context);
    const page = opened.page;

    // Officer A: the month's run for MINURSO, followed until it completes.
    await signInForDevelopment(page, 'finance-officer', { user: OFFICER_A });
    await page.waitForURL('**/awaiting');
    await expect(page.locator('.who').textContent()).resolves.toContain(OFFICER_A);
    await page.getByRole('link', { name: 'Monthly claims run' }).click();
    await page.getByLabel('Month served (YYYY-MM)').fill('2019-10');
    await page.getByLabel(/^Mission/).fill('MINURSO');
    await page.getByLabel('Prepared on (business date)').fill('2019-11-08');
    await page.getByRole('button', { name: 'Run the month' }).click();
    await page.getByText('Run started.').waitFor();
    const facts = page.locator('section[aria-labelledby="run-detail-title"] dl.facts');
    await facts.getByText('Completed', { exact: true }).waitFor({ timeout: 60_000 });
    await accessible(page, 'claims run completed');

    // A's own run is on A's list, after anyone else's, marked as theirs; certifying it is refused beside the button.
    await page.getByRole('link', { name: 'Awaiting certification' }).click();
    const runs = page.locator('table[aria-labelledby="runs-awaiting"] tbody tr');
    await runs.first().waitFor();
    const ownRun = runs.filter({ hasText: 'MINURSO' });
    await expect(ownRun.locator('td').nth(1).textContent()).resolves.toContain('you (four eyes');
    await page.getByLabel('Certified on (business date)').fill('2019-11-12');
    await ownRun.getByRole('button', { name: 'Certify 2019-10 · MINURSO' }).click();
    const refusal = ownRun.getByRole('alert');
    await expect(refusal.getAttribute('data-code')).resolves.toBe('FOUR_EYES_REQUIRED');
    await expect(refusal.locator('.problem-title').textContent()).resolves.toBe('Forbidden');
    await expect(refusal.locator('.problem-detail').count()).resolves.toBe(1);
    await accessible(page, 'own run refused (four eyes)');

    // A proposes the 2019-Q4 payment run; approving it themselves is refused beside the button.
    await page.getByRole('link', { name: 'Payment runs' }).click();
    const propose = page.locator('form[aria-labelledby="propose-title"]');
    await propose.getByLabel('Quarter (YYYY-Qn)').fill('2019-Q4');
    await propose.getByLabel('Payment date (business date)').fill(RUN_ON);
    await propose.getByRole('button', { name: 'Propose a payment run' }).click();
    await page.getByText('The 2019-Q4 run is proposed: another officer approves it.').waitFor();
    const ownProposal = page.locator('ul.plain li').filter({ hasText: '2019-Q4' });
    await expect(ownProposal.textContent()).resolves.toContain('proposed by you (four eyes');
    await ownProposal.getByRole('button', { name: 'Approve the 2019-Q4 run' }).click();
    await expect(ownProposal.getByRole('alert').getAttribute('data-code')).resolves.toBe(
      'FOUR_EYES_REQUIRED',
    );
    await accessible(page, 'own payment run refused (four eyes)');
    await page.getByRole('button', { name: 'Sign out' }).click();

    // Officer B lands on the work waiting on them: A's run, first.
    await signInForDevelopment(page, 'finance-officer', { user: OFFICER_B });
    await page.waitForURL('**/awaiting');
    const first = page.locator('table[aria-labelledby="runs-awaiting"] tbody tr').first();
    await expect(first.textContent()).resolves.toContain(OFFICER_A);
    await expect(first.getByRole('rowheader').textContent()).resolves.toBe('2019-10');
    await accessible(page, 'awaiting certification (officer B)');
    // no date: refused, with the API's message next to the date field
    await first.getByRole('button', { name: 'Certify 2019-10 · MINURSO' }).click();
    await page.locator('[data-field="certifiedOn"]').waitFor();
    await accessible(page, 'certification without a date refused');
    await page.getByLabel('Certified on (business date)').fill('2019-11-12');
    await first.getByRole('button', { name: 'Certify 2019-10 · MINURSO' }).click();
    await page.getByText('2019-10 · MINURSO certified.').waitFor();
    await page.locator('table[aria-labelledby="runs-awaiting"] tbody tr', { hasText: 'MINURSO' }).waitFor({
      state: 'detached',
    });
    // the run's own screen says so
    await page.getByRole('link', { name: 'Monthly claims run' }).click();
    await page.getByRole('link', { name: '2019-10', exact: true }).click();
    const certifications = facts
      .locator('dt', { hasText: 'Certifications' })
      .locator('xpath=following-sibling::dd[1]');
    await expect(certifications.textContent()).resolves.toBe('1');

    // B approves A's payment run: executed, approved by B.
    await page.getByRole('link', { name: 'Payment runs' }).click();
    const proposal = page.locator('ul.plain li').first();
    await expect(proposal.textContent()).resolves.toContain(`proposed by ${OFFICER_A}`);
    await proposal.getByRole('button', { name: 'Approve the 2019-Q4 run' }).click();
    await page.getByText('The 2019-Q4 run is approved and paid.').waitFor();
    const row = page.locator('table[aria-labelledby="all-runs"] tbody tr', { hasText: '2019-Q4' });
    await row.getByText('Executed', { exact: true }).waitFor();
    // columns: run on, status, proposer, proposed on, approver, approved on
    await expect(row.locator('td').nth(4).textContent()).resolves.toBe(OFFICER_B);
    await accessible(page, 'payment run approved');
  } finally {
    for (const context of contexts) await context.close();
  }
};
