import fc from 'fast-check';
import { rateTables, report, seededRates, terms } from '../../test/reimbursement.fixtures';
import type { MouTerms } from '../mou-terms/mou-terms';
import { money, sum, usd } from '../shared/money';
import type { VerificationReport } from '../verification/verification.events';
import { adjustmentLines } from './claim.adjustment';
import { type ClaimRates, calculateClaim } from './claim.calculation';
import type { ClaimCommand } from './claim.commands';
import { type Claim, claimDecider } from './claim.decider';
import type { ClaimEvent } from './claim.events';
import type { ClaimLine } from './claim.lines';

// Random units, rate tables and histories of corrected verification reports. Whatever the history, the
// claim and its adjustments add up, to the cent and component by component, to the claim the latest
// report gives; and replaying the recorded events gives back the same claims and the same decisions.

const cents = (max: number) =>
  fc.integer({ min: 1, max: max * 100 }).map((c) => usd(money(c).dividedBy(100)));
const pct = fc.integer({ min: 0, max: 500 }).map((bp) => usd(money(bp).dividedBy(100)));

const unit = fc
  .record({
    ceiling: fc.integer({ min: 1, max: 1000 }),
    lines: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 60 }), rate: cents(20_000) }), {
      minLength: 1,
      maxLength: 4,
    }),
    categories: fc.array(cents(60), { maxLength: 3 }),
    factors: fc.tuple(pct, pct, pct),
  })
  .map(
    ({ ceiling, lines, categories, factors }): MouTerms =>
      terms({
        personnelCeiling: ceiling,
        annexB: lines.map((l, i) => ({
          lineId: `L${i}`,
          category: `cat-${i}`,
          item: `item-${i}`,
          quantity: l.quantity,
          lease: 'wet',
          monthlyRateUsd: l.rate,
        })),
        annexC: categories.map((rate, i) => ({ category: `ss-${i}`, ratePerPersonUsd: rate })),
        missionFactors: {
          extremeEnvironmentPct: factors[0],
          intensifiedOperationalConditionPct: factors[1],
          hostileActionPct: factors[2],
        },
      }),
  );

const rates = fc.record({ factors: fc.boolean(), thirtyDays: fc.boolean() }).map(
  ({ factors, thirtyDays }): ClaimRates =>
    seededRates({
      ...(factors ? { missionFactors: rateTables.missionFactorsMinusma } : {}),
      ...(thirtyDays ? { partMonth: rateTables.thirtyDayMonth } : {}),
    }),
);

const reportsFor = (t: MouTerms) =>
  fc.array(
    fc.record({
      strength: fc.integer({ min: 0, max: 1200 }),
      daysServed: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
      present: fc.tuple(...t.annexB.map((l) => fc.integer({ min: 0, max: l.quantity + 3 }))),
      provided: fc.array(fc.boolean(), { minLength: t.annexC.length, maxLength: t.annexC.length }),
    }),
    { minLength: 1, maxLength: 6 },
  );

const asReport = (
  t: MouTerms,
  r: { strength: number; daysServed: number | null; present: number[]; provided: boolean[] },
  version: number,
): VerificationReport =>
  report({
    version,
    strength: r.strength,
    daysServed: r.daysServed,
    equipment: t.annexB.map((l, i) => ({ lineId: l.lineId, presentAndServiceable: r.present[i]! })),
    selfSustainment: t.annexC.map((c, i) => ({ category: c.category, providedToStandard: r.provided[i]! })),
  });

type Stream = { events: ClaimEvent[]; state: Claim };
const fold = (events: ClaimEvent[]): Claim => events.reduce(claimDecider.evolve, claimDecider.initialState());

const run = (stream: Stream, command: ClaimCommand): void => {
  let emitted: ClaimEvent[];
  try {
    emitted = claimDecider.decide(command, stream.state);
  } catch (error) {
    if ((error as { code?: string }).code === 'NOTHING_TO_ADJUST') return;
    throw error;
  }
  stream.events.push(...emitted);
  stream.state = emitted.reduce(claimDecider.evolve, stream.state);
};

const linesOf = (claim: Claim): ClaimLine[] => (claim.status === 'none' ? [] : claim.lines);

const netByKey = (lines: ClaimLine[]) => {
  const net: Record<string, string> = {};
  for (const l of lines)
    net[l.adjustsLineKey ?? l.key] = usd(money(net[l.adjustsLineKey ?? l.key] ?? '0').plus(l.amountUsd));
  return Object.fromEntries(Object.entries(net).filter(([, v]) => v !== '0.00'));
};

describe('replaying random claim histories', () => {
  it('gives the latest report’s claim to the cent, and the same claims and decisions on replay', () =>
    fc.assert(
      fc.property(
        unit.chain((t) =>
          fc.record({
            terms: fc.constant(t),
            rates,
            reports: reportsFor(t),
            certifyAfter: fc.integer({ min: 0, max: 6 }),
          }),
        ),
        ({ terms: t, rates: r, reports, certifyAfter }) => {
          const original: Stream = { events: [], state: claimDecider.initialState() };
          const adjustmentClaims: Stream[] = [];
          const commands: [Stream, ClaimCommand][] = [];
          const issue = (stream: Stream, command: ClaimCommand) => {
            commands.push([stream, command]);
            run(stream, command);
          };
          reports.forEach((raw, index) => {
            const calculation = calculateClaim(t, asReport(t, raw, index + 1), r);
            const on = `2019-05-${String(index + 10).padStart(2, '0')}`;
            if (index === 0) {
              const data = {
                claimId: 'c-0',
                claimRef: 'REF/2019-04',
                origin: 'computed' as const,
                mouId: 'mou-1',
                mission: 'MINUSMA',
              };
              issue(original, {
                type: 'PrepareClaim',
                data: {
                  ...data,
                  contributor: 'BGD',
                  category: 'personnel',
                  period: '2019-04',
                  preparedOn: on,
                  preparedBy: 'a',
                  lines: calculation.lines,
                  basis: calculation.basis,
                  adjustsClaimId: null,
                },
              });
            } else if (original.state.status === 'prepared') {
              issue(original, {
                type: 'AdjustClaim',
                data: {
                  claimId: 'c-0',
                  adjustedOn: on,
                  adjustedBy: 'a',
                  recalculation: calculation,
                  countedElsewhere: [],
                },
              });
            } else {
              // certified: the correction becomes an adjustment claim of its own, as the handler makes it
              const counted = [original, ...adjustmentClaims].flatMap((s) => linesOf(s.state));
              const lines = adjustmentLines(counted, calculation.lines);
              if (lines.length === 0) return;
              const stream: Stream = { events: [], state: claimDecider.initialState() };
              adjustmentClaims.push(stream);
              const claimId = `c-${adjustmentClaims.length}`;
              issue(stream, {
                type: 'PrepareClaim',
                data: {
                  claimId,
                  claimRef: `REF/2019-04/ADJ${adjustmentClaims.length}`,
                  origin: 'adjustment',
                  mouId: 'mou-1',
                  mission: 'MINUSMA',
                  contributor: 'BGD',
                  category: 'personnel',
                  period: '2019-04',
                  preparedOn: on,
                  preparedBy: 'a',
                  lines,
                  basis: calculation.basis,
                  adjustsClaimId: 'c-0',
                },
              });
            }
            if (
              index + 1 === certifyAfter &&
              original.state.status === 'prepared' &&
              !money(original.state.amountUsd).isZero()
            ) {
              issue(original, {
                type: 'CertifyClaim',
                data: { claimId: 'c-0', certifiedOn: on, certifiedBy: 'b' },
              });
            }
          });

          const latest = calculateClaim(t, asReport(t, reports.at(-1)!, reports.length), r);
          const all = [original, ...adjustmentClaims].flatMap((s) => linesOf(s.state));
          expect(usd(sum(all.map((l) => money(l.amountUsd))))).toBe(latest.amountUsd);
          expect(netByKey(all)).toEqual(netByKey(latest.lines));

          // a replay of the stored events gives the same claims, and the same decisions on them
          for (const stream of [original, ...adjustmentClaims])
            expect(fold(stream.events)).toEqual(stream.state);
          const replayed = new Map(
            [original, ...adjustmentClaims].map((s) => [
              s,
              { events: [] as ClaimEvent[], state: claimDecider.initialState() },
            ]),
          );
          for (const [stream, command] of commands) run(replayed.get(stream)!, command);
          for (const [stream, again] of replayed) expect(again.events).toEqual(stream.events);
        },
      ),
      { numRuns: 200 },
    ));
});
