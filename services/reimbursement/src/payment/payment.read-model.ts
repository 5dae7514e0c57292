import { type Page, type PageQuery, pageOf, whereOf } from '../shared/pagination';
import { type Db, date, rows } from '../shared/sql';
import type { PaymentMadeData } from './payment.events';

/** Records payments, and what each settled on its claims (one statement each, whatever the batch size). */
export const savePayments = async (db: Db, schema: string, payments: PaymentMadeData[]): Promise<void> => {
  if (payments.length === 0) return;
  await db.query(
    `insert into ${schema}.payments (payment_id, payment_ref, mission, contributor, amount_usd, paid_on,
       payment_run_id, requested_claim_ref, allocations)
     select payment_id, payment_ref, mission, contributor, amount_usd, paid_on, payment_run_id, requested_claim_ref,
            allocations
       from jsonb_to_recordset($1::jsonb) as x(payment_id uuid, payment_ref text, mission text, contributor text,
            amount_usd numeric, paid_on date, payment_run_id uuid, requested_claim_ref text, allocations jsonb)`,
    [
      JSON.stringify(
        payments.map((p) => ({
          payment_id: p.paymentId,
          payment_ref: p.paymentRef,
          mission: p.mission,
          contributor: p.contributor,
          amount_usd: p.amountUsd,
          paid_on: p.paidOn,
          payment_run_id: p.paymentRunId,
          requested_claim_ref: p.requestedClaimRef,
          allocations: p.allocations,
        })),
      ),
    ],
  );
};

export type PaymentView = Omit<PaymentMadeData, 'requestedClaimRef'> & { requestedClaimRef: string | null };

const VIEW = `payment_id as "paymentId", payment_ref as "paymentRef", mission, contributor,
  amount_usd::text as "amountUsd", ${date('paid_on', '"paidOn"')}, payment_run_id as "paymentRunId",
  requested_claim_ref as "requestedClaimRef", allocations`;

export const paymentsByRef = (db: Db, schema: string, refs: string[]): Promise<PaymentView[]> =>
  rows<PaymentView>(db, `select ${VIEW} from ${schema}.payments where payment_ref = any($1::text[])`, [refs]);

export type PaymentFilter = { mission?: string; contributor?: string; paymentRunId?: string };

export const listPayments = async (
  db: Db,
  schema: string,
  filter: PaymentFilter,
  page: PageQuery,
): Promise<Page<PaymentView>> => {
  const { where, values } = whereOf([
    ['mission = ?', filter.mission],
    ['contributor = ?', filter.contributor],
    ['payment_run_id = ?::uuid', filter.paymentRunId],
  ]);
  const { offset, ...paging } = pageOf(page);
  const n = values.length;
  const [items, [count]] = await Promise.all([
    rows<PaymentView>(
      db,
      `select ${VIEW} from ${schema}.payments where ${where} order by paid_on, payment_ref limit $${n + 1} offset $${n + 2}`,
      [...values, paging.pageSize, offset],
    ),
    rows<{ total: number }>(
      db,
      `select count(*)::int as total from ${schema}.payments where ${where}`,
      values,
    ),
  ]);
  return { items, ...paging, total: count?.total ?? 0 };
};
