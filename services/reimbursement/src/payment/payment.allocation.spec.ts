import { type OutstandingClaim, allocatePayment } from './payment.allocation';

const claim = (
  claimRef: string,
  certifiedOn: string,
  period: string,
  outstandingUsd: string,
  payee = ['UNMISS', 'IND'],
): OutstandingClaim => ({
  claimId: `id-${claimRef}`,
  claimRef,
  mission: payee[0]!,
  contributor: payee[1]!,
  period,
  certifiedOn,
  outstandingUsd,
});

const claims = [
  claim('C-3', '2019-02-01', '2018-12', '300.00'),
  claim('C-2', '2019-01-15', '2018-11', '200.00'),
  // same certification date and month as C-2: the reference decides
  claim('C-1', '2019-01-15', '2018-11', '100.00'),
  claim('C-0', '2019-01-15', '2018-10', '50.00'),
  claim('C-9', '2019-04-01', '2019-03', '900.00'),
  claim('X-1', '2018-12-01', '2018-11', '999.00', ['UNMISS', 'RWA']),
];

const pay = (amountUsd: string, paidOn = '2019-03-01', claimRef: string | null = null) =>
  allocatePayment({ mission: 'UNMISS', contributor: 'IND', amountUsd, paidOn, claimRef }, claims);

const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('allocating a payment (CONTRACT.md 4.3)', () => {
  it('settles the oldest first: by certification date, then month served, then reference', () =>
    expect(pay('400.00')).toEqual([
      { claimId: 'id-C-0', claimRef: 'C-0', amountUsd: '50.00' },
      { claimId: 'id-C-1', claimRef: 'C-1', amountUsd: '100.00' },
      { claimId: 'id-C-2', claimRef: 'C-2', amountUsd: '200.00' },
      { claimId: 'id-C-3', claimRef: 'C-3', amountUsd: '50.00' },
    ]));

  it('settles only claims certified on or before the payment', () => {
    expect(pay('650.00')).toHaveLength(4);
    expect(codeOf(() => pay('650.01'))).toBe('OVERPAYMENT');
  });

  it('settles the claim it names', () =>
    expect(pay('900.00', '2019-04-02', 'C-9')).toEqual([
      { claimId: 'id-C-9', claimRef: 'C-9', amountUsd: '900.00' },
    ]));

  it.each([
    ['more than the named claim has outstanding', '900.01', '2019-04-02', 'C-9', 'OVERPAYMENT'],
    ['a claim certified after the payment', '1.00', '2019-03-31', 'C-9', 'CLAIM_CERTIFIED_AFTER_PAYMENT'],
    ['a claim of another contributor', '1.00', '2019-03-31', 'X-1', 'CLAIM_OF_OTHER_PAYEE'],
    ['a claim nobody certified', '1.00', '2019-03-31', 'C-404', 'UNKNOWN_CLAIM'],
  ])('refuses %s', (_what, amount, paidOn, ref, code) =>
    expect(codeOf(() => pay(amount, paidOn, ref))).toBe(code),
  );
});
