/** One figure that differs between two answers of a report: where it is, and its two values. */
export type FigureChange = { path: string; from: unknown; to: unknown };

// an element of a list is named by its key when it has one, so a change reads `contributors[IND].outstanding`;
// an id first: a statement's claims each name their mission too
const KEYS = [
  'claimId',
  'paymentId',
  'contributor',
  'mission',
  'year',
  'month',
  'asOf',
  'category',
  'component',
];
const IGNORED = new Set(['knownAt', 'reflects']);

const keyOf = (item: unknown, index: number): string => {
  if (item && typeof item === 'object')
    for (const key of KEYS) {
      const value = (item as Record<string, unknown>)[key];
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
  return String(index);
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every leaf value that differs between two answers of the same report (figures only: the instant and
 * position they reflect are left out), an absent one being `null`; in document order.
 */
export const figureChanges = (from: unknown, to: unknown, path = ''): FigureChange[] => {
  if (Array.isArray(from) || Array.isArray(to)) {
    const index = (list: unknown) =>
      new Map((Array.isArray(list) ? list : []).map((item, i) => [keyOf(item, i), item] as const));
    const a = index(from);
    const b = index(to);
    // an item that appeared or went is one change, whole
    return [...new Set([...a.keys(), ...b.keys()])].flatMap((key) =>
      a.has(key) && b.has(key)
        ? figureChanges(a.get(key), b.get(key), `${path}[${key}]`)
        : [{ path: `${path}[${key}]`, from: a.get(key) ?? null, to: b.get(key) ?? null }],
    );
  }
  if (isObject(from) || isObject(to)) {
    const a = isObject(from) ? from : {};
    const b = isObject(to) ? to : {};
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((key) => !(path === '' && IGNORED.has(key)))
      .flatMap((key) => figureChanges(a[key] ?? null, b[key] ?? null, path ? `${path}.${key}` : key));
  }
  return from === to ? [] : [{ path, from, to }];
};
