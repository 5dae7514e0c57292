import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Actor, InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionEngineContext } from './projection.context';
import { ProjectionEngineError } from './projection.errors';
import { consumerName, type ProjectionDefinition, type ProjectionName } from './projection.definition';
import { projectionHandler } from './projection.handler';
import { periodicPass, type PeriodicPass } from './projection.periodic';
import type { Lag } from './projection.lag';
import { checkReplay, type ReplayOutcome } from './projection.replay-check';

export type ReplayStatus = 'running' | 'completed' | 'failed';

export type ReplayStarted = { replayId: string; projection: ProjectionName; status: 'running' };

export type ReplaySummary = {
  replayId: string;
  projection: ProjectionName;
  status: ReplayStatus;
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  scratchVersion: number;
  liveVersion: number | null;
  /** Null until completed. */
  identical: boolean | null;
  differencesTotal: number | null;
  error: string | null;
};

export type ReplayView = ReplaySummary &
  Partial<Omit<ReplayOutcome, 'liveVersion' | 'identical' | 'differencesTotal'>> & {
    /** While running: how far the scratch copy still is from the end of the sources. */
    lag?: Lag | null;
  };

type Row = ReplaySummary & { outcome: ReplayOutcome | null };
type Running = {
  definition: ProjectionDefinition;
  version: number;
  caughtUpSince: number | null;
  errors: number;
};

const COLUMNS = `replay_id as "replayId", projection, status, requested_by as "requestedBy",
  started_at as "startedAt", finished_at as "finishedAt", scratch_version as "scratchVersion",
  live_version as "liveVersion", error, outcome`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// consecutive failed checks (other than a lost race) after which a replay is given up
const MAX_CHECK_ERRORS = 3;

/**
 * The auditor's replay check: a scratch version of a read model (status 'replay', never switched to, never
 * answering) is filled by its own consumer from the start of the sources; once caught up it is compared row
 * by row with the active version, the outcome is stored, and the consumer and scratch tables go. Replays
 * still running when the process stopped are resumed at the next start (their consumer continues from its
 * checkpoint); scratch versions of replays that already have an outcome are dropped then.
 */
@Injectable()
export class ProjectionReplays implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly running = new Map<string, Running>();
  private checks: PeriodicPass | null = null;

  constructor(
    @Inject(ProjectionEngineContext) private readonly context: ProjectionEngineContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async start(name: ProjectionName, actor: Actor): Promise<ReplayStarted> {
    const definition = this.context.named(name);
    if (this.context.consumers.transportFor(definition.sources) === 'none')
      throw new ProjectionEngineError(
        'REPLAY_UNAVAILABLE',
        `This process can read the events of ${definition.sources.join(', ')} neither in-process nor from Kafka.`,
      );
    const replayId = randomUUID();
    const { schema } = this.context;
    const version = await this.context.versions.startReplay(definition, async (tx, version) => {
      const { rowCount } = await tx.query(
        `select 1 from ${schema}.audit_replays where projection = $1 and status = 'running'`,
        [name],
      );
      if (rowCount)
        throw new ProjectionEngineError('REPLAY_IN_PROGRESS', `A replay of ${name} is already running.`, {
          projection: name,
        });
      await tx.query(
        `insert into ${schema}.audit_replays (replay_id, projection, scratch_version, status, requested_by)
         values ($1, $2, $3, 'running', $4)`,
        [replayId, name, version, actor.sub],
      );
    });
    await this.run(replayId, definition, version);
    return { replayId, projection: name, status: 'running' };
  }

  async get(replayId: string): Promise<ReplayView> {
    const rows = UUID.test(replayId) ? await this.rows(`where replay_id = $1`, [replayId]) : [];
    const row = rows[0];
    if (!row) throw new ProjectionEngineError('REPLAY_NOT_FOUND', `No replay ${replayId}.`, { replayId });
    const { outcome, ...summary } = row;
    if (!outcome || summary.status !== 'completed') {
      if (summary.status !== 'running') return summary;
      const definition = this.context.named(summary.projection);
      const lag = await this.context.consumers
        .lag({
          consumer: consumerName(definition.name, summary.scratchVersion),
          sources: definition.sources,
          startedAt: summary.startedAt,
        })
        .catch(() => null);
      return { ...summary, lag };
    }
    const { liveVersion: _, identical: __, differencesTotal: ___, ...details } = outcome;
    return { ...summary, ...details };
  }

  async list(): Promise<ReplaySummary[]> {
    return (await this.rows('order by started_at desc, replay_id', [])).map(({ outcome: _, ...s }) => s);
  }

  onApplicationBootstrap(): void {
    let resumed = false;
    this.checks = periodicPass(
      () => (resumed ? this.checkAll() : this.resume().then(() => void (resumed = true))),
      this.context.config.switchCheckMs,
      (error) => this.logger.warn(`replay check failed: ${error.message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checks?.stop();
    const running = [...this.running.values()];
    this.running.clear();
    await Promise.all(
      running.map((r) => this.context.consumers.stop(consumerName(r.definition.name, r.version))),
    );
  }

  /** One pass: every replay running here whose consumer has nothing left to read is compared. */
  async checkAll(): Promise<void> {
    for (const [replayId, replay] of [...this.running]) {
      try {
        await this.check(replayId, replay);
        replay.errors = 0;
      } catch (error) {
        // a serialization failure is a concurrent writer of the same rows: look again next time
        if ((error as { code?: string }).code === '40001') continue;
        replay.errors++;
        this.logger.warn(`replay ${replayId}: ${(error as Error).message}`);
        if (replay.errors >= MAX_CHECK_ERRORS) await this.fail(replayId, replay, (error as Error).message);
      }
    }
  }

  private async check(replayId: string, replay: Running): Promise<void> {
    const { definition, version } = replay;
    const lag = await this.context.consumers.lag({
      consumer: consumerName(definition.name, version),
      sources: definition.sources,
      startedAt: new Date(),
      scanLimit: 1,
    });
    if (lag === null || lag.eventsBehind > 0) {
      replay.caughtUpSince = null;
      return;
    }
    replay.caughtUpSince ??= Date.now();
    const result = await checkReplay(
      this.pool,
      this.context.schema,
      definition,
      replayId,
      version,
      Date.now() - replay.caughtUpSince >= this.context.config.switchWaitMs,
    );
    if (result.kind === 'waiting-for-same-position') return;
    await this.complete(replayId, replay);
    if (result.kind === 'compared') {
      const { identical, differencesTotal, liveVersion, samePosition } = result.outcome;
      this.logger.log(
        `replay ${replayId} of ${definition.name} v${liveVersion}: ` +
          `${identical ? 'identical' : `${differencesTotal} difference(s)`}` +
          `${samePosition ? '' : ' (not at the same position)'}`,
      );
    }
  }

  /** At start: resumes the replays still running, and drops scratch copies left by finished ones. */
  private async resume(): Promise<void> {
    const { rows } = await this.pool.query<{
      replayId: string;
      projection: ProjectionName;
      version: number;
      compared: boolean;
    }>(
      `select replay_id as "replayId", projection, scratch_version as version, outcome is not null as compared
       from ${this.context.schema}.audit_replays where status = 'running'`,
    );
    const versions = await this.context.versions.list();
    for (const row of rows) {
      if (this.running.has(row.replayId)) continue;
      const definition = this.context.named(row.projection);
      if (row.compared) {
        await this.complete(row.replayId, { definition, version: row.version });
        continue;
      }
      const scratch = versions.find((v) => v.projection === row.projection && v.version === row.version);
      if (scratch?.status !== 'replay') {
        await this.fail(row.replayId, { definition, version: row.version }, 'its scratch copy was dropped');
        continue;
      }
      await this.run(row.replayId, definition, row.version).catch(() => undefined);
    }
    const live = new Set(rows.map((r) => `${r.projection}:${r.version}`));
    for (const v of versions.filter(
      (v) => v.status === 'replay' && !live.has(`${v.projection}:${v.version}`),
    ))
      await this.context.versions.dropReplay(this.context.named(v.projection), v.version);
  }

  private async run(replayId: string, definition: ProjectionDefinition, version: number): Promise<void> {
    try {
      await this.context.consumers.start(
        projectionHandler(this.context.schema, definition, version),
        definition.sources,
      );
      this.running.set(replayId, { definition, version, caughtUpSince: null, errors: 0 });
    } catch (error) {
      await this.fail(
        replayId,
        { definition, version },
        `its consumer did not start: ${(error as Error).message}`,
      );
      throw error;
    }
  }

  private async fail(
    replayId: string,
    replay: Pick<Running, 'definition' | 'version'>,
    reason: string,
  ): Promise<void> {
    this.logger.warn(`replay ${replayId} of ${replay.definition.name} failed: ${reason}`);
    await this.pool.query(
      `update ${this.context.schema}.audit_replays set status = 'failed', finished_at = now(), error = $2
       where replay_id = $1 and status = 'running'`,
      [replayId, reason],
    );
    await this.dispose(replayId, replay);
  }

  /** Once the outcome is stored: the replay is completed when its scratch copy is gone. */
  private async complete(replayId: string, replay: Pick<Running, 'definition' | 'version'>): Promise<void> {
    await this.dispose(replayId, replay);
    await this.pool.query(
      `update ${this.context.schema}.audit_replays set status = 'completed', finished_at = now()
       where replay_id = $1 and status = 'running' and outcome is not null`,
      [replayId],
    );
  }

  /** Stops the replay's consumer (when it runs here) and drops its scratch tables and bookkeeping. */
  private async dispose(replayId: string, replay: Pick<Running, 'definition' | 'version'>): Promise<void> {
    this.running.delete(replayId);
    await this.context.consumers.stop(consumerName(replay.definition.name, replay.version));
    await this.context.versions.dropReplay(replay.definition, replay.version);
  }

  private async rows(where: string, params: unknown[]): Promise<Row[]> {
    const { rows } = await this.pool.query<Omit<Row, 'identical' | 'differencesTotal'>>(
      `select ${COLUMNS} from ${this.context.schema}.audit_replays ${where}`,
      params,
    );
    return rows.map((row) => {
      const outcome = row.status === 'completed' ? row.outcome : null;
      return {
        ...row,
        liveVersion: outcome ? row.liveVersion : null,
        identical: outcome?.identical ?? null,
        differencesTotal: outcome?.differencesTotal ?? null,
      };
    });
  }
}
