import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/app-process';

// A newcomer's first hour, as CI can replay it: a fresh clone, the README's first command, then every
// request of the README's tour, each answer compared with the one the README shows.
type Block = { lang: string; code: string };

const blocksOf = (markdown: string): Block[] =>
  [...markdown.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, code: m[2]!.trim() }));

const tourOf = (readme: string) => {
  const section = readme.split(/^## A five-minute tour$/m)[1]!.split(/^## /m)[0]!;
  const steps: { command: string; expected?: Block }[] = [];
  for (const block of blocksOf(section)) {
    if (block.lang === 'bash') steps.push({ command: block.code });
    else steps.at(-1)!.expected = block;
  }
  return steps;
};

describe('a newcomer following the README', () => {
  const clone = mkdtempSync(join(tmpdir(), 'coe-newcomer-'));
  let app: ChildProcess | null = null;
  let output = '';

  afterAll(async () => {
    if (app?.pid && app.exitCode === null) {
      const exited = new Promise((r) => app!.once('exit', r));
      process.kill(-app.pid, 'SIGTERM');
      await exited;
    }
    rmSync(clone, { recursive: true, force: true });
  });

  it('gets the system running with the first command and sees every answer of the tour', async () => {
    execFileSync('git', ['clone', '-q', join(__dirname, '..'), clone]);
    const readme = readFileSync(join(clone, 'README.md'), 'utf8');
    const first = blocksOf(readme)[0]!;
    expect(first).toEqual({ lang: 'bash', code: 'npm ci && npm start -- --demo' });

    const port = String(await freePort());
    const { DATABASE_URL: _db, KAFKA_BROKERS: _k, JWT_SECRET: _s, ...env } = process.env;
    app = spawn('bash', ['-c', first.code], {
      cwd: clone,
      env: { ...env, PORT: port, NODE_ENV: 'development' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    app.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 600_000;
    for (;;) {
      if (app.exitCode !== null)
        throw new Error(`the first command exited with ${app.exitCode}:\n${output.slice(-3000)}`);
      if (
        await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error(`not healthy in time:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(output).toContain('npm run token'); // it told the newcomer how to mint a token
    // the same command built and serves the console at /
    const consolePage = await fetch(`http://127.0.0.1:${port}/`, { headers: { Accept: 'text/html' } });
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('<div id="root">');
    // the README says to wait for the demo data before the tour
    while (!output.includes('Demo data loaded')) {
      if (app.exitCode !== null || Date.now() > deadline)
        throw new Error(`no demo data:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(output).not.toContain('Differs from the 2019 report');

    let shellEnv = { ...env } as Record<string, string>;
    for (const step of tourOf(readme)) {
      const command = step.command.replaceAll('127.0.0.1:3000', `127.0.0.1:${port}`);
      if (!step.expected) {
        // a setup step: keep the variables it exports for the next ones
        const result = spawnSync('bash', ['-c', `${command}\nenv -0`], {
          cwd: clone,
          env: shellEnv,
          encoding: 'utf8',
        });
        expect(result.status).toBe(0);
        shellEnv = Object.fromEntries(
          result.stdout
            .split('\0')
            .filter(Boolean)
            .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
        );
        continue;
      }
      // reports follow the writes within moments (in-process delivery): allow a few tries for them
      let answer = '';
      for (let attempt = 0; attempt < 20; attempt++) {
        answer = spawnSync('bash', ['-c', command], {
          cwd: clone,
          env: shellEnv,
          encoding: 'utf8',
        }).stdout.trim();
        const matches =
          step.expected.lang === 'json'
            ? safeEqual(answer, step.expected.code)
            : answer === step.expected.code;
        if (matches || command.includes('-X POST')) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      if (step.expected.lang === 'json')
        expect([command, JSON.parse(answer)]).toEqual([command, JSON.parse(step.expected.code)]);
      else expect([command, answer]).toEqual([command, step.expected.code]);
    }
  }, 900_000); // npm ci in a fresh clone dominates
});

const safeEqual = (a: string, b: string): boolean => {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
};
