/**
 * The groups of the OpenAPI document, in the order of the work: force generation, the MOU, the money,
 * then reports, audit and operations. Every controller names one of them in `@ApiTags`; the document lists
 * those in use in this order with their descriptions, in the single process and in each service alike.
 */
export const API_TAGS = [
  {
    name: 'Statements of unit requirements',
    description:
      'Step 1 of force generation. A SUR says, per mission and unit type, the personnel, major equipment and ' +
      'self-sustainment a unit needs: issued, then revised (a new version) or varied for one contributor. ' +
      'Stream `sur-<surId>`.',
  },
  {
    name: 'Pledges',
    description:
      'Step 2, the Peacekeeping Capability Readiness System (PCRS): pledge registered (L1) → Assessment and ' +
      'Advisory Visit (AAV) → L2 → aligned with a SUR → L3 → RDL verification visit → RDL → selected for a ' +
      'mission (which creates the unit and drafts its MOU). A pledge can be withdrawn until it is selected. ' +
      'Stream `pledge-<pledgeId>`.',
  },
  {
    name: 'Units',
    description:
      'Step 3, a selected unit: pre-deployment visit → deployment (arrival in the mission area) → arrival ' +
      'inspection → rotations → repatriation → repatriation inspection. Stream `unit-<unitId>`.',
  },
  {
    name: 'MOUs',
    description:
      'Step 4, one MOU per unit and mission: MOU drafted (on selection) → negotiation rounds → sent to the ' +
      'Permanent Mission → signed by the contributor and by the UN, in either order (in force once both ' +
      'have signed) → amendments (each negotiated and signed the same way) → closure; withdrawn at any ' +
      'point before it is in force. Stream `mou-<mouId>`.',
  },
  {
    name: 'Rate tables',
    description:
      'The effective-dated rates every amount is computed with (personnel, major equipment, ' +
      'self-sustainment, mission factors, deductions, death and disability, cash pool settings, …): each ' +
      'POST adds a version in force from its date. Stream `rate-table-<tableId>`.',
  },
  {
    name: 'Verification reports',
    description:
      'Step 5, after deployment: the monthly or quarterly verification of a unit’s personnel, equipment and ' +
      'self-sustainment against its MOU (recorded, then corrected), and the MOU terms in force for a period. ' +
      'Stream `verification-<mouId>-<YYYY-MM>`.',
  },
  {
    name: 'Claims and payables',
    description:
      'Step 6: a claim computed from a verification report and the rates in force (one at a time, or a claim ' +
      'run for every unit of a period) → certified by a second finance officer (four eyes) → payable; ' +
      'adjusted or voided afterwards. Streams `claim-<claimId>`, `claim-run-<runId>`, `premium-<mouId>`.',
  },
  {
    name: 'Letters of assist',
    description:
      'A payable outside the MOU: letter of assist issued with a not-to-exceed amount → invoices → each ' +
      'invoice certified → closure. Stream `letter-of-assist-<loaId>`.',
  },
  {
    name: 'Death and disability',
    description:
      'A payable: a death and disability case recorded → certified by a second finance officer. Stream ' +
      '`death-and-disability-<caseId>`.',
  },
  {
    name: 'Loss through hostile action',
    description:
      'A payable: an incident of loss or damage through hostile action or forced abandonment recorded → ' +
      'certified. Stream `hostile-action-<incidentId>`.',
  },
  {
    name: 'Cash pool and payment runs',
    description:
      'Step 7: assessments received into each mission’s fund → a quarterly payment run proposed (the cash ' +
      'pool lends between missions) → approved by a second officer and executed into payments and loans. ' +
      'Streams `fund-<MISSION>`, `mission-status-<MISSION>`, `payment-run-<runId>`, `payment-<paymentId>`, ' +
      '`loan-<loanId>`.',
  },
  {
    name: 'Legacy imports',
    description:
      'CSV files from the systems before this one (MOU register, certified claims, payments, verification ' +
      'reports, assessments), imported row by row as ordinary events carrying the file’s business dates.',
  },
  {
    name: 'Reports',
    description:
      'Read models built from every service’s events: the MOU backlog, days to signature, payables (what is ' +
      'owed to contributors), contributor statements, the cash pool and payment runs; each as of a date, ' +
      'and as known at an instant.',
  },
  {
    name: 'Audit',
    description:
      'Every stream’s events with their envelope and hash chain, an aggregate’s state as of a date and as ' +
      'known at an instant, the event log and its exports, verifications, checkpoints, replays and what ' +
      'changed in a report. A `streamId` is `<aggregate>-<id>`, as named in each group above.',
  },
  {
    name: 'Documents',
    description:
      'Signed MOUs, notes verbales and inspection reports: uploaded (PDF, PNG or JPEG, checked by content), ' +
      'stored by their SHA-256, then named in `documents` by the command that records the event they belong ' +
      'to (a signature, the sending, a verification report, an inspection); downloadable by whoever may read ' +
      'that event.',
  },
  {
    name: 'Reference data',
    description:
      'The lists entries are checked against: the COE Manual category codes (self-sustainment and major ' +
      'equipment, English and French labels) that annexes, rate tables and reports must use exactly.',
  },
  {
    name: 'Projections admin',
    description: 'Rebuilding the read models and retrying events a projection parked.',
  },
  {
    name: 'Operations',
    description: 'Health, metrics and the event consumers of this process.',
  },
  {
    name: 'Sign-in',
    description: 'Signing in to the console through the configured OpenID Connect provider.',
  },
  {
    name: 'Development',
    description: 'Development sign-in, outside production only.',
  },
] as const satisfies readonly { name: string; description: string }[];

export type ApiTagName = (typeof API_TAGS)[number]['name'];
