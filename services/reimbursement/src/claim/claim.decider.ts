import type { PayableCategory } from '@coe/contracts';
import type { Decider } from '@coe/event-store';
import { money, usd } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';
import { adjustmentLines, totalOf } from './claim.adjustment';
import type { ClaimBasis } from './claim.calculation';
import type { ClaimCommand, ImportCertifiedClaim } from './claim.commands';
import type { ClaimCertifiedData, ClaimEvent, ClaimOrigin, ClaimVoided } from './claim.events';
import type { ClaimLine } from './claim.lines';

export type Claim =
  | { status: 'none' }
  | {
      status: 'prepared' | 'certified' | 'voided';
      claimId: string;
      claimRef: string;
      origin: ClaimOrigin;
      mission: string;
      contributor: string;
      category: PayableCategory;
      period: string;
      mouId: string | null;
      adjustsClaimId: string | null;
      basis: ClaimBasis | null;
      /** The last day the claim was prepared or adjusted. */
      preparedOn: string;
      /** Every officer who prepared or adjusted it: none of them may certify it. */
      preparers: string[];
      lines: ClaimLine[];
      adjustments: number;
      amountUsd: string;
      certified: ClaimCertifiedData | null;
      voided: ClaimVoided | null;
    };

const initialState = (): Claim => ({ status: 'none' });

const evolve = (state: Claim, event: ClaimEvent): Claim => {
  switch (event.type) {
    case 'ClaimPrepared': {
      const { preparedBy, ...rest } = event.data;
      const fresh = { status: 'prepared' as const, preparers: [preparedBy], adjustments: 0 };
      return { ...rest, ...fresh, certified: null, voided: null };
    }
    case 'ClaimVoided':
      if (state.status === 'none') return state;
      return { ...state, status: 'voided', voided: event.data };
    case 'ClaimAdjusted':
      if (state.status === 'none') return state;
      return {
        ...state,
        preparedOn: event.data.adjustedOn,
        preparers: [...state.preparers, event.data.adjustedBy],
        lines: [...state.lines, ...event.data.lines],
        adjustments: event.data.adjustmentNo,
        basis: event.data.basis,
        amountUsd: usd(money(state.amountUsd).plus(event.data.amountUsd)),
      };
    case 'ClaimCertified': {
      if (state.status !== 'none') return { ...state, status: 'certified', certified: event.data };
      // an imported claim: certified without a preparation recorded here
      const { claimId, claimRef, origin, mission, contributor, category, period, amountUsd, certifiedOn } =
        event.data;
      return {
        ...{
          status: 'certified',
          claimId,
          claimRef,
          origin,
          mission,
          contributor,
          category,
          period,
          amountUsd,
        },
        ...{
          mouId: null,
          adjustsClaimId: null,
          basis: null,
          preparedOn: certifiedOn,
          preparers: [],
          lines: [],
        },
        ...{ adjustments: 0, certified: event.data, voided: null },
      };
    }
  }
};

const COMPONENTS: PayableCategory[] = [
  'personnel',
  'major_equipment',
  'self_sustainment',
  'letter_of_assist',
  'death_and_disability',
];

const componentTotals = (lines: ClaimLine[]): { component: PayableCategory; amountUsd: string }[] =>
  COMPONENTS.filter((c) => lines.some((l) => l.component === c)).map((component) => ({
    component,
    amountUsd: totalOf(lines.filter((l) => l.component === component)),
  }));

const importConflicts = (data: ImportCertifiedClaim['data'], certified: ClaimCertifiedData | null): boolean =>
  certified === null ||
  certified.origin !== 'imported' ||
  certified.claimRef !== data.claimRef ||
  certified.mission !== data.mission ||
  certified.contributor !== data.contributor ||
  certified.category !== data.category ||
  certified.period !== data.period ||
  certified.amountUsd !== data.amountUsd ||
  certified.certifiedOn !== data.certifiedOn;

const voidedMessage = (state: { claimRef: string; voided: ClaimVoided | null }): string =>
  `${state.claimRef} was voided on ${state.voided?.voidedOn}: ${state.voided?.reason}`;

const decide = (command: ClaimCommand, state: Claim): ClaimEvent[] => {
  switch (command.type) {
    case 'PrepareClaim': {
      // a voided claim's month may be prepared afresh: the stream keeps the voided attempt before it
      if (state.status !== 'none' && state.status !== 'voided')
        fail('CLAIM_EXISTS', `Claim ${state.claimRef} already exists.`);
      const { data } = command;
      if (data.period > data.preparedOn.slice(0, 7)) {
        fail(
          'PERIOD_AFTER_PREPARATION',
          `A claim for ${data.period} cannot be prepared on ${data.preparedOn}.`,
        );
      }
      return [
        {
          type: 'ClaimPrepared',
          data: { ...data, amountUsd: totalOf(data.lines) },
          effectiveOn: data.preparedOn,
        },
      ];
    }
    case 'AdjustClaim': {
      const { claimId, adjustedOn, adjustedBy, recalculation, countedElsewhere } = command.data;
      if (state.status === 'none') return fail('CLAIM_NOT_FOUND', `No claim ${claimId}.`);
      if (state.status === 'voided') fail('CLAIM_VOIDED', voidedMessage(state));
      if (state.status === 'certified') {
        fail(
          'CLAIM_ALREADY_CERTIFIED',
          `${state.claimRef} is certified: a correction becomes an adjustment claim.`,
        );
      }
      if (state.origin !== 'computed' && state.origin !== 'adjustment') {
        fail('CLAIM_NOT_ADJUSTABLE', `${state.claimRef} is not computed from a verification report.`);
      }
      if (adjustedOn < state.preparedOn) {
        fail('DATED_BEFORE_PREPARATION', `${state.claimRef} was last prepared on ${state.preparedOn}.`);
      }
      const lines = adjustmentLines([...countedElsewhere, ...state.lines], recalculation.lines);
      if (lines.length === 0)
        fail('NOTHING_TO_ADJUST', `The recalculation of ${state.claimRef} changes nothing.`);
      const data = {
        claimId,
        adjustmentNo: state.adjustments + 1,
        adjustedOn,
        adjustedBy,
        lines,
        amountUsd: totalOf(lines),
        basis: recalculation.basis,
      };
      return [{ type: 'ClaimAdjusted', data, effectiveOn: adjustedOn }];
    }
    case 'CertifyClaim': {
      const { claimId, certifiedOn, certifiedBy } = command.data;
      if (state.status === 'none') return fail('CLAIM_NOT_FOUND', `No claim ${claimId}.`);
      if (state.status === 'voided') fail('CLAIM_VOIDED', voidedMessage(state));
      if (state.status === 'certified')
        fail('CLAIM_ALREADY_CERTIFIED', `${state.claimRef} is already certified.`);
      // four eyes: whoever prepared or adjusted a claim may not certify it
      if (state.preparers.includes(certifiedBy)) {
        fail(
          'FOUR_EYES_REQUIRED',
          `${state.claimRef} must be certified by an officer who did not prepare it.`,
        );
      }
      if (certifiedOn < state.preparedOn) {
        fail('DATED_BEFORE_PREPARATION', `${state.claimRef} was prepared on ${state.preparedOn}.`);
      }
      const amount = money(state.amountUsd);
      if (amount.isZero() || (amount.isNegative() && state.origin !== 'adjustment')) {
        fail('NOTHING_TO_CERTIFY', `${state.claimRef} amounts to ${state.amountUsd}.`);
      }
      const { claimRef, mission, contributor, category, period, amountUsd, origin, lines } = state;
      const data: ClaimCertifiedData = {
        ...{ claimId, claimRef, mission, contributor, category, period, amountUsd, certifiedOn },
        ...{ lines: componentTotals(lines), certifiedBy, origin },
      };
      return [{ type: 'ClaimCertified', data, effectiveOn: certifiedOn }];
    }
    case 'VoidClaim': {
      const { claimId, voidedOn, voidedBy, reason } = command.data;
      if (state.status === 'none') return fail('CLAIM_NOT_FOUND', `No claim ${claimId}.`);
      if (state.status === 'voided') fail('CLAIM_VOIDED', voidedMessage(state));
      if (state.status === 'certified') {
        fail(
          'CLAIM_ALREADY_CERTIFIED',
          `${state.claimRef} is certified: it is a payable now; a correction becomes an adjustment claim.`,
        );
      }
      if (reason.trim() === '') fail('VOID_REASON_REQUIRED', `Say why ${state.claimRef} is voided.`);
      if (voidedOn < state.preparedOn) {
        fail('DATED_BEFORE_PREPARATION', `${state.claimRef} was last prepared on ${state.preparedOn}.`);
      }
      const data = { claimId, voidedOn, voidedBy, reason: reason.trim() };
      return [{ type: 'ClaimVoided', data, effectiveOn: voidedOn }];
    }
    case 'ImportCertifiedClaim': {
      const { importedBy, ...row } = command.data;
      if (state.status !== 'none') {
        if (importConflicts(command.data, state.certified)) {
          fail('CONFLICTS_WITH_HISTORY', `Claim ${row.claimRef} was recorded with other content.`);
        }
        return [];
      }
      const data: ClaimCertifiedData = { ...row, certifiedBy: importedBy, origin: 'imported' };
      return [{ type: 'ClaimCertified', data, effectiveOn: row.certifiedOn }];
    }
  }
};

export const claimDecider: Decider<ClaimCommand, ClaimEvent, Claim> = { initialState, evolve, decide };
