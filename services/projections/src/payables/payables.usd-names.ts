import type { ContributorStatement } from './contributor-statement.query';
import type { PayablesFigures, PayablesReport } from './payables.report';

// Money fields end in `Usd` in every answer (docs/api-conventions.md, issue 18 item 12). The payables
// report and the contributor statement first gave the contract's names (`certified`, `paid`, …): those
// stay, deprecated in the document, with the same figure under the `Usd` name next to each.

const figuresUsd = <F extends PayablesFigures>(figures: F) => ({
  ...figures,
  certifiedUsd: figures.certified,
  paidUsd: figures.paid,
  outstandingUsd: figures.outstanding,
  creditsUsd: figures.credits,
  owedUsd: figures.owed,
});

/** The payables report with the `Usd` names added next to the first ones, in total and per contributor. */
export const payablesAnswer = <R extends PayablesReport>(report: R) => ({
  ...figuresUsd(report),
  contributors: report.contributors.map(figuresUsd),
});

/** The contributor statement with the `Usd` names added next to the first ones, at every level. */
type StatementClaim = ContributorStatement['claims'][number];

const claimUsd = <C extends StatementClaim>(claim: C) => ({
  ...claim,
  components: claim.components.map((c) => ({ ...c, amountUsd: c.amount })),
  amountUsd: claim.amount,
  settledUsd: claim.settled,
  outstandingUsd: claim.outstanding,
  owedUsd: claim.owed,
  unusedCreditUsd: claim.unusedCredit,
});

export const statementAnswer = <S extends ContributorStatement>(statement: S) => ({
  ...figuresUsd(statement),
  byMission: statement.byMission.map(figuresUsd),
  byCategory: statement.byCategory.map(figuresUsd),
  claims: statement.claims.map(claimUsd),
  settledClaims: statement.settledClaims.map(claimUsd),
  payments: statement.payments.map((payment) => ({
    ...payment,
    amountUsd: payment.amount,
    allocations: payment.allocations.map((a) => ({ ...a, amountUsd: a.amount })),
  })),
});
