import type { NewEvent } from '@coe/event-store';
import { fullySigned, mouDrafted, unitDeployed, unitRepatriated } from './mou-events';
import type { ProjectionsTestApp } from './projections.test-app';
import {
  assessmentReceived,
  claimCertified,
  loanMade,
  paymentMade,
  paymentRunExecuted,
} from './reimbursement-events';

const MISSIONS = ['MINUSMA', 'UNMISS', 'MINUSCA', 'UNIFIL'];
const CONTRIBUTORS = ['IND', 'RWA', 'PAK', 'BGD', 'NPL'];

const day = (i: number, from = Date.UTC(2017, 0, 1)): string =>
  new Date(from + (i % 1000) * 86_400_000).toISOString().slice(0, 10);

/**
 * The `i`-th slice of a varied history touching every read model: an MOU's milestones, a claim and a
 * payment settling part of it, fund cash, now and then a loan and a payment run. Unique per (tag, i).
 */
export const appendSample = async (t: ProjectionsTestApp, tag: string, i: number): Promise<void> => {
  const id = `${tag}-${i}`;
  const mission = MISSIONS[i % MISSIONS.length]!;
  const contributor = CONTRIBUTORS[i % CONTRIBUTORS.length]!;
  const mou: NewEvent[] = [mouDrafted(id, mission, day(i))];
  if (i % 3 !== 0) mou.push(unitDeployed(id, day(i + 40)));
  if (i % 4 === 1) mou.push(...fullySigned(id, day(i + 200), day(i + 260)));
  if (i % 7 === 2) mou.push(unitRepatriated(id, day(i + 400)));
  await t.append('mou-negotiation', `mou-${id}`, mou);
  const amount = `${100 + (i % 50)}.${String(i % 100).padStart(2, '0')}`;
  await t.append('reimbursement', `claim-${id}`, [
    claimCertified(id, contributor, mission, amount, day(i + 30)),
  ]);
  if (i % 2 === 0)
    await t.append('reimbursement', `payment-${id}`, [
      paymentMade(id, contributor, mission, day(i + 90), [[id, '50.00']], i % 4 === 0 ? `run-${tag}` : null),
    ]);
  await t.append('reimbursement', `fund-${mission}`, [assessmentReceived(mission, amount, day(i + 10))]);
  if (i % 10 === 5)
    await t.append('reimbursement', `loan-${id}`, [
      loanMade({
        loanId: id,
        lenderMission: mission,
        borrowerMission: 'UNIFIL',
        amountUsd: '75.00',
        lentOn: day(i + 20),
      }),
    ]);
  if (i % 25 === 0)
    await t.append('reimbursement', `run-${id}`, [
      paymentRunExecuted({
        runId: id,
        quarter: '2019-Q1',
        executedOn: day(i + 91),
        availableCashUsd: '1000.00',
        reserveUsd: '100.00',
        paidUsd: '500.00',
        paidWithoutPoolUsd: '300.00',
      }),
    ]);
};
