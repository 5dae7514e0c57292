// Four eyes in the browser on the demo data, the console served by the single process as `npm start`
// serves it: officer A prepares and proposes, is refused their own (FOUR_EYES_REQUIRED beside the
// button); officer B certifies and approves (test/support/four-eyes.journey.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { waitForProjections } from '../demo/demo.figures';
import { demoTokens } from '../demo/demo.tokens';
import { loadDemo } from '../demo/load';
import { consoleBuild, launchChromium } from './support/browser';
import { importTourReports, walkFourEyes } from './support/four-eyes.journey';
import { startWholeSystem, type WholeSystem } from './support/whole-system';

describe('four eyes in the console, on the demo data (single process)', () => {
  let system: WholeSystem;
  let browser: Browser;
  let url: string;
  let dataDir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dataDir = mkdtempSync(join(tmpdir(), 'coe-four-eyes-'));
    // No JWT_SECRET: the development secret under DATA_DIR signs, so the development sign-in exists.
    system = await startWholeSystem({ JWT_SECRET: '', DATA_DIR: dataDir }, { consoleDir: consoleBuild() });
    await system.app.listen(0, '127.0.0.1');
    url = (await system.app.getUrl()).replace('[::1]', '127.0.0.1');
    const tokens = await demoTokens(system.config);
    await loadDemo(url, tokens);
    await waitForProjections(url, tokens.auditor);
    await importTourReports(url, tokens.officerA);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await system?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('has officer B certify the run and approve the payment run officer A may not', async () => {
    await walkFourEyes(browser, url);
  }, 180_000);
});
