import { connect, createServer, type Server, type Socket } from 'node:net';
import type { LoggerService } from '@nestjs/common';
import { freePort } from '../../../test/support/app-process';
import { type DatabaseHandle, openDatabase } from './database';

// Issue 17: started together with its database (compose, an orchestrator), a service must wait for
// PostgreSQL with backoff instead of exiting on the first refused connection.
describe('openDatabase against a PostgreSQL that is not up yet', () => {
  const target = new URL(process.env.DATABASE_URL!);
  const warnings: string[] = [];
  const logger: LoggerService = {
    log: () => undefined,
    warn: (message: string) => warnings.push(message),
    error: () => undefined,
  };
  let proxy: Server | undefined;
  let database: DatabaseHandle | undefined;
  const sockets = new Set<Socket>();

  afterEach(async () => {
    await database?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  });

  const serverAppearsOn = (port: number) =>
    new Promise<void>((resolve) => {
      proxy = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      proxy.listen(port, '127.0.0.1', resolve);
    });

  it('waits, saying so, and opens once the server answers', async () => {
    const port = await freePort();
    const url = new URL(target);
    url.host = `127.0.0.1:${port}`;
    const opening = openDatabase(
      { databaseUrl: url.toString(), dataDir: '' },
      { logger, poolMax: 2, retryDelayMs: { initial: 50, max: 200 } },
    );
    let openedAt = 0;
    void opening.then(() => (openedAt = Date.now()));

    await new Promise((r) => setTimeout(r, 1000));
    const upAt = Date.now();
    await serverAppearsOn(port);
    database = await opening;

    expect(openedAt).toBeGreaterThanOrEqual(upAt);
    expect(warnings[0]).toMatch(/^waiting for PostgreSQL: .*ECONNREFUSED/);
    const { rows } = await database.pool.query<{ one: number }>('select 1 as one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('fails at once on a database that does not exist', async () => {
    const url = new URL(target);
    url.pathname = '/coe_no_such_database';
    await expect(
      openDatabase({ databaseUrl: url.toString(), dataDir: '' }, { logger, poolMax: 1 }),
    ).rejects.toMatchObject({ code: '3D000' });
  });
});
