import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { type TestApp, minusmaTerms, startTestApp } from '../../test/reimbursement.test-app';
import { type Claim, claimDecider } from '../claim/claim.decider';
import type { ClaimEvent } from '../claim/claim.events';

// Random months: random units (ceilings, an amendment changing the ceiling mid-month), deployment and
// repatriation days, strengths by day range, equipment counts with the 67/261 breakdown, provisions. Each
// unit has a twin in another mission with the same terms, movements and report. Whatever the month, the
// claims the monthly run prepares equal the twins' claims prepared one `POST /v1/claims` at a time, line by
// line to the cent, and folding each claim's stored events gives back the claim the API shows.

const STARTUP_MS = 60_000;
const RUNS = 4;

const equipment = (quantity: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: quantity }), fc.integer({ min: 0, max: quantity }))
    .map(([present, unserviceable]) => ({
      presentAndServiceable: present,
      presentUnserviceable: Math.min(unserviceable, quantity - present),
      absent: quantity - present - Math.min(unserviceable, quantity - present),
    }));

const unitOfMonth = fc.record({
  ceiling: fc.integer({ min: 1, max: 1000 }),
  amendment: fc.option(
    fc.record({ day: fc.integer({ min: 2, max: 28 }), ceiling: fc.integer({ min: 1, max: 1000 }) }),
    { nil: null },
  ),
  // day 0: deployed before the month
  deployedDay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 28 })),
  repatriatedAfter: fc.option(fc.integer({ min: 0, max: 27 }), { nil: null }),
  strength: fc.integer({ min: 0, max: 1200 }),
  ranges: fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1200 })), {
    maxLength: 3,
  }),
  apcs: equipment(10),
  trucks: equipment(20),
  provisions: fc.tuple(
    fc.constantFrom('full', 'partial', 'none'),
    fc.constantFrom('full', 'partial', 'none'),
  ),
});
type UnitOfMonth = typeof unitOfMonth extends fc.Arbitrary<infer T> ? T : never;

const dayOf = (period: string, day: number) => `${period}-${String(day).padStart(2, '0')}`;

const fold = (events: { type: string; data: Record<string, unknown> }[]): Claim =>
  events.reduce(
    (state, e) => claimDecider.evolve(state, { type: e.type, data: e.data } as unknown as ClaimEvent),
    claimDecider.initialState(),
  );

describe('the monthly claims run on random months', () => {
  let app: TestApp;
  let officer: string;
  let auditor: string;
  let month = 0;

  beforeAll(async () => {
    app = await startTestApp();
    officer = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    auditor = await app.bearer({ sub: 'auditor-1', roles: ['auditor'] });
    const partial = await app
      .http()
      .post('/v1/rate-tables/self-sustainment-partial/versions')
      .set('Authorization', officer)
      .send({ effectiveFrom: '2019-01-01', issuedOn: '2019-01-02', paidPct: '37.50' });
    expect(partial.status).toBe(201);
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const post = (path: string, body: object) => app.http().post(path).set('Authorization', officer).send(body);
  const claimOf = async (claimId: string) =>
    (await app.http().get(`/v1/claims/${claimId}`).set('Authorization', auditor)).body as {
      amountUsd: string;
      lines: {
        key: string;
        amountUsd: string;
        description: string;
        rateBasis?: object;
        warnings?: object[];
      }[];
    };

  // one unit (MINUSMA) and its twin (UNMISS): the same terms, movements and report
  const load = async (period: string, unit: UnitOfMonth, mission: 'MINUSMA' | 'UNMISS', n: number) => {
    const mouId = randomUUID();
    const mouRef = `DOS/${mission}/BGD/${period}-${n}`;
    await app.mouDrafted({ mouId, mouRef, mission, contributor: 'BGD' });
    await app.termsInForce(minusmaTerms(mouId, { mouRef, mission, personnelCeiling: unit.ceiling }));
    if (unit.amendment) {
      const { day, ceiling } = unit.amendment;
      await app.termsInForce(
        minusmaTerms(mouId, {
          ...{ mouRef, mission, annexVersion: 2 },
          ...{ effectiveOn: dayOf(period, day), personnelCeiling: ceiling },
        }),
      );
    }
    const deployedDay = Math.max(unit.deployedDay, 1);
    await app.unitMoved(mouId, {
      deployedOn: unit.deployedDay === 0 ? '2018-06-01' : dayOf(period, deployedDay),
    });
    if (unit.repatriatedAfter !== null) {
      await app.unitMoved(mouId, {
        repatriatedOn: dayOf(period, Math.min(deployedDay + unit.repatriatedAfter, 28)),
      });
    }
    let from = 1;
    const strengthByDay = unit.ranges.map(([length, strength]) => {
      const range = { fromDay: from, toDay: from + length - 1, strength };
      from += length;
      return range;
    });
    const [catering, communications] = unit.provisions;
    const report = await post('/v1/verification-reports', {
      ...{ mouId, period, reportedOn: dayOf(period, 28), strength: unit.strength, strengthByDay },
      equipment: [
        { lineId: 'B001', ...unit.apcs },
        { lineId: 'B002', ...unit.trucks },
      ],
      selfSustainment: [
        { category: 'catering', provision: catering },
        { category: 'communications', provision: communications },
      ],
    });
    expect(report.status).toBe(201);
    return mouId;
  };

  it('prepares the claims one claim at a time would, and the stored events give them back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(unitOfMonth, { minLength: 1, maxLength: 5 }), async (units) => {
        month += 1;
        const period = `2019-${String(month + 1).padStart(2, '0')}`;
        const twins: [string, string][] = [];
        for (const [n, unit] of units.entries()) {
          twins.push([await load(period, unit, 'MINUSMA', n), await load(period, unit, 'UNMISS', n)]);
        }
        const run = await post('/v1/claim-runs', { period, mission: 'MINUSMA', preparedOn: '2019-12-31' });
        expect(run.status).toBe(201);
        // units of earlier months still deployed are candidates too (without a report for this one)
        expect(run.body.prepared).toBe(units.length);
        const outcomes = run.body.outcomes as { mouId: string; outcome: string; claimId: string }[];
        const ourOutcomes = twins.map(([ours]) => outcomes.find((o) => o.mouId === ours)?.outcome);
        expect(ourOutcomes).toEqual(twins.map(() => 'prepared'));
        for (const [ours, twin] of twins) {
          const single = await post('/v1/claims', { mouId: twin, period, preparedOn: '2019-12-31' });
          expect(single.status).toBe(201);
          const byRun = await claimOf(outcomes.find((o) => o.mouId === ours)!.claimId);
          const oneByOne = await claimOf(single.body.claimId);
          // the same amounts, the same rate chosen for the same reason, the same warnings
          const lines = (c: typeof byRun) =>
            c.lines.map((l) => [l.key, l.amountUsd, l.description, l.rateBasis, l.warnings ?? []]);
          expect([byRun.amountUsd, lines(byRun)]).toEqual([oneByOne.amountUsd, lines(oneByOne)]);
          for (const claimId of [outcomes.find((o) => o.mouId === ours)!.claimId, single.body.claimId]) {
            const replayed = fold(await app.events({ streamId: `claim-${claimId}` }));
            const shown = await claimOf(claimId);
            expect(replayed.status).toBe('prepared');
            if (replayed.status === 'none') return;
            expect([replayed.amountUsd, replayed.lines]).toEqual([shown.amountUsd, shown.lines]);
          }
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
