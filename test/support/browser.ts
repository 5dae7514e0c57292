import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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
