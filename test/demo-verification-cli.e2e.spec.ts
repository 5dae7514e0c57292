// `npm run audit:verify` on the demo's history while the single process serves it from its embedded store
// (issue 20): the built app started as `npm start -- --demo` runs it (COE_DEMO=1) on a fresh DATA_DIR, the
// demo loaded through its API on that first start; then the command reads the running store through the
// port the app serves it on, while the app keeps answering every report. The command must exit 0 and count
// every event the app's own live verification counts, and the app must still serve afterwards.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '@coe/platform';
import { demoTokens } from '../demo/demo.tokens';
import { AppProcess, freePort } from './support/app-process';

const root = resolve(__dirname, '..');
const REPORTS = [
  '/v1/reports/payables?asOf=2019-03-31',
  '/v1/reports/cash-pool?asOf=2019-03-31',
  '/v1/reports/mou-backlog?asOf=2019-10-31',
  '/v1/reports/mou-backlog/series?from=2019-01&to=2019-12',
  '/v1/reports/days-to-signature',
  '/v1/reports/contributors/IND/statement?asOf=2019-03-31',
];
const DEMO_MS = 300_000;

type Verification = {
  verificationId: string;
  status: 'running' | 'intact' | 'broken' | 'failed';
  eventsChecked: number;
  streamsChecked: number;
  eventsTotal: number;
  startedAt: string;
  finishedAt: string | null;
};

const dataDir = mkdtempSync(join(tmpdir(), 'coe-demo-verify-'));
const env = {
  DATA_DIR: dataDir,
  JWT_SECRET: 'demo-verify-cli-secret-0123456789abcdef',
  NODE_ENV: 'test',
  LOG_LEVEL: 'log',
  COE_DEMO: '1',
};
let app: AppProcess;
let auditor: string;

const get = async (path: string) =>
  fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${auditor}` } });

beforeAll(async () => {
  app = new AppProcess({ ...env, PORT: String(await freePort()) });
  auditor = (await demoTokens(parseConfig(env, { defaultPort: 0 }))).auditor;
  const started = Date.now();
  await app.start(DEMO_MS);
  while (!app.output.includes('Demo data loaded')) {
    if (Date.now() - started > DEMO_MS)
      throw new Error(`no demo after ${DEMO_MS} ms:\n${app.output.slice(-3000)}`);
    if (app.output.includes('Demo data not loaded'))
      throw new Error(`demo failed:\n${app.output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  process.stderr.write(`[demo-verification cli] app started and demo loaded in ${Date.now() - started} ms\n`);
}, DEMO_MS + 30_000);

afterAll(async () => {
  await app?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run audit:verify on the demo while the single process serves it from its embedded store', () => {
  it('exits 0 with every event of the demo while every report keeps answering 200', async () => {
    // the app's own count of the history it holds, from a live verification (the embedded store is the
    // app's: nothing else may open it)
    const begun = (await (
      await fetch(`${app.url}/v1/audit/verifications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${auditor}`, 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as Verification;
    let live = begun;
    while (live.status === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      live = (await (await get(`/v1/audit/verifications/${begun.verificationId}`)).json()) as Verification;
    }
    expect(live).toMatchObject({ status: 'intact', eventsChecked: live.eventsTotal });
    expect(live.eventsTotal).toBeGreaterThan(1000);

    // the command, and meanwhile rounds of every report until it exits
    const started = Date.now();
    let exited = false;
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const command = new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [`${process.env.COE_TEST_BUILD}/libs/audit/src/verify.cli.js`],
        { cwd: root, env: { ...inherited, DATA_DIR: dataDir } },
        (error, stdout, stderr) => {
          exited = true;
          done({ code: error ? ((error.code as number | undefined) ?? -1) : 0, stdout, stderr });
        },
      );
    });
    const statuses: number[] = [];
    while (!exited) {
      const round = await Promise.all(REPORTS.map((path) => get(path)));
      statuses.push(...round.map((r) => r.status));
    }
    const { code, stdout, stderr } = await command;
    process.stderr.write(
      `[demo-verification cli] app verified ${live.eventsTotal} events in ` +
        `${Date.parse(live.finishedAt!) - Date.parse(live.startedAt)} ms; audit:verify took ${Date.now() - started} ms ` +
        `(a whole process), ${statuses.length} report requests meanwhile\n`,
    );
    expect({ code, stdout, stderr: code === 0 ? '' : stderr }).toEqual({
      code: 0,
      stdout: `audit:verify: intact: ${live.eventsTotal} events in ${live.streamsChecked} streams across 3 stores (force_generation, mou_negotiation, reimbursement)\n`,
      stderr: '',
    });
    // it read through the running app's port, and reports were asked while it ran
    expect(stderr).toContain('Reading the running embedded database at');
    expect(statuses.length).toBeGreaterThanOrEqual(REPORTS.length);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // and the app still serves
    expect((await get('/v1/reports/payables?asOf=2019-03-31')).status).toBe(200);
  });
});
