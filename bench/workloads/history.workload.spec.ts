import { KNOWN_AT_REPORTS, REPORTS, reportsWanted } from './history.workload';

const names = (reports: { name: string }[]) => reports.map((r) => r.name);

describe('reportsWanted', () => {
  it('measures every report both ways without --only=, known at an instant only those taking one', () => {
    expect(names(reportsWanted(undefined))).toEqual(names(REPORTS));
    expect(names(reportsWanted(undefined, 'report-latency-known-at', KNOWN_AT_REPORTS))).toEqual([
      'mou-backlog',
      'mou-backlog-series',
      'days-to-signature',
      'payables',
      'contributor-statement',
      'cash-pool',
    ]);
  });

  it('keeps report-latency and report-latency-known-at apart', () => {
    const only = ['report-latency-known-at:cash-pool', 'report-latency:payables'];
    expect(names(reportsWanted(only))).toEqual(['payables']);
    expect(names(reportsWanted(only, 'report-latency-known-at', KNOWN_AT_REPORTS))).toEqual(['cash-pool']);
    expect(reportsWanted(['report-latency'], 'report-latency-known-at', KNOWN_AT_REPORTS)).toEqual([]);
  });
});
