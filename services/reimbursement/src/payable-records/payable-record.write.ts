import { type Decider, type DomainEvent, decideAndAppend } from '@coe/event-store';
import { type WriteContext, commandOptions } from '@coe/platform';
import type { Tx } from '../shared/reimbursement.database';
import { type ReimbursementErrorCode, fail } from '../shared/reimbursement.errors';
import {
  type PayableRecordKind,
  type PayableRecordRow,
  savePayableRecord,
} from './payable-record.read-model';

// The three payables recorded besides monthly claims (letters of assist, death-and-disability cases,
// hostile-action incidents) write the same way: decide on the record's stream, then keep its read row in
// the same transaction. Only the stream, the decider and which fields key the row differ.

const NOT_FOUND: Record<PayableRecordKind, { code: ReimbursementErrorCode; what: string }> = {
  'letter-of-assist': { code: 'LOA_NOT_FOUND', what: 'letter of assist' },
  'death-and-disability': { code: 'DD_CASE_NOT_FOUND', what: 'death-and-disability case' },
  'hostile-action': { code: 'HOSTILE_ACTION_INCIDENT_NOT_FOUND', what: 'incident' },
};

/** Throws the kind's not-found code (404). */
export const payableRecordNotFound = (kind: PayableRecordKind, id: string): never =>
  fail(NOT_FOUND[kind].code, `No ${NOT_FOUND[kind].what} ${id}.`);

type Known<State> = Exclude<State, { status: 'none' }>;

/** How one kind of payable record is stored: its stream, its rules and the keys of its read row. */
export type PayableRecordAggregate<Command, Event extends DomainEvent, State extends { status: string }> = {
  kind: PayableRecordKind;
  stream: (id: string) => string;
  decider: Decider<Command, Event, State>;
  row: (state: Known<State>) => Pick<PayableRecordRow, 'ref' | 'mission' | 'contributor' | 'datedOn'>;
};

/** What a write answers: `created` when the request recorded a new one (201 with its Location). */
export type PayableRecordWritten = { id: string; streamVersion: bigint; created: boolean };

/**
 * The write of one kind of record: `run(t, id, command, write, created?)` decides on the record's stream
 * in the caller's transaction and saves the read row (also when the command changed nothing, a retry).
 * Throws the kind's not-found code when the stream holds no record.
 */
export const payableRecordWriter =
  <Command, Event extends DomainEvent, State extends { status: string }>(
    aggregate: PayableRecordAggregate<Command, Event, State>,
  ) =>
  async (
    t: Tx,
    id: string,
    command: Command,
    write: WriteContext,
    created = false,
  ): Promise<PayableRecordWritten & { state: Known<State> }> => {
    const result = await decideAndAppend(t.store, aggregate.stream(id), command, aggregate.decider, {
      ...commandOptions(write),
    });
    const state = result.newState;
    if (state.status === 'none') return payableRecordNotFound(aggregate.kind, id);
    const known = state as Known<State>;
    const version = result.nextExpectedVersion;
    await savePayableRecord(t.tx, t.schema, aggregate.kind, {
      ...{ id, ...aggregate.row(known), status: known.status, state: known, version },
    });
    return { id, streamVersion: version, created, state: known };
  };
