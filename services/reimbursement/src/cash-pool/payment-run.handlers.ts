import { Clock, callerVersionMismatch, decideAndAppend, foldStream } from '@coe/event-store';
import { utcToday } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { payablesOwed } from '../payment/payable.balances';
import { loadRateTableVersions } from '../rate-table/rate-table.read-model';
import { versionInForce } from '../rate-table/rate-table.in-force';
import { ReimbursementDatabase, type Tx } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import { type WriteContext, commandOptions, newAggregateId } from '@coe/platform';
import { fundCashOn } from './cash-pool.read-model';
import { poolsOn } from './mission-status.decider';
import { missionStatusHistory } from './mission-status.handlers';
import { paymentRunDecider, type PaymentRun } from './payment-run.decider';
import { paymentRunStream } from './payment-run.events';
import { executePlan } from './payment-run.execution';
import { type PaymentRunPlan, planPaymentRun } from './payment-run.plan';
import { lastExecutedRunOn, savePaymentRun } from './payment-run.read-model';

export type RunWritten = { runId: string; streamVersion: bigint };

/** The plan the cash and payables recorded now give for a payment date, under the cash-pool rules then in force. */
const planOn = async (t: Tx, runOn: string): Promise<PaymentRunPlan> => {
  const settings =
    versionInForce(await loadRateTableVersions(t.tx, t.schema, 'cash-pool'), 'cash-pool', runOn) ??
    fail('RATE_NOT_IN_FORCE', `No cash-pool settings are in force on ${runOn}.`, { table: 'cash-pool' });
  return planPaymentRun({
    runOn,
    pooled: settings.values.pooled,
    operatingReservePct: settings.values.operatingReservePct,
    funds: await Promise.all(
      (await fundCashOn(t.tx, t.schema, runOn)).map(async (f) => ({
        ...f,
        pools: poolsOn(
          await missionStatusHistory(t.store, f.mission),
          runOn,
          settings.values.closingMissionsPool ?? false,
        ),
      })),
    ),
    payables: await payablesOwed(t.tx, t.schema, runOn),
  });
};

export class ProposePaymentRunCommand extends Command<RunWritten> {
  constructor(
    /** `proposedOn`, the business date of the proposal, defaults to today (UTC). */
    readonly data: { quarter: string; runOn: string; proposedOn?: string },
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(ProposePaymentRunCommand)
export class ProposePaymentRunHandler implements ICommandHandler<ProposePaymentRunCommand> {
  constructor(
    private readonly db: ReimbursementDatabase,
    private readonly clock: Clock,
  ) {}

  execute({ data, write }: ProposePaymentRunCommand): Promise<RunWritten> {
    const runId = newAggregateId(write);
    return this.db.write(
      async (t) => {
        const proposedAt = this.clock.now();
        const { quarter, runOn, proposedOn } = data;
        const proposal = {
          runId,
          quarter,
          runOn,
          proposedOn: proposedOn ?? utcToday(proposedAt),
          proposedBy: write.metadata.actor.sub,
          plan: await planOn(t, runOn),
        };
        const result = await decideAndAppend(
          t.store,
          paymentRunStream(runId),
          { type: 'ProposePaymentRun', data: proposal },
          paymentRunDecider,
          { ...commandOptions(write), recordedAt: proposedAt },
        );
        const run = result.newState as Known;
        await savePaymentRun(t.tx, t.schema, run, { proposedAt }, result.nextExpectedVersion);
        return { runId, streamVersion: result.nextExpectedVersion };
      },
      { cashLock: true },
    );
  }
}

type Known = Exclude<PaymentRun, { status: 'none' }>;

export class ApprovePaymentRunCommand extends Command<RunWritten> {
  constructor(
    readonly runId: string,
    /** The business date of the approval; today (UTC) when not given. */
    readonly approvedOn: string | undefined,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/**
 * The second officer's approval executes the run as proposed: loans between the missions' funds, one
 * payment per mission and contributor, then the run's own events; all in one transaction.
 */
@CommandHandler(ApprovePaymentRunCommand)
export class ApprovePaymentRunHandler implements ICommandHandler<ApprovePaymentRunCommand> {
  constructor(
    private readonly db: ReimbursementDatabase,
    private readonly clock: Clock,
  ) {}

  execute({ runId, approvedOn, write }: ApprovePaymentRunCommand): Promise<RunWritten> {
    return this.db.write(
      async (t) => {
        const stream = paymentRunStream(runId);
        const history = await t.store.readStream(stream);
        const version = history.at(-1)?.streamVersion ?? 0n;
        if (write.expectedVersion !== undefined && write.expectedVersion !== version) {
          throw callerVersionMismatch(stream, write.expectedVersion, version);
        }
        const state = foldStream(paymentRunDecider, history);
        if (state.status === 'none') return fail('PAYMENT_RUN_NOT_FOUND', `No payment run ${runId}.`);
        const approvedAt = this.clock.now();
        const approval = {
          runId,
          approvedOn: approvedOn ?? utcToday(approvedAt),
          approvedBy: write.metadata.actor.sub,
        };
        const events = paymentRunDecider.decide(
          {
            type: 'ApprovePaymentRun',
            data: {
              ...approval,
              currentPlan: await planOn(t, state.proposal.runOn),
              lastExecutedRunOn: await lastExecutedRunOn(t.tx, t.schema),
            },
          },
          state,
        );
        await executePlan(t, state.proposal, write.metadata);
        const appended = await t.store.append(
          stream,
          events.map((e, i) => ({ ...e, eventId: write.eventIds(i) })),
          { expectedVersion: version, metadata: write.metadata, recordedAt: approvedAt },
        );
        const executed = events.reduce(paymentRunDecider.evolve, state) as Known;
        const recorded = { ...approval, approvedAt };
        await savePaymentRun(t.tx, t.schema, executed, recorded, appended.nextExpectedVersion);
        return { runId, streamVersion: appended.nextExpectedVersion };
      },
      { cashLock: true },
    );
  }
}
