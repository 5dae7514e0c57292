/**
 * The three backlog counts of CONTRACT.md 5.1 over the `mous` table as of the date expression `asOf`.
 * An MOU withdrawn on or before that date counts nowhere.
 */
export const backlogCounts = (asOf: string): string => {
  const deployed = `(m.deployed_on <= ${asOf} and (m.repatriated_on is null or m.repatriated_on > ${asOf}))`;
  const notSigned = `not coalesce(m.fully_signed_on <= ${asOf}, false)`;
  const notYetDeployed = `(m.deployed_on is null or m.deployed_on > ${asOf})`;
  return `
    (count(*) filter (where ${deployed}))::int as "deployedUnits",
    (count(*) filter (where ${deployed} and ${notSigned}))::int as "pendingSignature",
    (count(*) filter (where m.negotiation_opened_on <= ${asOf} and ${notSigned} and ${notYetDeployed}))::int
      as "pendingSignatureBeforeDeployment"`;
};

export const countedMous = (asOf: string): string =>
  `m.mission is not null and (m.withdrawn_on is null or m.withdrawn_on > ${asOf})`;

export type BacklogCounts = {
  deployedUnits: number;
  pendingSignature: number;
  pendingSignatureBeforeDeployment: number;
};
