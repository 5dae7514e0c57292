import { type PayableBalance, offsetCredits } from './payables.credits';

const balance = (
  claimRef: string,
  certifiedOn: string,
  outstandingUsd: string,
  mission = 'MINUSMA',
  contributor = 'BGD',
): PayableBalance => ({
  claimId: `id-${claimRef}`,
  claimRef,
  mission,
  contributor,
  period: certifiedOn.slice(0, 7),
  certifiedOn,
  outstandingUsd,
});

describe('credits of a contributor', () => {
  it('a downward adjustment certified after its claim was paid offsets the next payable', () =>
    // C1 100.00 certified and paid (balance 0.00), ADJ −20.00 certified, C2 50.00 certified:
    // 50.00 − 20.00 = 30.00 owed on C2, no credit left
    expect(
      offsetCredits([
        balance('C1', '2019-01-10', '0.00'),
        balance('C1/ADJ1', '2019-02-10', '-20.00'),
        balance('C2', '2019-03-10', '50.00'),
      ]),
    ).toEqual({ payables: [balance('C2', '2019-03-10', '30.00')], credits: [] }));

  it('waits as a credit until a payable comes, and never crosses to another mission or contributor', () =>
    // MINUSMA/BGD: credit 20.00, nothing owed there; UNMISS/BGD 50.00 and MINUSMA/NPL 40.00 untouched
    expect(
      offsetCredits([
        balance('C1/ADJ1', '2019-02-10', '-20.00'),
        balance('U1', '2019-03-10', '50.00', 'UNMISS'),
        balance('N1', '2019-03-10', '40.00', 'MINUSMA', 'NPL'),
      ]),
    ).toEqual({
      payables: [
        balance('N1', '2019-03-10', '40.00', 'MINUSMA', 'NPL'),
        balance('U1', '2019-03-10', '50.00', 'UNMISS'),
      ],
      credits: [{ ...balance('C1/ADJ1', '2019-02-10', '-20.00'), creditUsd: '20.00' }],
    }));

  it('offsets oldest payable first, with the oldest credit first', () =>
    // credits X1 30.00 + X2 15.00 = 45.00: A (oldest) 25.00 from X1 → 0.00 (X1 has 5.00 left);
    // B 40.00 − 5.00 (X1) − 15.00 (X2) = 20.00; nothing left of the credits
    expect(
      offsetCredits([
        balance('B', '2019-04-01', '40.00'),
        balance('X1', '2019-02-01', '-30.00'),
        balance('A', '2019-03-01', '25.00'),
        balance('X2', '2019-05-01', '-15.00'),
      ]),
    ).toEqual({
      payables: [balance('A', '2019-03-01', '0.00'), balance('B', '2019-04-01', '20.00')],
      credits: [],
    }));

  it('leaves the latest credit unused when the payables are fewer', () =>
    // credits X1 30.00 + X2 15.00 against A 25.00: X1 gives 25.00, 5.00 left; X2 untouched
    expect(
      offsetCredits([
        balance('X1', '2019-02-01', '-30.00'),
        balance('A', '2019-03-01', '25.00'),
        balance('X2', '2019-05-01', '-15.00'),
      ]).credits,
    ).toEqual([
      { ...balance('X1', '2019-02-01', '-30.00'), creditUsd: '5.00' },
      { ...balance('X2', '2019-05-01', '-15.00'), creditUsd: '15.00' },
    ]));
});
