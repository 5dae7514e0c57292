import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chainHash, contentHash, PostgresEventStore } from '@coe/event-store';
import { Pool } from 'pg';
import { type Checkpoint, merkleRoot, verifyCheckpoint } from './checkpoint';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const metadata = { actor: { sub: 'clerk', roles: ['mou-clerk'] } };

// A database of its own: a checkpoint seals every event store in the database it is given.
describe('checkpoints an auditor keeps: npm run audit:checkpoint and audit:verify --checkpoint', () => {
  const name = `coe_cp_${randomBytes(5).toString('hex')}`;
  const adminUrl = process.env.DATABASE_URL!;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'coe-checkpoint-'));
  const keys = generateKeyPairSync('ed25519');
  const keyFile = join(dir, 'signing.pem');
  const publicKeyFile = join(dir, 'public.pem');
  const checkpointFile = join(dir, 'checkpoint.json');
  let admin: Pool;
  let pool: Pool;
  const stores: Record<string, PostgresEventStore> = {};

  beforeAll(async () => {
    writeFileSync(keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(publicKeyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }));
    admin = new Pool({ connectionString: adminUrl, max: 1 });
    await admin.query(`create database ${name}`);
    pool = new Pool({ connectionString: url.toString(), max: 2 });
    // dropping the database at the end terminates backends of clients still closing: not a failure
    pool.on('error', () => undefined);
    for (const schema of ['mou_negotiation', 'reimbursement']) {
      stores[schema] = new PostgresEventStore({ pool, schema });
      await stores[schema].migrate();
      await stores[schema].append(
        'mou-a',
        [
          { type: 'A', data: { n: 1 } },
          { type: 'B', data: { n: 2 }, effectiveOn: '2019-01-02' },
        ],
        { metadata },
      );
      await stores[schema].append('mou-b', [{ type: 'A', data: { n: 3 } }], { metadata });
    }
  });
  afterAll(async () => {
    await pool.end();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (script: string, args: string[] = [], env: Record<string, string> = {}) =>
    run('node', [`${process.env.COE_TEST_BUILD}/libs/audit/src/${script}`, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url.toString(), ...env },
    }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
  const verifyAgainst = (file = checkpointFile, key = publicKeyFile) =>
    cli('verify.cli.js', ['--checkpoint', file, '--public-key', key]);

  it('seals every stream head below the oldest running transaction, signed with the configured key', async () => {
    const sealed = await cli('checkpoint.cli.js', [], { AUDIT_SIGNING_KEY_FILE: keyFile });
    expect(sealed.code).toBe(0);
    writeFileSync(checkpointFile, sealed.out);
    const checkpoint = JSON.parse(sealed.out) as Checkpoint;
    expect(checkpoint).toMatchObject({
      format: 'coe-checkpoint/1',
      publicKey: keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    });
    // two stores of 3 events each: heads mou-a v2 and mou-b v1, each store's last position 3
    expect(checkpoint.stores.map((s) => [s.schema, s.events, s.upToGlobalPosition])).toEqual([
      ['mou_negotiation', 3, '3'],
      ['reimbursement', 3, '3'],
    ]);
    const heads = checkpoint.stores[1]!.heads;
    expect(heads.map((h) => [h.streamId, h.version])).toEqual([
      ['mou-a', '2'],
      ['mou-b', '1'],
    ]);
    expect(checkpoint.stores[1]!.root).toBe(merkleRoot(heads));
    expect(readFileSync(keyFile, 'utf8')).not.toContain(checkpoint.signature);
  });

  it("finds today's history intact and lists what was recorded after the seal", async () => {
    await stores.reimbursement!.append('mou-a', [{ type: 'C', data: { n: 4 } }], { metadata });
    await stores.reimbursement!.append('mou-c', [{ type: 'A', data: { n: 5 } }], { metadata });
    const result = await verifyAgainst();
    expect(result.code).toBe(0);
    expect(result.out.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        /^audit:verify: intact against checkpoint [0-9a-f]{16} sealed .*: 6 sealed events; recorded after: 2 streams$/,
      ),
      '  after: reimbursement mou-a versions 3..3',
      '  after: reimbursement mou-c versions 1..1',
    ]);
  });

  it('refuses a checkpoint signed by another key, and one whose heads were edited', async () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' });
    const otherFile = join(dir, 'other.pem');
    writeFileSync(otherFile, other);
    expect(await verifyAgainst(checkpointFile, otherFile)).toEqual({
      code: 1,
      out: expect.stringContaining(': UNTRUSTED_KEY'),
    });
    const edited = JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoint;
    edited.stores[1]!.heads[1]!.hash = '0'.repeat(64);
    const editedFile = join(dir, 'edited.json');
    writeFileSync(editedFile, JSON.stringify(edited));
    const result = await verifyAgainst(editedFile);
    expect(result.code).toBe(1);
    expect(result.out).toContain(': ROOT_MISMATCH');
  });

  it('names the stream a superuser altered below the seal and re-chained, which the chain check alone misses', async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica'); // bypasses the append-only trigger
      await client.query(
        `update reimbursement.events set data = '{"n": 30}' where stream_id = 'mou-b' and stream_version = 1`,
      );
      // re-chain every event of the stream consistently, as someone covering their tracks would
      const { rows } = await client.query(
        `select event_id, stream_id, stream_version, event_type, schema_version, data, metadata,
                to_char(effective_on, 'YYYY-MM-DD') as effective_on, recorded_at
           from reimbursement.events where stream_id = 'mou-b' order by stream_version`,
      );
      let previous: string | null = null;
      for (const row of rows) {
        const content = contentHash({
          eventId: row.event_id,
          type: row.event_type,
          schemaVersion: row.schema_version,
          streamId: row.stream_id,
          data: row.data,
          effectiveOn: row.effective_on,
          recordedAt: row.recorded_at,
          metadata: row.metadata,
        });
        const hash = chainHash(previous, BigInt(row.stream_version), content);
        await client.query(
          `update reimbursement.events set content_hash = $2, hash = $3, previous_hash = $4 where event_id = $1`,
          [row.event_id, content, hash, previous],
        );
        previous = hash;
      }
      await client.query('commit');
    } finally {
      client.release();
    }
    // every chain is consistent again: the check without a checkpoint cannot see it
    expect(await cli('verify.cli.js')).toMatchObject({ code: 0, out: expect.stringContaining('intact') });
    expect(await verifyAgainst()).toEqual({
      code: 1,
      out: expect.stringMatching(
        /BROKEN against checkpoint .*: in reimbursement: stream mou-b: HISTORY_REWRITTEN\n$/,
      ),
    });
    const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoint;
    expect((await verifyCheckpoint(pool, checkpoint, keys.publicKey)).problems).toEqual([
      { schema: 'reimbursement', streamId: 'mou-b', problem: 'HISTORY_REWRITTEN' },
    ]);
  });
});
