import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/run` (`apt-get install -y chromium`); never a downloaded build. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless Chromium as root on a machine with no network but the loopback: no sandbox (root), no GPU,
// and none of the background connections a closed network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts Chromium, or fails with what to do: a browser test that cannot run must not pass. */
export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\` ` +
        '(.ci/run does it), or set CHROMIUM_PATH. The console browser tests cannot run without it.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
};

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

/** axe-core on the page as it is now: the serious and critical violations (an empty list is a pass). */
export const seriousAxeViolations = async (page: Page): Promise<AxeViolation[]> => {
  // Code run in the page is given as text: the tests' TypeScript has no DOM types.
  const loaded = await page.evaluate("typeof window.axe !== 'undefined'");
  if (loaded !== true) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(
    'window.axe.run(document).then((result) => result.violations.map((v) => ' +
      '({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))',
  )) as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
};

/** A fresh browser context (no session) on the console at `url`. */
export const openConsole = async (
  browser: Browser,
  url: string,
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${url}/`);
  return { context, page };
};

/**
 * Signs in through the console's development sign-in (which must say it is one): a role, and a
 * contributor and a user name (the token's subject) when given.
 */
export const signInForDevelopment = async (
  page: Page,
  role: string,
  who: { contributor?: string; user?: string } = {},
): Promise<void> => {
  await page.getByRole('heading', { name: 'Development sign-in' }).waitFor();
  const note = await page.getByRole('note').textContent();
  if (!note?.includes('This is a development sign-in')) throw new Error(`no development notice: ${note}`);
  await page.getByLabel('Role').selectOption(role);
  if (who.contributor !== undefined) await page.getByLabel(/^Contributor/).fill(who.contributor);
  if (who.user !== undefined) await page.getByLabel(/^User name/).fill(who.user);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
};

/** axe-core on the screen as it is, every chart's data table opened: `[]` when nothing serious or critical. */
export const accessibilityViolations = async (page: Page): Promise<AxeViolation[]> => {
  // (Code run in the page is given as text: the tests' TypeScript has no DOM types.)
  await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
  return seriousAxeViolations(page);
};

/** The console build the global setup made with scripts/build.mjs (COE_TEST_BUILD/console). */
export const consoleBuild = (): string => {
  const build = process.env.COE_TEST_BUILD;
  const dir = build === undefined ? undefined : join(build, 'console');
  if (dir === undefined || !existsSync(join(dir, 'index.html'))) {
    throw new Error(`no console build (COE_TEST_BUILD=${build}): the global setup runs scripts/build.mjs`);
  }
  return dir;
};
