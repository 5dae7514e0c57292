import type { MouTerms } from '../mou-terms/mou-terms';
import type { PremiumGranted } from '../premium/premium.events';
import { money, roundToCent, sum, usd } from '../shared/money';
import { daysInMonth, firstDayOf, lastDayOf } from '../shared/period';
import type { VerificationReport } from '../verification/verification.events';
import type { ClaimCalculation } from './claim.calculation';
import type { ClaimLine } from './claim.lines';
import { eligiblePersonDays, personnelExact } from './claim.personnel';
import type { ClaimService } from './claim.service';

const dayOf = (date: string) => Number(date.slice(8, 10));

/**
 * Resolution 67/261 premiums as their own lines (component `personnel`): for each grant covering days of
 * the month, premium = rate × Σ over the paid days it covers of min(strength, ceiling) ÷ basis × pct ÷ 100,
 * i.e. the exact personnel amount of the days it covers × pct, rounded once. A typed override of the days
 * says not which days: the grant's share of the calendar month's days is used instead.
 */
export const withPremiums = (
  calculation: ClaimCalculation,
  grants: readonly PremiumGranted[],
  service: ClaimService,
  report: VerificationReport,
  terms: MouTerms,
  rateUsd: string,
): ClaimCalculation => {
  const first = firstDayOf(report.period);
  const last = lastDayOf(report.period);
  const rate = money(rateUsd);
  const lines: ClaimLine[] = grants
    .filter((g) => g.fromOn <= last && g.toOn >= first)
    .map((g) => {
      const from = g.fromOn > first ? dayOf(g.fromOn) : 1;
      const to = g.toOn < last ? dayOf(g.toOn) : daysInMonth(report.period);
      const days = eligiblePersonDays(service, report, terms, (d) => from <= d && d <= to);
      const share =
        service.source === 'movements'
          ? money(1)
          : money(to - from + 1).dividedBy(daysInMonth(report.period));
      const exact = personnelExact(rate, days).times(share);
      return {
        kind: g.kind === 'risk' ? 'PREMIUM_RISK' : 'PREMIUM_KEY_ENABLER',
        component: 'personnel',
        key: `premium:${g.kind}:${g.grantId}`,
        description: `Resolution 67/261 ${g.kind} premium ${g.pct}% (${g.reference}), days ${from}–${to} of personnel pay`,
        quantity: String(days.personDays),
        rateUsd: usd(rate),
        factor: money(g.pct).dividedBy(100).toString(),
        fraction: service.source === 'movements' ? `1/${days.basis}` : `${share.toString()}/${days.basis}`,
        amountUsd: usd(roundToCent(exact.times(g.pct).dividedBy(100))),
        sources: { ...calculation.basis, rateTables: calculation.lines[0]?.sources.rateTables ?? [] },
      } satisfies ClaimLine;
    });
  if (lines.length === 0) return calculation;
  const all = [...calculation.lines, ...lines];
  return { ...calculation, lines: all, amountUsd: usd(sum(all.map((l) => money(l.amountUsd)))) };
};
