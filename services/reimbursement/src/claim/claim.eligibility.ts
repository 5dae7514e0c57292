import type { MouTerms } from '../mou-terms/mou-terms';
import type { InForce } from '../rate-table/rate-table.in-force';
import { money, sum, usd } from '../shared/money';
import type { ClaimCalculation } from './claim.calculation';
import type { ClaimLine } from './claim.lines';

/** The day the MOU came into force: the effective date of its first annex version (the later signature). */
export const signedOn = (versions: readonly MouTerms[]): string | null =>
  versions.reduce<string | null>(
    (first, v) => (first === null || v.effectiveOn < first ? v.effectiveOn : first),
    null,
  );

const COE = new Set<ClaimLine['component']>(['major_equipment', 'self_sustainment']);

/**
 * Claim eligibility before the MOU is signed (rate table `claim-eligibility`): a claim prepared on `asOf`
 * while the MOU was not yet in force pays nil for each component the rule in force withholds; the lines
 * stay, at 0.00 and saying why, so the adjustment after signature pays exactly what was withheld.
 * Troop costs (`personnel`, with its 67/261 deduction and premiums) vs contingent-owned equipment
 * (`major_equipment`, `self_sustainment`).
 */
export const applyEligibility = (
  calculation: ClaimCalculation,
  rule: InForce<'claim-eligibility'> | null | undefined,
  mouSignedOn: string | null,
  asOf: string,
): ClaimCalculation => {
  if (!rule || (mouSignedOn !== null && mouSignedOn <= asOf)) return calculation;
  const withheld = (line: ClaimLine) =>
    COE.has(line.component)
      ? rule.values.equipmentBeforeSignature === 'withheld'
      : rule.values.personnelBeforeSignature === 'withheld';
  const lines = calculation.lines.map((line) =>
    withheld(line) && !money(line.amountUsd).isZero()
      ? {
          ...line,
          description: `${line.description} (withheld: the MOU was not signed on ${asOf})`,
          amountUsd: '0.00',
          sources: {
            ...line.sources,
            rateTables: [...line.sources.rateTables, { tableId: rule.tableId, version: rule.version }],
          },
        }
      : line,
  );
  return { ...calculation, lines, amountUsd: usd(sum(lines.map((l) => money(l.amountUsd)))) };
};
