import { type DecideResult, decideAndAppend, foldStream } from '@coe/event-store';
import { nameBasedUuid } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReimbursementDatabase, type Tx } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import { type WriteContext, commandOptions } from '@coe/platform';
import { adjustmentLines } from './claim.adjustment';
import type { ClaimCommand } from './claim.commands';
import { type Claim, claimDecider } from './claim.decider';
import { type ClaimEvent, claimStream } from './claim.events';
import { adjustmentClaimsOf, claimsByRef, saveClaims } from './claim.read-model';
import { type PreloadedSources, calculateFromRecords } from './claim.sources';

export type ClaimWritten = { claimId: string; streamVersion: bigint; created: boolean };

type Known = Exclude<Claim, { status: 'none' }>;

export const runClaimCommand = async (
  t: Tx,
  claimId: string,
  command: ClaimCommand,
  write: WriteContext,
  created = false,
) => {
  const result: DecideResult<ClaimEvent, Claim> = await decideAndAppend(
    t.store,
    claimStream(claimId),
    command,
    claimDecider,
    commandOptions(write),
  );
  await saveClaims(t.tx, t.schema, [
    { claim: result.newState as Known, version: result.nextExpectedVersion },
  ]);
  return { claimId, streamVersion: result.nextExpectedVersion, created };
};

export const assertRefFree = async (t: Tx, claimRef: string): Promise<void> => {
  if ((await claimsByRef(t.tx, t.schema, [claimRef])).length > 0) {
    fail('CLAIM_EXISTS', `A claim ${claimRef} exists already.`);
  }
};

/** One claim per unit (MOU) and month, so its id derives from them. */
export const computedClaimId = (mouId: string, period: string): string =>
  nameBasedUuid(JSON.stringify(['claim', mouId, period]));

export class PrepareClaimCommand extends Command<ClaimWritten> {
  constructor(
    readonly data: { mouId: string; period: string; preparedOn: string },
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(PrepareClaimCommand)
export class PrepareClaimHandler implements ICommandHandler<PrepareClaimCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ data, write }: PrepareClaimCommand): Promise<ClaimWritten> {
    return this.db.write((t) => prepareComputedClaim(t, data, write));
  }
}

/** A unit's claim for a month, computed from what is recorded now (one request, or one unit of a claims run). */
export const prepareComputedClaim = async (
  t: Tx,
  data: { mouId: string; period: string; preparedOn: string },
  write: WriteContext,
  preloaded: PreloadedSources | null = null,
): Promise<ClaimWritten & { amountUsd: string; claimRef: string }> => {
  const { report, calculation } = await calculateFromRecords(
    t.tx,
    t.store,
    t.schema,
    data.mouId,
    data.period,
    data.preparedOn,
    preloaded,
  );
  const claimId = computedClaimId(data.mouId, data.period);
  const claimRef = `${report.mouRef}/${data.period}`;
  if ((await t.store.readStream(claimStream(claimId))).length === 0) await assertRefFree(t, claimRef);
  const { mission, contributor } = report;
  const written = await runClaimCommand(
    t,
    claimId,
    {
      type: 'PrepareClaim',
      data: {
        ...{
          claimId,
          claimRef,
          origin: 'computed',
          mouId: data.mouId,
          mission,
          contributor,
          category: 'personnel',
        },
        ...{ period: data.period, preparedOn: data.preparedOn, preparedBy: write.metadata.actor.sub },
        ...{ lines: calculation.lines, basis: calculation.basis, adjustsClaimId: null },
      },
    },
    write,
    true,
  );
  return { ...written, amountUsd: calculation.amountUsd, claimRef };
};

export class AdjustClaimCommand extends Command<ClaimWritten> {
  constructor(
    readonly claimId: string,
    readonly adjustedOn: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/**
 * A corrected verification report: ADJUSTMENT lines on the claim while it is not certified; once it is,
 * an adjustment claim of its own (certified and paid like any claim), or more lines on the one pending.
 */
@CommandHandler(AdjustClaimCommand)
export class AdjustClaimHandler implements ICommandHandler<AdjustClaimCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ claimId, adjustedOn, write }: AdjustClaimCommand): Promise<ClaimWritten> {
    return this.db.write(async (t) => {
      const claim = await loadClaim(t, claimId);
      const original = claim.adjustsClaimId === null ? claim : await loadClaim(t, claim.adjustsClaimId);
      if (original.origin !== 'computed' || original.mouId === null) {
        return fail('CLAIM_NOT_ADJUSTABLE', `${claim.claimRef} is not computed from a verification report.`);
      }
      const { calculation } = await calculateFromRecords(
        t.tx,
        t.store,
        t.schema,
        original.mouId,
        original.period,
        adjustedOn,
      );
      const adjustedBy = write.metadata.actor.sub;
      if (original.status === 'prepared') {
        const data = {
          claimId: original.claimId,
          adjustedOn,
          adjustedBy,
          recalculation: calculation,
          countedElsewhere: [],
        };
        return runClaimCommand(t, original.claimId, { type: 'AdjustClaim', data }, write);
      }
      const adjustments = await adjustmentClaimsOf(t.tx, t.schema, original.claimId);
      const pending = adjustments.find((a) => a.status === 'prepared');
      const certified = adjustments.filter((a) => a.status === 'certified').flatMap((a) => a.lines);
      const counted = [...original.lines, ...certified];
      if (pending) {
        const data = {
          claimId: pending.claimId,
          adjustedOn,
          adjustedBy,
          recalculation: calculation,
          countedElsewhere: counted,
        };
        return runClaimCommand(t, pending.claimId, { type: 'AdjustClaim', data }, write);
      }
      const lines = adjustmentLines(counted, calculation.lines);
      if (lines.length === 0)
        fail('NOTHING_TO_ADJUST', `The recalculation of ${original.claimRef} changes nothing.`);
      const n = adjustments.length + 1;
      const adjustmentId = nameBasedUuid(JSON.stringify(['claim-adjustment', original.claimId, n]));
      const claimRef = `${original.claimRef}/ADJ${n}`;
      await assertRefFree(t, claimRef);
      const { mission, contributor, period, mouId } = original;
      return runClaimCommand(
        t,
        adjustmentId,
        {
          type: 'PrepareClaim',
          data: {
            ...{ claimId: adjustmentId, claimRef, origin: 'adjustment', mouId, mission, contributor, period },
            ...{ category: 'personnel', preparedOn: adjustedOn, preparedBy: adjustedBy, lines },
            ...{ basis: calculation.basis, adjustsClaimId: original.claimId },
          },
        },
        write,
        true,
      );
    });
  }
}

/** A claim as its stream now stands; CLAIM_NOT_FOUND when it has none. */
export const loadClaim = async (t: Tx, claimId: string): Promise<Known> => {
  const state = foldStream(claimDecider, await t.store.readStream(claimStream(claimId)));
  return state.status === 'none' ? fail('CLAIM_NOT_FOUND', `No claim ${claimId}.`) : state;
};

export class CertifyClaimCommand extends Command<ClaimWritten> {
  constructor(
    readonly claimId: string,
    readonly certifiedOn: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(CertifyClaimCommand)
export class CertifyClaimHandler implements ICommandHandler<CertifyClaimCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ claimId, certifiedOn, write }: CertifyClaimCommand): Promise<ClaimWritten> {
    const certifiedBy = write.metadata.actor.sub;
    return this.db.write((t) =>
      runClaimCommand(
        t,
        claimId,
        { type: 'CertifyClaim', data: { claimId, certifiedOn, certifiedBy } },
        write,
      ),
    );
  }
}

export class VoidClaimCommand extends Command<ClaimWritten> {
  constructor(
    readonly claimId: string,
    readonly data: { voidedOn: string; reason: string },
    readonly write: WriteContext,
  ) {
    super();
  }
}

/** A wrongly prepared claim withdrawn before certification (ClaimVoided): never payable afterwards. */
@CommandHandler(VoidClaimCommand)
export class VoidClaimHandler implements ICommandHandler<VoidClaimCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ claimId, data, write }: VoidClaimCommand): Promise<ClaimWritten> {
    const voidedBy = write.metadata.actor.sub;
    return this.db.write((t) =>
      runClaimCommand(t, claimId, { type: 'VoidClaim', data: { claimId, ...data, voidedBy } }, write),
    );
  }
}
