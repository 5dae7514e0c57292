import { parseIfMatch, setVersion, versionEtag } from './if-match';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('parseIfMatch', () => {
  it('reads a strong ETag as the stream version', () => {
    expect(parseIfMatch('"3"')).toBe(3n);
    expect(parseIfMatch('"0"')).toBe(0n);
    expect(parseIfMatch(' "9223372036854775807" ')).toBe(9223372036854775807n);
  });

  it('gives undefined without the header, unless it is required', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('')).toBeUndefined();
    expect(codeOf(() => parseIfMatch(undefined, true))).toBe('IF_MATCH_REQUIRED');
  });

  it.each(['W/"3"', '3', '"3', '"-1"', '"03"', '"3", "4"', '*', '"abc"', '"1.5"', '"99999999999999999999"'])(
    'refuses %s with INVALID_IF_MATCH',
    (header) => expect(codeOf(() => parseIfMatch(header))).toBe('INVALID_IF_MATCH'),
  );

  it('writes the ETag it reads', () => {
    const headers: Record<string, string> = {};
    setVersion({ setHeader: (name, value) => (headers[name] = value) }, 7n);
    expect(headers).toEqual({ ETag: '"7"' });
    expect(parseIfMatch(versionEtag(7n))).toBe(7n);
  });
});
