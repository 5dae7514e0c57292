import type { AnnexBLine, AnnexCCategory, MissionFactors } from '@coe/contracts';

/** One annex version of an MOU as reimbursement keeps it (from mou-negotiation's MouTermsInForce). */
export type MouTerms = {
  mouId: string;
  mouRef: string;
  mission: string;
  contributor: string;
  annexVersion: number;
  effectiveOn: string;
  personnelCeiling: number;
  annexB: AnnexBLine[];
  annexC: AnnexCCategory[];
  missionFactors: MissionFactors;
};

/**
 * The annex version governing a month: the latest version effective on or before its first day; a
 * month before the first version (an MOU signed after deployment, which is common) is governed by the
 * first version, since the MOU covers the unit from its arrival.
 */
export const termsForService = (versions: readonly MouTerms[], serviceDate: string): MouTerms | null => {
  const sorted = [...versions].sort(
    (a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.annexVersion - b.annexVersion,
  );
  const effective = sorted.filter((v) => v.effectiveOn <= serviceDate);
  return effective.at(-1) ?? sorted[0] ?? null;
};
