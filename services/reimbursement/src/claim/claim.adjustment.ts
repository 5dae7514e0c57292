import { money, sum, usd } from '../shared/money';
import type { ClaimLine } from './claim.lines';

const netByKey = (lines: readonly ClaimLine[]): Map<string, string> => {
  const net = new Map<string, string>();
  for (const line of lines) {
    const key = line.adjustsLineKey ?? line.key;
    net.set(key, usd(money(net.get(key) ?? '0').plus(line.amountUsd)));
  }
  return net;
};

/**
 * The ADJUSTMENT lines that take a claim from what it says now (its lines and earlier adjustments) to a
 * recalculation: one per component whose amount changed, carrying the recalculated line's inputs and
 * sources; a component that disappeared is adjusted to nil.
 */
export const adjustmentLines = (
  current: readonly ClaimLine[],
  recalculated: readonly ClaimLine[],
): ClaimLine[] => {
  const before = netByKey(current);
  const after = netByKey(recalculated);
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  return keys.flatMap((key): ClaimLine[] => {
    const delta = money(after.get(key) ?? '0').minus(before.get(key) ?? '0');
    if (delta.isZero()) return [];
    const model =
      recalculated.find((l) => l.key === key) ?? current.find((l) => (l.adjustsLineKey ?? l.key) === key)!;
    const gone = !recalculated.some((l) => l.key === key);
    const previous = current.filter((l) => (l.adjustsLineKey ?? l.key) === key).at(-1);
    return [
      {
        ...model,
        kind: 'ADJUSTMENT',
        key,
        adjustsLineKey: key,
        ...(previous ? { adjustsSources: previous.sources } : {}),
        description: `Adjustment: ${model.description}${gone ? ' (no longer due)' : ''}`,
        ...(gone ? { quantity: '0' } : {}),
        amountUsd: usd(delta),
      },
    ];
  });
};

export const totalOf = (lines: readonly ClaimLine[]): string =>
  usd(sum(lines.map((l) => money(l.amountUsd))));
