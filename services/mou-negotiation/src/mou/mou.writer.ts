import {
  Clock,
  EventStore,
  type HandleCommandOptions,
  type HandleCommandResult,
  handleCommand,
  handleCommandInTransaction,
  type TransactionalEventStore,
} from '@coe/event-store';
import { InjectPool } from '@coe/platform';
import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { InjectMouSchema } from '../mou-negotiation.options';
import type { MouCommand } from './mou.commands';
import { mouDecider, mouStreamId } from './mou.decider';
import { MouError } from './mou.errors';
import type { MouEvent } from './mou.events';
import { type MouView, mouView, saveMou } from './mou.read-model';
import type { DraftedMou, Mou } from './mou.state';
import { applyPendingMovements } from './mou.unit-movements';

export type MouWritten = { mou: MouView; version: bigint; changed: boolean };

export type BatchItem = { mouId: string; command: MouCommand; options: HandleCommandOptions };
/** What one command of a batch did: written, or refused by the decider (nothing recorded for it). */
export type BatchOutcome = MouWritten | MouError;

type Result = HandleCommandResult<MouEvent, Mou>;

const UNIQUE_VIOLATION = '23505';

// The read tables' unique indexes guard what the decider cannot see: other MOUs.
const mappedUniqueViolation = (error: unknown): unknown => {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== UNIQUE_VIOLATION) return error;
  if (constraint === 'mous_mou_ref')
    return new MouError('MOU_REF_TAKEN', 'This MOU reference is already used.');
  if (constraint === 'mous_live_unit')
    return new MouError('UNIT_ALREADY_HAS_MOU', 'This unit already has an MOU.');
  return error;
};

const refusalOr = async (write: () => Promise<MouWritten>): Promise<BatchOutcome> => {
  try {
    return await write();
  } catch (error) {
    if (error instanceof MouError) return error;
    throw error;
  }
};

/**
 * Runs a command on one MOU: decide, append, and write the read tables in the same transaction, either
 * its own (HTTP, imports) or the caller's (policies). Drafting an MOU for a unit also applies the unit's
 * movements force generation reported before the MOU existed.
 */
@Injectable()
export class MouWriter {
  constructor(
    @InjectPool() private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly clock: Clock,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  async run(mouId: string, command: MouCommand, options: HandleCommandOptions): Promise<MouWritten> {
    const recordedAt = options.recordedAt ?? this.clock.now();
    let latest: MouWritten | null = null;
    try {
      const result = await handleCommandInTransaction(
        this.pool,
        this.store,
        mouStreamId(mouId),
        command,
        mouDecider,
        { ...options, recordedAt },
        async (tx, result) => {
          latest = await this.afterAppend(tx, result, options, recordedAt);
        },
      );
      return latest ?? this.written(result, false);
    } catch (error) {
      throw mappedUniqueViolation(error);
    }
  }

  /** The same inside the caller's transaction; nothing here may use the pool (one connection when embedded). */
  async runIn(
    tx: PoolClient,
    mouId: string,
    command: MouCommand,
    options: HandleCommandOptions,
    /** Collects the transaction's store so the caller can announce its appends after COMMIT. */
    bounds?: TransactionalEventStore[],
  ): Promise<MouWritten> {
    const recordedAt = options.recordedAt ?? this.clock.now();
    const bound = this.store.withTransaction(tx);
    bounds?.push(bound);
    const result = await handleCommand(bound, mouStreamId(mouId), command, mouDecider, {
      ...options,
      recordedAt,
      maxAttempts: 1,
    });
    if (result.newEvents.length === 0) return this.written(result, false);
    return this.afterAppend(tx, result, options, recordedAt);
  }

  /**
   * Several commands in one transaction (an import's rows; one commit instead of one per row). A command
   * the decider refuses records nothing and does not stop the others. Should the transaction itself fail
   * (e.g. a reference taken meanwhile by another writer), each command runs again in its own.
   */
  async runMany(items: BatchItem[]): Promise<BatchOutcome[]> {
    let outcomes: BatchOutcome[] | null = null;
    const tx = await this.pool.connect();
    try {
      await tx.query('begin');
      const done: BatchOutcome[] = [];
      const bounds: TransactionalEventStore[] = [];
      for (const { mouId, command, options } of items) {
        done.push(await refusalOr(() => this.runIn(tx, mouId, command, options, bounds)));
      }
      await tx.query('commit');
      // wake in-process readers (projections) now rather than at their next poll
      bounds.forEach((bound) => bound.committed());
      outcomes = done;
    } catch {
      await tx.query('rollback').catch(() => undefined);
    } finally {
      tx.release();
    }
    if (outcomes) return outcomes;
    const one: BatchOutcome[] = [];
    for (const { mouId, command, options } of items) {
      one.push(await refusalOr(() => this.run(mouId, command, options)));
    }
    return one;
  }

  private async afterAppend(
    tx: PoolClient,
    result: Result,
    options: HandleCommandOptions,
    recordedAt: Date,
  ): Promise<MouWritten> {
    const state = result.newState as DraftedMou;
    await saveMou(tx, this.schema, {
      state,
      version: result.nextExpectedVersion,
      events: result.newEvents,
      metadata: options.metadata,
      recordedAt,
    });
    const drafted = result.newEvents.find((event) => event.type === 'MouDrafted');
    if (drafted && state.unitId !== null) {
      const applied = await applyPendingMovements(tx, this.schema, state, options.metadata, (command, opts) =>
        this.runIn(tx, state.mouId, command, { ...opts, recordedAt }),
      );
      if (applied) return applied;
    }
    return this.written(result, true);
  }

  private written(result: Result, changed: boolean): MouWritten {
    if (result.newState.status === 'none') throw new MouError('MOU_NOT_FOUND', 'No such MOU.');
    return {
      mou: mouView(result.newState, result.nextExpectedVersion),
      version: result.nextExpectedVersion,
      changed,
    };
  }
}
