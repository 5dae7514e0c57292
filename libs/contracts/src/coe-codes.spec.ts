import { COE_CODE_LISTS, currentCoeCodes, unknownCoeCode } from './coe-codes';

describe('the category code list', () => {
  const lists = COE_CODE_LISTS.flatMap((list) => [
    [`${list.edition}, self-sustainment`, list.selfSustainment] as const,
    [`${list.edition}, major equipment`, list.majorEquipment] as const,
  ]);

  it.each(lists)(
    '%s: each code once, as it is matched (lower case, hyphens), with both labels',
    (_what, codes) => {
      const written = codes.map((c) => c.code);
      expect(new Set(written).size).toBe(written.length);
      expect(written.filter((c) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(c))).toEqual([]);
      expect(codes.filter((c) => !c.en.trim() || !c.fr.trim())).toEqual([]);
    },
  );

  it('takes a code exactly as listed', () =>
    expect(unknownCoeCode('self-sustainment', 'catering', 'categories[0].category')).toBeNull());

  it('refuses the same code in another case and names the code meant', () =>
    expect(unknownCoeCode('self-sustainment', 'Catering', 'categories[0].category')).toEqual({
      message: expect.stringContaining('"catering"'),
      details: {
        field: 'categories[0].category',
        category: 'Catering',
        suggestion: 'catering',
        errors: [{ field: 'categories[0].category', message: expect.any(String) }],
      },
    }));

  it('knows a code by its English label with other spacing (`Minor engineering`)', () =>
    expect(unknownCoeCode('self-sustainment', 'Minor engineering', 'f')?.details.suggestion).toBe(
      'minor-engineering',
    ));

  it('refuses a code of the other kind, and free text, without a guess', () => {
    expect(unknownCoeCode('major-equipment', 'laundry', 'f')?.details.suggestion).toBeNull();
    expect(unknownCoeCode('major-equipment', 'APC', 'f')?.details.suggestion).toBeNull();
  });

  it('checks against the latest edition', () => expect(currentCoeCodes()).toBe(COE_CODE_LISTS.at(-1)));
});
