import { daysInMonth, firstDayOf, lastDayOf } from '../shared/period';

/** A unit's arrival in, or departure from, the mission area, as mou-negotiation published it. */
export type UnitMovement = { mouId: string; kind: 'deployed' | 'repatriated'; on: string };

/** A stretch of service in the mission area; `to` is null while the unit is still deployed. */
export type ServicePeriod = { from: string; to: string | null };

/**
 * The unit's periods in the mission area, from its movements in date order: a deployment opens a period,
 * a repatriation closes the open one. Both days count as served (DOMAIN.md: "from the deployment date and
 * up to the repatriation date"). A second deployment while deployed, or a repatriation with none open,
 * adds nothing: the same fact learned twice (e.g. from force generation and from the legacy register).
 */
export const servicePeriods = (movements: readonly UnitMovement[]): ServicePeriod[] => {
  const sorted = [...movements].sort(
    (a, b) => a.on.localeCompare(b.on) || (a.kind === b.kind ? 0 : a.kind === 'deployed' ? -1 : 1),
  );
  const periods: ServicePeriod[] = [];
  for (const m of sorted) {
    const open = periods.at(-1)?.to === null ? periods.at(-1)! : null;
    if (m.kind === 'deployed' && !open) periods.push({ from: m.on, to: null });
    if (m.kind === 'repatriated' && open) open.to = m.on;
  }
  return periods;
};

/** The calendar days (1…31) of a month `YYYY-MM` the unit spent in the mission area, ascending. */
export const serviceDaysIn = (movements: readonly UnitMovement[], period: string): number[] => {
  const first = firstDayOf(period);
  const last = lastDayOf(period);
  const days = new Set<number>();
  for (const p of servicePeriods(movements)) {
    const from = p.from > first ? p.from : first;
    const to = p.to === null || p.to > last ? last : p.to;
    for (let d = Number(from.slice(8, 10)); from <= to && d <= Number(to.slice(8, 10)); d++) days.add(d);
  }
  return [...days].filter((d) => d <= daysInMonth(period)).sort((a, b) => a - b);
};
