import type { RateTableVersionIssued } from '../rate-table/rate-table.events';
import { versionInForce } from '../rate-table/rate-table.in-force';
import type { ClaimRates } from './claim.calculation';

/** The rate tables a unit's (MOU's) claim for a month uses: each in force on the month's first day. */
export const claimRatesOn = (
  versions: readonly RateTableVersionIssued[],
  mission: string,
  serviceDate: string,
  mouId: string | null = null,
): ClaimRates => {
  const table = (tableId: string) => versions.filter((v) => v.tableId === tableId);
  return {
    personnel: versionInForce(table('personnel'), 'personnel', serviceDate),
    majorEquipment: versionInForce(table('major-equipment'), 'major-equipment', serviceDate),
    selfSustainment: versionInForce(table('self-sustainment'), 'self-sustainment', serviceDate),
    missionFactors: versionInForce(table(`mission-factors-${mission}`), 'mission-factors', serviceDate),
    deductionThreshold: versionInForce(table('deduction-threshold'), 'deduction-threshold', serviceDate),
    partMonth: versionInForce(table('part-month'), 'part-month', serviceDate),
    eligibility: versionInForce(table('claim-eligibility'), 'claim-eligibility', serviceDate),
    deductionExemptions: versionInForce(table('deduction-exemptions'), 'deduction-exemptions', serviceDate),
    missionFactorCaps: versionInForce(table('mission-factor-caps'), 'mission-factor-caps', serviceDate),
    incrementalTransport:
      mouId === null
        ? null
        : versionInForce(table(`incremental-transport-${mouId}`), 'incremental-transport', serviceDate),
    incrementalTransportRule: versionInForce(
      table('incremental-transport-rule'),
      'incremental-transport-rule',
      serviceDate,
    ),
    selfSustainmentPartial: versionInForce(
      table('self-sustainment-partial'),
      'self-sustainment-partial',
      serviceDate,
    ),
  };
};
