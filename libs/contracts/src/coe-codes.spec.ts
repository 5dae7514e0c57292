import { COE_CODE_LISTS, currentCoeCodes, unknownCoeCode, unknownCoeItem, unknownEquipment } from './coe-codes';

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

describe('the item code list', () => {
  it.each(COE_CODE_LISTS.map((list) => [list.edition, list] as const))(
    '%s: each item under a major-equipment category code, once per category, with both labels',
    (_edition, list) => {
      const categories = new Set(list.majorEquipment.map((c) => c.code));
      expect(list.items.filter((i) => !categories.has(i.category))).toEqual([]);
      const keys = list.items.map((i) => `${i.category}/${i.code}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(list.items.filter((i) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(i.code))).toEqual([]);
      expect(list.items.filter((i) => !i.en.trim() || !i.fr.trim())).toEqual([]);
      expect(list.itemsSource.trim()).not.toBe('');
    },
  );

  it('takes an item code of its category exactly as listed', () =>
    expect(unknownCoeItem('armoured-personnel-carrier', 'apc-wheeled', 'annexB[0].item')).toBeNull());

  it('refuses an item that is not on the list (`Bulldozer`), naming the field and the list', () =>
    expect(unknownCoeItem('engineering', 'Bulldozer', 'annexB[0].item')).toEqual({
      message: expect.stringContaining('GET /v1/reference/coe-codes'),
      details: {
        field: 'annexB[0].item',
        category: 'engineering',
        item: 'Bulldozer',
        suggestion: null,
        errors: [{ field: 'annexB[0].item', message: expect.any(String) }],
      },
    }));

  it('names the code meant for an item given by its label (`Excavator, medium`)', () =>
    expect(unknownCoeItem('engineering', 'Excavator, medium', 'f')?.details.suggestion).toBe('excavator-medium'));

  it('refuses an item code under another category than its own', () =>
    expect(unknownCoeItem('engineering', 'apc-wheeled', 'f')?.details.suggestion).toBeNull());

  it('checks the category first, then the item', () => {
    expect(unknownEquipment({ category: 'APC', item: 'apc-wheeled' }, 'annexB[0]')).toMatchObject({
      code: 'UNKNOWN_CATEGORY',
      problem: { details: { field: 'annexB[0].category' } },
    });
    expect(unknownEquipment({ category: 'engineering', item: 'Bulldozer' }, 'annexB[0]')).toMatchObject({
      code: 'UNKNOWN_ITEM',
      problem: { details: { field: 'annexB[0].item' } },
    });
    expect(unknownEquipment({ category: 'engineering', item: 'excavator-medium' }, 'annexB[0]')).toBeNull();
  });
});
