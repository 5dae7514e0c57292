import {
  Clock,
  EventStore,
  type DecideOptions,
  type DecideResult,
  decideAndAppend,
  type TransactionalEventStore,
  WritePath,
  type WriteTx,
} from '@coe/event-store';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { InjectMouSchema } from '../mou-negotiation.options';
import type { MouCommand } from './mou.commands';
import { mouDecider, mouStreamId } from './mou.decider';
import { MouError } from './mou.errors';
import type { MouEvent } from './mou.events';
import { type MouView, mouView, saveMou } from './mou.read-model';
import type { DraftedMou, Mou } from './mou.state';
import { applyPendingMovements } from './mou.unit-movements';

export type MouWritten = { mou: MouView; version: bigint; changed: boolean };

export type BatchItem = { mouId: string; command: MouCommand; options: DecideOptions };
/** What one command of a batch did: written, or refused by the decider (nothing recorded for it). */
export type BatchOutcome = MouWritten | MouError;

type Result = DecideResult<MouEvent, Mou>;

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
 * Runs a command on one MOU on the service's write path: decide, append, and write the read tables in the
 * same transaction, either its own (HTTP, imports) or the caller's (policies). Drafting an MOU for a unit
 * also applies the unit's movements force generation reported before the MOU existed.
 */
@Injectable()
export class MouWriter {
  constructor(
    private readonly path: WritePath,
    private readonly store: EventStore,
    private readonly clock: Clock,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  async run(mouId: string, command: MouCommand, options: DecideOptions): Promise<MouWritten> {
    try {
      return await this.path.transaction((t) => this.runOn(t, mouId, command, options));
    } catch (error) {
      throw mappedUniqueViolation(error);
    }
  }

  /** The same inside the caller's transaction; nothing here may use the pool (one connection when embedded). */
  async runIn(
    tx: PoolClient,
    mouId: string,
    command: MouCommand,
    options: DecideOptions,
    /** Collects the transaction's store so the caller can announce its appends after COMMIT. */
    bounds?: TransactionalEventStore[],
  ): Promise<MouWritten> {
    const store = this.store.withTransaction(tx);
    bounds?.push(store);
    return this.runOn({ tx, store }, mouId, command, options);
  }

  /**
   * Several commands in one transaction (an import's rows; one commit instead of one per row). A command
   * the decider refuses records nothing and does not stop the others. Should the transaction itself fail
   * (e.g. a reference taken meanwhile by another writer), each command runs again in its own.
   */
  async runMany(items: BatchItem[]): Promise<BatchOutcome[]> {
    try {
      return await this.path.transaction(async (t) => {
        const done: BatchOutcome[] = [];
        for (const { mouId, command, options } of items) {
          done.push(await refusalOr(() => this.runOn(t, mouId, command, options)));
        }
        return done;
      });
    } catch {
      const one: BatchOutcome[] = [];
      for (const { mouId, command, options } of items) {
        one.push(await refusalOr(() => this.run(mouId, command, options)));
      }
      return one;
    }
  }

  private async runOn(
    t: WriteTx,
    mouId: string,
    command: MouCommand,
    options: DecideOptions,
  ): Promise<MouWritten> {
    const recordedAt = options.recordedAt ?? this.clock.now();
    const result = await decideAndAppend(t.store, mouStreamId(mouId), command, mouDecider, {
      ...options,
      recordedAt,
    });
    if (result.newEvents.length === 0) return this.written(result, false);
    return this.afterAppend(t, result, options, recordedAt);
  }

  private async afterAppend(
    t: WriteTx,
    result: Result,
    options: DecideOptions,
    recordedAt: Date,
  ): Promise<MouWritten> {
    const state = result.newState as DraftedMou;
    const { tx } = t;
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
        this.runOn(t, state.mouId, command, { ...opts, recordedAt }),
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
