import { decideAndAppend } from '@coe/event-store';
import { DomainError, type WriteContext, commandOptions, newAggregateId } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { computedClaimId, loadClaim, prepareComputedClaim, runClaimCommand } from '../claim/claim.handlers';
import { claimStream } from '../claim/claim.events';
import type { PreloadedSources } from '../claim/claim.sources';
import { loadMouTermsOf } from '../mou-terms/mou-terms.read-model';
import { loadRateTableVersions } from '../rate-table/rate-table.read-model';
import { ReimbursementDatabase, type Tx } from '../shared/reimbursement.database';
import type { ClaimRunCommand } from './claim-run.commands';
import { claimRunDecider } from './claim-run.decider';
import { type ClaimRunOutcome, claimRunStream } from './claim-run.events';
import { claimRunCandidates, saveClaimRun } from './claim-run.read-model';

/** Units per transaction: a run's progress is visible batch by batch, and a crash loses at most one. */
export const CLAIM_RUN_BATCH = 50;

// Event ids of one request: the run's own events first, then each unit's claim events, so a request
// retried with the same Idempotency-Key appends the same ids.
const UNIT_OFFSET = 100_000;
const COMPLETION_OFFSET = 99_999;

export type ClaimRunWritten = { runId: string; streamVersion: bigint };

const shifted = (write: WriteContext, offset: number): WriteContext => ({
  ...write,
  eventIds: (index) => write.eventIds(offset + index),
});

const runCommand = async (t: Tx, runId: string, command: ClaimRunCommand, write: WriteContext) => {
  const result = await decideAndAppend(t.store, claimRunStream(runId), command, claimRunDecider, {
    ...commandOptions(write),
  });
  await saveClaimRun(t.tx, t.schema, result.newState, result.nextExpectedVersion);
  return result;
};

export class RunMonthlyClaimsCommand extends Command<ClaimRunWritten> {
  constructor(
    readonly data: { period: string; mission: string | null; preparedOn: string },
    readonly write: WriteContext,
  ) {
    super();
  }
}

/**
 * The month's claims, every unit at once: the units whose MOU terms reimbursement knows in the mission
 * (or all missions), each claimed as `POST /v1/claims` would, in batches of CLAIM_RUN_BATCH units per
 * transaction. A unit already claimed for the month counts as such (a run repeated is idempotent); a
 * unit that cannot be claimed is listed with the code and reason a single claim would have answered.
 */
@CommandHandler(RunMonthlyClaimsCommand)
export class RunMonthlyClaimsHandler implements ICommandHandler<RunMonthlyClaimsCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  async execute({ data, write }: RunMonthlyClaimsCommand): Promise<ClaimRunWritten> {
    const runId = newAggregateId(write);
    const mouIds = await this.db.write(async (t) => {
      const candidates = await claimRunCandidates(t.tx, t.schema, data.period, data.mission);
      const start = { runId, ...data, preparedBy: write.metadata.actor.sub, mouIds: candidates };
      await runCommand(t, runId, { type: 'StartClaimRun', data: start }, shifted(write, 1));
      return candidates;
    });
    for (let from = 0; from < mouIds.length; from += CLAIM_RUN_BATCH) {
      const batch = mouIds.slice(from, from + CLAIM_RUN_BATCH);
      await this.db.write(async (t) => {
        // read once per batch, in its transaction, what every unit's claim would otherwise read again
        const sources: PreloadedSources = {
          rateVersions: await loadRateTableVersions(t.tx, t.schema),
          mouTerms: await loadMouTermsOf(t.tx, t.schema, batch),
        };
        const outcomes: ClaimRunOutcome[] = [];
        for (const [i, mouId] of batch.entries()) {
          const unitWrite = shifted(write, UNIT_OFFSET + (from + i) * 4);
          outcomes.push(await this.claimUnit(t, mouId, data, unitWrite, sources));
        }
        const command = { type: 'RecordClaimRunBatch' as const, data: { runId, outcomes } };
        await runCommand(t, runId, command, shifted(write, 2 + from / CLAIM_RUN_BATCH));
      });
    }
    return this.db.write(async (t) => {
      const result = await runCommand(
        t,
        runId,
        { type: 'CompleteClaimRun', data: { runId } },
        shifted(write, COMPLETION_OFFSET),
      );
      return { runId, streamVersion: result.nextExpectedVersion };
    });
  }

  private async claimUnit(
    t: Tx,
    mouId: string,
    data: RunMonthlyClaimsCommand['data'],
    write: WriteContext,
    sources: PreloadedSources,
  ): Promise<ClaimRunOutcome> {
    const claimId = computedClaimId(mouId, data.period);
    const existing = await t.store.readStream(claimStream(claimId));
    const claim = existing.length > 0 ? await loadClaim(t, claimId) : null;
    // a voided claim leaves its month to be claimed again
    if (claim && claim.status !== 'voided') {
      return { mouId, mouRef: claim.claimRef.replace(/\/[^/]+$/, ''), outcome: 'already-claimed', claimId };
    }
    if ((sources.mouTerms.get(mouId)?.length ?? 0) === 0) {
      // deployed without an MOU in force: no annex to claim against (the backlog the report counts)
      const mouRef = await this.mouRefOf(t, mouId);
      const reason = `MOU ${mouRef} is not in force: no annex is known to claim ${data.period} against.`;
      return { mouId, mouRef, outcome: 'not-claimed', code: 'MOU_TERMS_NOT_FOUND', reason };
    }
    try {
      const written = await prepareComputedClaim(
        t,
        { mouId, period: data.period, preparedOn: data.preparedOn },
        write,
        sources,
      );
      return {
        mouId,
        mouRef: written.claimRef.replace(/\/[^/]+$/, ''),
        outcome: 'prepared',
        claimId: written.claimId,
        amountUsd: written.amountUsd,
      };
    } catch (error) {
      // a domain refusal is raised before anything is appended, so the batch's transaction goes on
      if (!(error instanceof DomainError)) throw error;
      const mouRef = await this.mouRefOf(t, mouId);
      return { mouId, mouRef, outcome: 'not-claimed', code: error.code, reason: error.message };
    }
  }

  private async mouRefOf(t: Tx, mouId: string): Promise<string> {
    const { rows } = await t.tx.query<{ mou_ref: string }>(
      `select mou_ref from ${t.schema}.known_mous where mou_id = $1
       union all (select mou_ref from ${t.schema}.mou_terms where mou_id = $1 order by annex_version desc limit 1)`,
      [mouId],
    );
    return rows[0]?.mou_ref ?? mouId;
  }
}

export class CertifyClaimRunCommand extends Command<ClaimRunWritten> {
  constructor(
    readonly runId: string,
    readonly certifiedOn: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/**
 * A second officer certifies every claim of a completed run still awaiting certification, in one
 * transaction; each claim keeps its own four-eyes check, so a claim this officer adjusted is skipped.
 */
@CommandHandler(CertifyClaimRunCommand)
export class CertifyClaimRunHandler implements ICommandHandler<CertifyClaimRunCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ runId, certifiedOn, write }: CertifyClaimRunCommand): Promise<ClaimRunWritten> {
    const certifiedBy = write.metadata.actor.sub;
    return this.db.write(async (t) => {
      const prepared = await t.tx.query<{ claim_id: string }>(
        `select c.claim_id from ${t.schema}.claims c
           join ${t.schema}.claim_runs r on r.run_id = $1
          where c.status = 'prepared'
            and c.claim_id::text in (select o->>'claimId' from jsonb_array_elements(r.outcomes) o
                                      where o->>'outcome' = 'prepared')
          order by c.claim_ref`,
        [runId],
      );
      const pending = [];
      for (const { claim_id } of prepared.rows) {
        const claim = await loadClaim(t, claim_id);
        pending.push({ claimId: claim_id, preparers: claim.preparers });
      }
      const result = await runCommand(
        t,
        runId,
        { type: 'CertifyClaimRun', data: { runId, certifiedOn, certifiedBy, pending } },
        write,
      );
      const certified = result.newEvents.flatMap((e) =>
        e.type === 'ClaimRunCertified' ? e.data.certified : [],
      );
      for (const [i, claimId] of certified.entries()) {
        await runClaimCommand(
          t,
          claimId,
          { type: 'CertifyClaim', data: { claimId, certifiedOn, certifiedBy } },
          shifted(write, 1 + i),
        );
      }
      return { runId, streamVersion: result.nextExpectedVersion };
    });
  }
}
