import type { Decider } from '@coe/event-store';
import { ZERO, usd } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';
import type { ClaimRunCommand } from './claim-run.commands';
import type { ClaimRunEvent, ClaimRunOutcome, ClaimRunStarted } from './claim-run.events';

export type ClaimRun =
  | { status: 'none' }
  | {
      status: 'running' | 'completed';
      start: ClaimRunStarted;
      batches: number;
      outcomes: ClaimRunOutcome[];
      certifications: number;
    };

const initialState = (): ClaimRun => ({ status: 'none' });

const evolve = (state: ClaimRun, event: ClaimRunEvent): ClaimRun => {
  if (event.type === 'ClaimRunStarted')
    return { status: 'running', start: event.data, batches: 0, outcomes: [], certifications: 0 };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ClaimRunBatchRecorded':
      return { ...state, batches: event.data.batch, outcomes: [...state.outcomes, ...event.data.outcomes] };
    case 'ClaimRunCompleted':
      return { ...state, status: 'completed' };
    case 'ClaimRunCertified':
      return { ...state, certifications: state.certifications + 1 };
  }
};

const counted = (outcomes: ClaimRunOutcome[], outcome: ClaimRunOutcome['outcome']): number =>
  outcomes.filter((o) => o.outcome === outcome).length;

const decide = (command: ClaimRunCommand, state: ClaimRun): ClaimRunEvent[] => {
  switch (command.type) {
    case 'StartClaimRun': {
      const start = command.data;
      if (state.status !== 'none') fail('CLAIM_RUN_EXISTS', `Claims run ${start.runId} exists.`);
      if (start.period > start.preparedOn.slice(0, 7)) {
        fail(
          'PERIOD_AFTER_PREPARATION',
          `Claims for ${start.period} cannot be prepared on ${start.preparedOn}.`,
        );
      }
      return [{ type: 'ClaimRunStarted', data: start, effectiveOn: start.preparedOn }];
    }
    case 'RecordClaimRunBatch': {
      const { runId, outcomes } = command.data;
      const run = running(state, runId);
      const expected = new Set(run.start.mouIds);
      const seen = new Set(run.outcomes.map((o) => o.mouId));
      // a unit is looked at once per run, and only the units the run started with
      for (const o of outcomes) {
        if (!expected.has(o.mouId) || seen.has(o.mouId)) {
          fail('CLAIM_RUN_UNIT_UNEXPECTED', `Unit ${o.mouId} is not awaiting this run.`);
        }
        seen.add(o.mouId);
      }
      const data = { runId, batch: run.batches + 1, outcomes };
      return [{ type: 'ClaimRunBatchRecorded', data, effectiveOn: run.start.preparedOn }];
    }
    case 'CompleteClaimRun': {
      const run = running(state, command.data.runId);
      if (run.outcomes.length !== run.start.mouIds.length) {
        fail(
          'CLAIM_RUN_INCOMPLETE',
          `${run.start.mouIds.length - run.outcomes.length} units are not done yet.`,
        );
      }
      const amount = run.outcomes.reduce(
        (t, o) => (o.outcome === 'prepared' ? t.plus(o.amountUsd) : t),
        ZERO,
      );
      const data = {
        runId: command.data.runId,
        prepared: counted(run.outcomes, 'prepared'),
        alreadyClaimed: counted(run.outcomes, 'already-claimed'),
        notClaimed: counted(run.outcomes, 'not-claimed'),
        amountUsd: usd(amount),
      };
      return [{ type: 'ClaimRunCompleted', data, effectiveOn: run.start.preparedOn }];
    }
    case 'CertifyClaimRun': {
      const { runId, certifiedOn, certifiedBy, pending } = command.data;
      if (state.status === 'none') return fail('CLAIM_RUN_NOT_FOUND', `No claims run ${runId}.`);
      if (state.status !== 'completed') fail('CLAIM_RUN_INCOMPLETE', `Claims run ${runId} is still running.`);
      // four eyes, for the run as for each claim: whoever ran it prepared every claim it prepared
      if (certifiedBy === state.start.preparedBy) {
        fail('FOUR_EYES_REQUIRED', 'The claims of a run must be certified by an officer who did not run it.');
      }
      if (certifiedOn < state.start.preparedOn) {
        fail('DATED_BEFORE_PREPARATION', `The run prepared its claims on ${state.start.preparedOn}.`);
      }
      const mine = new Set(state.outcomes.flatMap((o) => (o.outcome === 'prepared' ? [o.claimId] : [])));
      const ofRun = pending.filter((p) => mine.has(p.claimId));
      const certified = ofRun.filter((p) => !p.preparers.includes(certifiedBy)).map((p) => p.claimId);
      const skipped = ofRun
        .filter((p) => p.preparers.includes(certifiedBy))
        .map((p) => ({ claimId: p.claimId, code: 'FOUR_EYES_REQUIRED' }));
      if (certified.length === 0) fail('NOTHING_TO_CERTIFY', `No claim of run ${runId} awaits this officer.`);
      const data = { runId, certifiedOn, certifiedBy, certified, skipped };
      return [{ type: 'ClaimRunCertified', data, effectiveOn: certifiedOn }];
    }
  }
};

const running = (state: ClaimRun, runId: string) => {
  if (state.status === 'none') return fail('CLAIM_RUN_NOT_FOUND', `No claims run ${runId}.`);
  if (state.status === 'completed') return fail('CLAIM_RUN_COMPLETED', `Claims run ${runId} is completed.`);
  return state;
};

export const claimRunDecider: Decider<ClaimRunCommand, ClaimRunEvent, ClaimRun> = {
  initialState,
  evolve,
  decide,
};
