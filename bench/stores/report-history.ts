// A realistic history of the public contract events the reports are built from (MouDrafted,
// MouUnitDeployed, MouSigned, ClaimCertified, PaymentMade with allocations, fund cash...), built with the
// projections tests' own event builders, appended to the two source services' stores on fresh schemas.
import type { ServiceName } from '@coe/contracts';
import { PostgresEventStore, type EventMetadata, type NewEvent } from '@coe/event-store';
import { serviceSchema } from '@coe/messaging';
import type { Pool } from 'pg';
import {
  fullySigned,
  mouDrafted,
  unitDeployed,
  unitRepatriated,
} from '../../services/projections/src/testing/mou-events';
import {
  assessmentReceived,
  claimCertified,
  loanMade,
  paymentMade,
} from '../../services/projections/src/testing/reimbursement-events';

export const SOURCES = ['mou-negotiation', 'reimbursement'] as const satisfies ServiceName[];
export type Source = (typeof SOURCES)[number];
export type SourceStores = Record<Source, PostgresEventStore>;

type Append = { service: Source; stream: string; events: NewEvent[] };

const MISSIONS = ['MINUSMA', 'UNMISS', 'MINUSCA', 'UNIFIL'];
const CONTRIBUTORS = ['IND', 'RWA', 'PAK', 'BGD', 'NPL'];
const metadata: EventMetadata = { actor: { sub: 'bench', roles: ['admin'] } };

const day = (i: number, from = Date.UTC(2017, 0, 1)): string =>
  new Date(from + (i % 1000) * 86_400_000).toISOString().slice(0, 10);

/** The `i`-th slice of the history (as services/projections/src/testing/sample-history.ts builds it). */
const slice = (tag: string, i: number): Append[] => {
  const id = `${tag}-${i}`;
  const mission = MISSIONS[i % MISSIONS.length]!;
  const contributor = CONTRIBUTORS[i % CONTRIBUTORS.length]!;
  const mou: NewEvent[] = [mouDrafted(id, mission, day(i))];
  if (i % 3 !== 0) mou.push(unitDeployed(id, day(i + 40)));
  if (i % 4 === 1) mou.push(...fullySigned(id, day(i + 200), day(i + 260)));
  if (i % 7 === 2) mou.push(unitRepatriated(id, day(i + 400)));
  const amount = `${100 + (i % 50)}.${String(i % 100).padStart(2, '0')}`;
  const appends: Append[] = [
    { service: 'mou-negotiation', stream: `mou-${id}`, events: mou },
    {
      service: 'reimbursement',
      stream: `claim-${id}`,
      events: [claimCertified(id, contributor, mission, amount, day(i + 30))],
    },
  ];
  if (i % 2 === 0) {
    const previous = `${tag}-${i - 1}`;
    const allocations: [string, string][] =
      i > 0
        ? [
            [id, '50.00'],
            [previous, '25.00'],
          ]
        : [[id, '50.00']];
    appends.push({
      service: 'reimbursement',
      stream: `payment-${id}`,
      events: [paymentMade(id, contributor, mission, day(i + 90), allocations)],
    });
  }
  appends.push({
    service: 'reimbursement',
    stream: `fund-${mission}-${i}`,
    events: [assessmentReceived(mission, amount, day(i + 10))],
  });
  if (i % 10 === 5)
    appends.push({
      service: 'reimbursement',
      stream: `loan-${id}`,
      events: [
        loanMade({
          loanId: id,
          lenderMission: mission,
          borrowerMission: 'UNIFIL',
          amountUsd: '75.00',
          lentOn: day(i + 20),
        }),
      ],
    });
  return appends;
};

/** Opens (and migrates) the two source stores of a schema prefix on the pool. */
export const openSourceStores = async (pool: Pool, prefix: string): Promise<SourceStores> => {
  const stores = {} as SourceStores;
  for (const service of SOURCES) {
    const store = new PostgresEventStore({ pool, schema: serviceSchema(service, prefix) });
    await store.migrate();
    stores[service] = store;
  }
  return stores;
};

/** Appends at least `total` events, `writers` appends at a time; returns the events per source. */
export const prefillHistory = async (
  stores: SourceStores,
  total: number,
  writers: number,
): Promise<Record<Source, number>> => {
  const counts: Record<Source, number> = { 'mou-negotiation': 0, reimbursement: 0 };
  const appends: Append[] = [];
  for (let i = 0, n = 0; n < total; i++)
    for (const a of slice('bench', i)) {
      appends.push(a);
      n += a.events.length;
    }
  let next = 0;
  const writer = async (): Promise<void> => {
    for (let k = next++; k < appends.length; k = next++) {
      const { service, stream, events } = appends[k]!;
      await stores[service].append(stream, events, { metadata });
      counts[service] += events.length;
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return counts;
};
