import { figureChanges } from './report-changes.diff';

describe('figureChanges', () => {
  it('names each figure that moved, list items by their key, and leaves the instant out', () =>
    expect(
      figureChanges(
        {
          asOf: '2019-03-31',
          outstanding: '1000.00',
          knownAt: '2026-03-01T12:00:00.000Z',
          contributors: [{ contributor: 'IND', outstanding: '1000.00', paid: '0.00' }],
        },
        {
          asOf: '2019-03-31',
          outstanding: '500.00',
          knownAt: '2026-04-02T12:00:00.000Z',
          contributors: [
            { contributor: 'RWA', outstanding: '10.00', paid: '0.00' },
            { contributor: 'IND', outstanding: '500.00', paid: '300.00' },
          ],
        },
      ),
    ).toEqual([
      { path: 'outstanding', from: '1000.00', to: '500.00' },
      { path: 'contributors[IND].outstanding', from: '1000.00', to: '500.00' },
      { path: 'contributors[IND].paid', from: '0.00', to: '300.00' },
      {
        path: 'contributors[RWA]',
        from: null,
        to: { contributor: 'RWA', outstanding: '10.00', paid: '0.00' },
      },
    ]));

  it('names a claim by its id, not by the mission every claim of a statement names', () =>
    expect(
      figureChanges(
        { claims: [{ claimId: 'c1', mission: 'UNMISS', amount: '1000.00' }] },
        {
          claims: [
            { claimId: 'c1', mission: 'UNMISS', amount: '800.00' },
            { claimId: 'a1', mission: 'UNMISS', amount: '-200.00' },
          ],
        },
      ),
    ).toEqual([
      { path: 'claims[c1].amount', from: '1000.00', to: '800.00' },
      { path: 'claims[a1]', from: null, to: { claimId: 'a1', mission: 'UNMISS', amount: '-200.00' } },
    ]));

  it('finds nothing between two identical answers', () =>
    expect(figureChanges({ a: [1, 2], b: { c: 'x' } }, { a: [1, 2], b: { c: 'x' } })).toEqual([]));
});
