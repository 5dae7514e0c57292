import type { MouTerms } from '../mou-terms/mou-terms';
import type { VerificationReportContent } from './verification.events';

export type ReportWarningCode =
  | 'STRENGTH_ABOVE_CEILING'
  | 'COUNT_ABOVE_MOU_QUANTITY'
  | 'COUNTED_ITEM_NOT_IN_MOU';

/** A count the MOU does not allow for; `lineId` names the annex B line it is about. */
export type ReportWarning = { code: ReportWarningCode; message: string; lineId?: string };

type Counted = Pick<VerificationReportContent, 'strength' | 'strengthByDay' | 'equipment'>;

/**
 * What the inspectors counted beyond the MOU annex version governing the month. The report keeps the
 * counted figures (the claim pays only up to the ceiling and the MOU quantity) and these warnings say so:
 * - STRENGTH_ABOVE_CEILING: the strength, or a day range's, above the personnel ceiling;
 * - COUNT_ABOVE_MOU_QUANTITY: an annex B line with more items present (serviceable or not) than the MOU
 *   quantity;
 * - COUNTED_ITEM_NOT_IN_MOU: items counted on a line the annex version does not have (paid nothing).
 */
export const reportWarnings = (
  terms: Pick<MouTerms, 'personnelCeiling' | 'annexB' | 'annexVersion'>,
  counted: Counted,
): ReportWarning[] => {
  const ceiling = terms.personnelCeiling;
  const above = (strength: number, days: string): ReportWarning[] =>
    strength > ceiling
      ? [
          {
            code: 'STRENGTH_ABOVE_CEILING',
            message: `Strength ${strength}${days} counted; MOU personnel ceiling ${ceiling}`,
          },
        ]
      : [];
  const strength = [
    ...above(counted.strength, ''),
    ...(counted.strengthByDay ?? []).flatMap((r) => above(r.strength, ` on days ${r.fromDay}–${r.toDay}`)),
  ];
  const equipment = counted.equipment.flatMap((e): ReportWarning[] => {
    const present = e.presentAndServiceable + (e.presentUnserviceable ?? 0);
    const line = terms.annexB.find((l) => l.lineId === e.lineId);
    if (!line) {
      const message = `${present} counted; not in MOU annex B version ${terms.annexVersion}`;
      return [{ code: 'COUNTED_ITEM_NOT_IN_MOU', message, lineId: e.lineId }];
    }
    if (present <= line.quantity) return [];
    const message = `${present} counted; MOU quantity ${line.quantity}`;
    return [{ code: 'COUNT_ABOVE_MOU_QUANTITY', message, lineId: e.lineId }];
  });
  return [...strength, ...equipment];
};

/** The warnings of one claim line: personnel (no line id), or the annex B line `lineId`. */
export const warningsOf = (
  warnings: readonly ReportWarning[],
  lineId: string | null,
): { code: string; message: string }[] =>
  warnings.filter((w) => (w.lineId ?? null) === lineId).map(({ code, message }) => ({ code, message }));
