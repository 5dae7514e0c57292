import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The built single-process app (global setup builds it into COE_TEST_BUILD), as a user would run it. */
export class AppProcess {
  private child: ChildProcess | null = null;
  output = '';

  /** `entry`: a script of the build, e.g. `services/projections/src/main.js` for one service. */
  constructor(
    private readonly env: Record<string, string>,
    private readonly entry = 'main.js',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    const build = process.env.COE_TEST_BUILD;
    if (!build) throw new Error('COE_TEST_BUILD is not set: run through the integration project');
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, [`${build}/${this.entry}`], {
      env: { ...inherited, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`app exited with ${child.exitCode}:\n${this.output.slice(-3000)}`);
      const healthy = await fetch(`${this.url}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (healthy) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`app not healthy after ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
  }

  async kill(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }
}
