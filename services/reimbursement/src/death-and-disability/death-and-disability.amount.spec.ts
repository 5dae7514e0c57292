import { deathAndDisabilityAmountUsd } from './death-and-disability.amount';

describe('death-and-disability compensation', () => {
  it('pays a death the standard amount: 70,000.00', () =>
    expect(deathAndDisabilityAmountUsd('death', null, '70000.00')).toBe('70000.00'));

  it('pays a 40 % disability 40 % of it: 70,000.00 × 40 ÷ 100 = 28,000.00', () =>
    expect(deathAndDisabilityAmountUsd('disability', '40.00', '70000.00')).toBe('28000.00'));

  it('pays a 100 % disability the whole standard amount: 70,000.00', () =>
    expect(deathAndDisabilityAmountUsd('disability', '100.00', '70000.00')).toBe('70000.00'));

  it('rounds once, at the end: 70,000.05 × 33.33 ÷ 100 = 23,331.016665 → 23,331.02', () =>
    expect(deathAndDisabilityAmountUsd('disability', '33.33', '70000.05')).toBe('23331.02'));

  it('rounds a half cent up: 50,000.50 × 1 ÷ 100 = 500.005 → 500.01', () =>
    expect(deathAndDisabilityAmountUsd('disability', '1.00', '50000.50')).toBe('500.01'));
});
