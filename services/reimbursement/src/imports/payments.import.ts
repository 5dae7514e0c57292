import { Clock } from '@coe/event-store';
import { type ImportRejection, type ImportResult, nameBasedUuid, utcToday } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type FundMovement, recordFundMovements } from '../cash-pool/cash-pool.read-model';
import { type PayableBalance, offsetCredits } from '@coe/payables';
import { addPaid } from '../claim/claim.read-model';
import { payableBalancesOf } from '../payment/payable.balances';
import { type OutstandingClaim, allocatePayment } from '../payment/payment.allocation';
import { paymentDecider } from '../payment/payment.decider';
import { type PaymentMadeData, paymentStream } from '../payment/payment.events';
import { paymentsByRef, savePayments } from '../payment/payment.read-model';
import { money, usd } from '../shared/money';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { ReimbursementError } from '../shared/reimbursement.errors';
import type { WriteContext } from '@coe/platform';
import { amountCell, contributorCell, dateCell, missionCell, refCell, validateRows } from './import.rows';

export const PAYMENT_COLUMNS = [
  { name: 'payment_ref', required: true },
  { name: 'mission', required: true },
  { name: 'contributor', required: true },
  { name: 'amount', required: true },
  { name: 'paid_on', required: true },
  { name: 'claim_ref', required: false },
] as const;

type Row = {
  line: number;
  paymentRef: string;
  mission: string;
  contributor: string;
  amountUsd: string;
  paidOn: string;
  claimRef: string | null;
};

const toRow = (line: number, cells: Record<string, string | undefined>, today: string): Row => ({
  line,
  paymentRef: refCell(cells, 'payment_ref'),
  mission: missionCell(cells),
  contributor: contributorCell(cells),
  amountUsd: amountCell(cells),
  paidOn: dateCell(cells, 'paid_on', today),
  claimRef: cells.claim_ref === undefined ? null : refCell(cells, 'claim_ref'),
});

const sameRow = (a: Omit<Row, 'line'>, b: Omit<Row, 'line'>): boolean =>
  a.mission === b.mission &&
  a.contributor === b.contributor &&
  a.amountUsd === b.amountUsd &&
  a.paidOn === b.paidOn &&
  a.claimRef === b.claimRef;

const payee = (c: { mission: string; contributor: string }) => `${c.mission}|${c.contributor}`;

export class ImportPaymentsCommand extends Command<ImportResult> {
  constructor(
    readonly csv: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/**
 * CONTRACT.md 4.3. Rows are applied in `paid_on` order, then file order, in one transaction: each settles
 * the claim it names or the payee's claims oldest first (payment.allocation.ts), against what earlier rows
 * left outstanding. Claims are loaded once and kept per payee, so a file is one pass, not a scan per row.
 */
@CommandHandler(ImportPaymentsCommand)
export class ImportPaymentsHandler implements ICommandHandler<ImportPaymentsCommand> {
  constructor(
    private readonly db: ReimbursementDatabase,
    private readonly clock: Clock,
  ) {}

  async execute({ csv, write }: ImportPaymentsCommand): Promise<ImportResult> {
    const today = utcToday(this.clock.now());
    const { valid, rejected } = validateRows(csv, PAYMENT_COLUMNS, 'payment_ref', (line, cells) =>
      toRow(line, cells, today),
    );
    valid.sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : a.line - b.line));
    const outcome = await this.db.write(
      async ({ tx, store, schema }) => {
        // everything the attempt decides stays local: a retried transaction starts from scratch
        const refused: ImportRejection[] = [];
        const reject = (row: Row, code: string, reason: string) =>
          refused.push({ line: row.line, ref: row.paymentRef, code, reason });
        const known = new Map<string, Omit<Row, 'line'>>(
          (
            await paymentsByRef(
              tx,
              schema,
              valid.map((r) => r.paymentRef),
            )
          ).map((p) => [p.paymentRef, { ...p, claimRef: p.requestedClaimRef }]),
        );
        // balances before credits, kept up to date row by row; credits are offset for each row as of its date
        const claims = await payableBalancesOf(
          tx,
          schema,
          [...new Set(valid.map(payee))],
          valid.flatMap((r) => r.claimRef ?? []),
        );
        const byRef = new Map(claims.map((c) => [c.claimRef, c]));
        const byPayee = new Map<string, PayableBalance[]>();
        for (const c of claims) byPayee.set(payee(c), [...(byPayee.get(payee(c)) ?? []), c]);
        const owedTo = (row: Row): OutstandingClaim[] => {
          const owed = offsetCredits(
            (byPayee.get(payee(row)) ?? []).filter((c) => c.certifiedOn <= row.paidOn),
          ).payables;
          if (row.claimRef === null) return owed;
          const named = byRef.get(row.claimRef);
          if (!named) return [];
          // a claim of another payee, certified later, or with nothing left: allocatePayment says which
          return [owed.find((c) => c.claimRef === named.claimRef) ?? { ...named, outstandingUsd: '0.00' }];
        };

        const payments: PaymentMadeData[] = [];
        const paid = new Map<string, string>();
        let unchanged = 0;
        for (const row of valid) {
          const { line: _line, ...content } = row;
          const earlier = known.get(row.paymentRef);
          if (earlier) {
            if (sameRow(earlier, content)) unchanged++;
            else
              reject(
                row,
                'CONFLICTS_WITH_HISTORY',
                `payment ${row.paymentRef} was recorded with other content`,
              );
            continue;
          }
          let allocations;
          try {
            allocations = allocatePayment(row, owedTo(row));
          } catch (error) {
            if (!(error instanceof ReimbursementError)) throw error;
            reject(row, error.code, error.message);
            continue;
          }
          const paymentId = nameBasedUuid(JSON.stringify(['payment-ref', row.paymentRef]));
          const data: PaymentMadeData = {
            ...{ paymentId, paymentRef: row.paymentRef, mission: row.mission, contributor: row.contributor },
            ...{
              amountUsd: row.amountUsd,
              paidOn: row.paidOn,
              paymentRunId: null,
              allocations,
              requestedClaimRef: row.claimRef,
            },
          };
          const [event] = paymentDecider.decide(
            { type: 'RecordPayment', data },
            paymentDecider.initialState(),
          );
          await store.append(
            paymentStream(paymentId),
            [{ ...event!, eventId: nameBasedUuid(JSON.stringify(['imported-payment', row.paymentRef])) }],
            {
              expectedVersion: 'no-stream',
              metadata: write.metadata,
            },
          );
          for (const a of allocations) {
            const claim = byRef.get(a.claimRef)!;
            claim.outstandingUsd = usd(money(claim.outstandingUsd).minus(a.amountUsd));
            paid.set(a.claimId, usd(money(paid.get(a.claimId) ?? '0').plus(a.amountUsd)));
          }
          payments.push(data);
          known.set(row.paymentRef, content);
        }
        await savePayments(tx, schema, payments);
        await addPaid(tx, schema, paid);
        // a payment leaves its mission's fund, as the cash-pool report counts it
        const movements: FundMovement[] = payments.map((p) => ({
          ...{ mission: p.mission, onDate: p.paidOn, amountUsd: usd(money(p.amountUsd).negated()) },
          ...{ kind: 'payment' as const, ref: p.paymentRef },
        }));
        await recordFundMovements(tx, schema, movements);
        return { imported: payments.length, unchanged, refused };
      },
      { cashLock: true },
    );
    const all = [...rejected, ...outcome.refused].sort((a, b) => a.line - b.line);
    return { imported: outcome.imported, unchanged: outcome.unchanged, rejected: all };
  }
}
