// console: the console's first load and its screens, on the demo data, in Debian's Chromium.
// `console-first-load-js`: the compressed (gzip -9) size of the JavaScript index.html loads, in KB,
// against the budget of 350 KB (issue 19). `console-screen-ms`: the slowest screen's median time from a
// click on its link in the top bar to its data on screen (the demo loaded through the API into the
// single-process composition, a finance officer's session), against the budget of 300 ms; each screen's
// median is logged. `console-screen-ms-gateway`: the same through the distributed mode's gateway, run as
// its own process in front of the same app, the two origins taking turns on each screen. Absolute
// budgets, so `ratio` = budget ÷ value (above 1: within budget).
import { AuditModule } from '@coe/audit';
import { MessagingModule, serviceSchema } from '@coe/messaging';
import { buildHttpApp, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { waitForProjections } from '../../demo/demo.figures';
import { demoTokens } from '../../demo/demo.tokens';
import { loadDemo } from '../../demo/load';
import { ForceGenerationModule } from '../../services/force-generation/src/force-generation.module';
import { MouNegotiationModule } from '../../services/mou-negotiation/src/mou-negotiation.module';
import { ProjectionsModule } from '../../services/projections/src/projections.module';
import { ReimbursementModule } from '../../services/reimbursement/src/reimbursement.module';
import { createPool, dropSchema, randomName } from '../bench-infra';
import { median, resultOf, type BenchResult } from '../bench-results';
import type { BenchContext, Workload } from './workload';

export const FIRST_LOAD_BUDGET_KB = 350;
export const SCREEN_BUDGET_MS = 300;
const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SERVICES = ['force-generation', 'mou-negotiation', 'reimbursement', 'projections'] as const;

/** Each screen of a finance officer's top bar, and what shows that its data arrived. */
const SCREENS: { link: string; ready: string }[] = [
  { link: 'Payables', ready: '.headline' },
  { link: 'Monthly claims run', ready: 'h2:has-text("Runs") ~ :is(table.data, p:not(.loading))' },
  { link: 'Cash pool', ready: '.kpis' },
  { link: 'Claims', ready: 'table.data tbody tr' },
  { link: 'MOU backlog', ready: 'table.data tbody tr' },
  { link: 'MOUs', ready: 'table.data tbody tr' },
  { link: 'Statement', ready: '.kpis' },
];

/** The JavaScript files a first load fetches: index.html's module script and its preloads. */
export const firstLoadScripts = (indexHtml: string): string[] =>
  [...indexHtml.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );

const buildConsole = (outDir: string): void => {
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const built = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn'],
    { cwd: ROOT, env: { ...process.env, CONSOLE_OUT_DIR: outDir }, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`console build failed:\n${built.stderr}${built.stdout}`);
};

type Origin = { label: string; url: string; page: Page };

/**
 * Each origin's slowest screen median ms, from a click on its top-bar link to its data on screen, signed
 * in with `token` (a session is the origin's). The origins take turns on each screen of each round, so
 * they see the same load on a shared machine; round 0 warms the browser and the servers up, unmeasured.
 */
const slowestScreenMs = async (
  origins: Origin[],
  token: string,
  rounds: number,
  log: (line: string) => void,
): Promise<number[]> => {
  const key = (origin: Origin, screen: string) => `${origin.label}|${screen}`;
  const samples = new Map<string, number[]>();
  for (const { url, page } of origins) {
    await page.goto(`${url}/`);
    await page.evaluate(`sessionStorage.setItem('coe.session', ${JSON.stringify(token)})`);
  }
  for (let round = 0; round <= rounds; round++) {
    for (const screen of SCREENS) {
      for (const origin of origins) {
        const { url, page } = origin;
        await page.goto(`${url}/`);
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
        const started = performance.now();
        await page.getByRole('navigation').getByRole('link', { name: screen.link, exact: true }).click();
        await page.locator(screen.ready).first().waitFor({ timeout: 30_000 });
        const ms = performance.now() - started;
        if (round > 0)
          samples.set(key(origin, screen.link), [...(samples.get(key(origin, screen.link)) ?? []), ms]);
      }
    }
  }
  return origins.map((origin) => {
    const medians = SCREENS.map((s) => ({ screen: s.link, ms: median(samples.get(key(origin, s.link))!) }));
    for (const m of medians) log(`${origin.label} ${m.screen}: median ${m.ms.toFixed(0)} ms`);
    return Math.max(...medians.map((m) => m.ms));
  });
};

/** The distributed mode's gateway as its own process (services/gateway/src/main.ts), every service at `url`. */
const startGateway = async (
  url: string,
  consoleDir: string,
): Promise<{ child: ChildProcess; url: string }> => {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bench', 'run.mjs'), join(ROOT, 'services/gateway/src/main.ts')],
    {
      env: {
        ...process.env,
        PORT: '0',
        CONSOLE_DIR: consoleDir,
        ...Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase().replace(/-/g, '_')}_URL`, url])),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  const listening = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited (${code}): ${output}`)));
  });
  return { child, url: listening };
};

export const consoleWorkload: Workload = {
  id: 'console',
  async run({ databaseUrl, settings, log }: BenchContext): Promise<BenchResult[]> {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
    const work = mkdtempSync(join(tmpdir(), 'coe-bench-console-'));
    const consoleDir = join(work, 'console');
    const pool = createPool(databaseUrl, 6);
    const schemaPrefix = `${randomName('bco')}_`;
    let app: NestExpressApplication | undefined;
    let gateway: { child: ChildProcess; url: string } | undefined;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      buildConsole(consoleDir);
      const index = readFileSync(join(consoleDir, 'index.html'), 'utf8');
      const scripts = firstLoadScripts(index);
      const compressedKb =
        scripts
          .map((src) => gzipSync(readFileSync(join(consoleDir, src.replace(/^\//, ''))), { level: 9 }).length)
          .reduce((a, b) => a + b, 0) / 1024;
      log(`console first load: ${scripts.length} script(s), ${compressedKb.toFixed(1)} KB gzip -9`);

      const config = parseConfig(
        { NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET: 'bench-secret-0123456789abcdef0123' },
        { defaultPort: 0 },
      );
      app = await buildHttpApp(
        [
          MessagingModule.forRoot(config, 'in-process', 'bench'),
          AuditModule,
          ForceGenerationModule.register({ config, schemaPrefix }),
          MouNegotiationModule.register({ config, schemaPrefix }),
          ReimbursementModule.register({ config, schemaPrefix }),
          ProjectionsModule.register({ config, schemaPrefix }),
        ],
        {
          config,
          database: { pool },
          openApi: { title: 'COE Ledger', description: 'bench' },
          logger: false,
          consoleDir,
        },
      );
      await app.listen(0, '127.0.0.1');
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const tokens = await demoTokens(config);
      const t0 = Date.now();
      await loadDemo(url, tokens);
      await waitForProjections(url, tokens.auditor);
      log(`console: demo data loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

      const token = await signToken(config, { roles: ['finance-officer'], sub: 'bench-finance' });
      // The same screens through the distributed mode's gateway (its own process) in front of the same
      // app: what the one origin adds to a screen.
      gateway = await startGateway(url, consoleDir);
      const viewport = { width: 1280, height: 900 };
      const [slowest, slowestThroughGateway] = await slowestScreenMs(
        [
          { label: 'console screen', url, page: await browser.newPage({ viewport }) },
          {
            label: 'console screen through the gateway',
            url: gateway.url,
            page: await browser.newPage({ viewport }),
          },
        ],
        token,
        settings.quick ? 3 : 7,
        log,
      );
      return [
        resultOf({
          name: 'console-first-load-js',
          unit: 'KB',
          baseline: `budget-${FIRST_LOAD_BUDGET_KB}KB`,
          samples: [compressedKb],
          baselineSamples: [FIRST_LOAD_BUDGET_KB],
          direction: 'lower-is-better',
        }),
        resultOf({
          name: 'console-screen-ms',
          unit: 'ms',
          baseline: `budget-${SCREEN_BUDGET_MS}ms`,
          samples: [slowest!],
          baselineSamples: [SCREEN_BUDGET_MS],
        }),
        resultOf({
          name: 'console-screen-ms-gateway',
          unit: 'ms',
          baseline: `budget-${SCREEN_BUDGET_MS}ms`,
          samples: [slowestThroughGateway!],
          baselineSamples: [SCREEN_BUDGET_MS],
        }),
      ];
    } finally {
      await browser.close();
      gateway?.child.kill('SIGTERM');
      await app?.close();
      for (const service of SERVICES) {
        await dropSchema(pool, serviceSchema(service, schemaPrefix)).catch(() => undefined);
      }
      await pool.end();
      rmSync(work, { recursive: true, force: true });
    }
  },
};
