import { valueIncident } from './hostile-action.valuation';

const apc = (quantity: number, gfmvEachUsd: string) => ({
  ...{ lineId: 'B001', category: 'armoured-personnel-carrier', item: 'apc-wheeled', quantity, gfmvEachUsd },
});

describe('valuing a hostile-action incident (resolution 50/222)', () => {
  it('makes the UN liable when the total GFMV reaches the threshold exactly: 2 × 125,000.00 = 250,000.00', () =>
    expect(valueIncident([apc(2, '125000.00')], '250000.00')).toEqual({
      items: [{ ...apc(2, '125000.00'), gfmvUsd: '250000.00' }],
      totalGfmvUsd: '250000.00',
      liability: 'united-nations',
    }));

  it('leaves the loss with the contributor one cent below: 249,999.99 < 250,000.00', () =>
    expect(valueIncident([apc(1, '249999.99')], '250000.00')).toMatchObject({
      totalGfmvUsd: '249999.99',
      liability: 'contributor',
    }));

  it('adds the items of the incident: 3 × 83,333.33 = 249,999.99, + 1 × 12,500.50 = 262,500.49', () =>
    expect(
      valueIncident(
        [
          apc(3, '83333.33'),
          { lineId: null, category: 'electrical', item: 'generator-60-kva', quantity: 1, gfmvEachUsd: '12500.50' },
        ],
        '250000.00',
      ),
    ).toMatchObject({
      items: [{ gfmvUsd: '249999.99' }, { gfmvUsd: '12500.50' }],
      totalGfmvUsd: '262500.49',
      liability: 'united-nations',
    }));
});
