import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, signToken } from '@coe/platform';
import { AppProcess, freePort } from './support/app-process';

// `npm start` killed with SIGKILL during a burst of writes loses no write it acknowledged.
describe('the single process after SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'coe-crash-'));
  const secret = 'crash-test-secret-0123456789abcdef';
  let app: AppProcess;

  afterAll(async () => {
    await app?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('comes back with every acknowledged write', async () => {
    const env = {
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      JWT_SECRET: secret,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
    };
    const config = parseConfig(env, { defaultPort: 0 });
    const token = await signToken(config, { roles: ['mou-clerk'], sub: 'clerk-crash' });
    app = new AppProcess(env);
    await app.start();

    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const response = await fetch(`${app.url}/v1/pledges`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              contributor: 'NPL',
              unitName: `NEPBATT ${w}-${i}`,
              unitType: 'INF',
              personnel: 850,
              noteVerbaleOn: '2019-05-01',
            }),
          });
          if (response.status === 201)
            acknowledged.push(((await response.json()) as { pledgeId: string }).pledgeId);
        } catch {
          return; // the process died under this request: not acknowledged
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    // killed once writes are acknowledged and more are in flight, whatever the machine's speed
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await app.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(10);

    app = new AppProcess(env);
    await app.start();
    const missing: string[] = [];
    for (const pledgeId of acknowledged) {
      const response = await fetch(`${app.url}/v1/pledges/${pledgeId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200) missing.push(`${pledgeId}: ${response.status}`);
    }
    expect(missing).toEqual([]);
    expect(await app.kill('SIGTERM')).toBe(0);
  });
});
