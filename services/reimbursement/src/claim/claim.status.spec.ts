import { shownStatus } from './claim.status';

describe('Claim status shown', () => {
  it('is paid when a certified claim is owed nothing after payments and credits', () =>
    // 1328371.86 certified, 1328371.86 settled: 1328371.86 - 1328371.86 = 0.00 owed
    expect(shownStatus('certified', '1328371.86', '0.00')).toBe('paid'));

  it('stays certified while a cent is owed', () =>
    // 1328371.86 certified, 1328371.85 settled: 0.01 owed
    expect(shownStatus('certified', '1328371.86', '0.01')).toBe('certified'));

  it('stays certified for a credit, which is never owed anything', () =>
    expect(shownStatus('certified', '-1200.00', '0.00')).toBe('certified'));

  it('keeps prepared and voided claims as they are, whatever is owed', () => {
    expect(shownStatus('prepared', '1328371.86', '0.00')).toBe('prepared');
    expect(shownStatus('voided', '1328371.86', '0.00')).toBe('voided');
  });
});
