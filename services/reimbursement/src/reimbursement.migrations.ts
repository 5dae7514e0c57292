import type { Migration } from '@coe/event-store';

// Reimbursement's own read tables, written in the same transaction as the events they show (strongly
// consistent reads), and the MOU terms it learns from mou-negotiation's MouTermsInForce.
export const reimbursementMigrations: Migration[] = [
  {
    id: 'reimbursement-001-read-tables',
    sql: (s) => `
      create table ${s}.mou_terms (
        mou_id text not null,
        annex_version integer not null,
        mou_ref text not null,
        mission text not null,
        contributor text not null,
        unit_id text,
        effective_on date not null,
        personnel_ceiling integer not null,
        annex_b jsonb not null,
        annex_c jsonb not null,
        mission_factors jsonb not null,
        event_id uuid not null,
        primary key (mou_id, annex_version)
      );
      create table ${s}.rate_table_versions (
        table_id text not null,
        version integer not null,
        kind text not null,
        effective_from date not null,
        issued_on date not null,
        "values" jsonb not null,
        primary key (table_id, version)
      );
      create table ${s}.verification_reports (
        mou_id text not null,
        period text not null,
        version integer not null,
        mou_ref text not null,
        mission text not null,
        contributor text not null,
        reported_on date not null,
        content jsonb not null,
        primary key (mou_id, period, version)
      );
      create table ${s}.claims (
        claim_id uuid primary key,
        claim_ref text not null unique,
        origin text not null,
        mou_id text,
        mission text not null,
        contributor text not null,
        category text not null,
        period text not null,
        status text not null,
        amount_usd numeric(16, 2) not null,
        paid_usd numeric(16, 2) not null default 0,
        prepared_on date,
        prepared_by text,
        certified_on date,
        certified_by text,
        adjusts_claim_id uuid,
        lines jsonb not null,
        basis jsonb,
        version bigint not null
      );
      create index claims_payee on ${s}.claims (mission, contributor, certified_on);
      create index claims_contributor on ${s}.claims (contributor, period);
      create index claims_status on ${s}.claims (status, certified_on);
      create index claims_adjusting on ${s}.claims (adjusts_claim_id) where adjusts_claim_id is not null;
      create table ${s}.payments (
        payment_id uuid primary key,
        payment_ref text not null unique,
        mission text not null,
        contributor text not null,
        amount_usd numeric(16, 2) not null,
        paid_on date not null,
        payment_run_id uuid,
        requested_claim_ref text,
        allocations jsonb not null
      );
      create index payments_payee on ${s}.payments (mission, contributor, paid_on);
      create index payments_contributor on ${s}.payments (contributor, paid_on);
      create table ${s}.fund_movements (
        id bigint generated always as identity primary key,
        mission text not null,
        on_date date not null,
        amount_usd numeric(16, 2) not null,
        kind text not null,
        ref text not null
      );
      create index fund_movements_mission on ${s}.fund_movements (mission, on_date);
      create table ${s}.loans (
        loan_id uuid primary key,
        lender_mission text not null,
        borrower_mission text not null,
        amount_usd numeric(16, 2) not null,
        repaid_usd numeric(16, 2) not null default 0,
        lent_on date not null,
        payment_run_id uuid not null
      );
      create index loans_borrower on ${s}.loans (borrower_mission, lent_on);
      create table ${s}.payment_runs (
        run_id uuid primary key,
        quarter text not null,
        run_on date not null,
        status text not null,
        proposed_on date not null,
        proposed_by text not null,
        approved_on date,
        approved_by text,
        plan jsonb not null,
        version bigint not null
      );
    `,
  },
  {
    // claims-a: unit movements (service days) and premium grants
    id: 'reimbursement-002-unit-movements-and-premiums',
    sql: (s) => `
      create table ${s}.unit_movements (
        mou_id text not null,
        kind text not null,
        on_date date not null,
        event_id uuid not null,
        primary key (mou_id, kind, on_date)
      );
      create table ${s}.premium_grants (
        grant_id uuid primary key,
        mou_id text not null,
        kind text not null,
        pct numeric(7, 4) not null,
        from_on date not null,
        to_on date not null,
        granted_on date not null,
        granted_by text not null,
        reference text not null
      );
      create index premium_grants_mou on ${s}.premium_grants (mou_id, from_on);
    `,
  },
  {
    id: 'reimbursement-003-claim-runs',
    sql: (s) => `
      create table ${s}.claim_runs (
        run_id uuid primary key,
        period text not null,
        mission text,
        status text not null,
        prepared_on date not null,
        prepared_by text not null,
        units integer not null,
        processed integer not null,
        prepared integer not null,
        already_claimed integer not null,
        not_claimed integer not null,
        amount_usd numeric(16, 2) not null,
        outcomes jsonb not null,
        certifications integer not null,
        version bigint not null
      );
      create index claim_runs_period on ${s}.claim_runs (period, mission);
      create table ${s}.known_mous (
        mou_id text primary key,
        mou_ref text not null,
        mission text not null,
        contributor text not null
      );
      create index known_mous_mission on ${s}.known_mous (mission);
    `,
  },
  {
    // letters of assist, death-and-disability cases and hostile-action incidents (the payables besides
    // monthly claims), and the items lost through a recorded incident (what 67/261 exemptions read)
    id: 'reimbursement-payables-001-records',
    sql: (s) => `
      create table ${s}.payable_records (
        kind text not null,
        id uuid not null,
        ref text not null,
        mission text not null,
        contributor text not null,
        status text not null,
        dated_on date not null,
        state jsonb not null,
        version bigint not null,
        primary key (kind, id),
        unique (kind, ref)
      );
      create index payable_records_payee on ${s}.payable_records (kind, contributor, dated_on);
      create table ${s}.hostile_action_items (
        incident_id uuid not null,
        item_no integer not null,
        mou_id text not null,
        mission text not null,
        contributor text not null,
        occurred_on date not null,
        line_id text,
        category text not null,
        item text not null,
        quantity integer not null,
        primary key (incident_id, item_no)
      );
      create index hostile_action_items_mou on ${s}.hostile_action_items (mou_id, occurred_on);
    `,
  },
  {
    id: 'reimbursement-004-claim-voiding',
    sql: (s) => `
      alter table ${s}.claims add column voided_on date, add column voided_by text, add column void_reason text;
    `,
  },
  {
    // a run's business dates (proposed_on, approved_on) beside the instants its events were recorded at
    id: 'reimbursement-005-payment-run-recorded-at',
    sql: (s) => `
      alter table ${s}.payment_runs add column proposed_at timestamptz, add column approved_at timestamptz;
      update ${s}.payment_runs r set proposed_at = e.recorded_at
        from ${s}.events e where e.stream_id = 'payment-run-' || r.run_id and e.event_type = 'PaymentRunProposed';
      update ${s}.payment_runs r set approved_at = e.recorded_at
        from ${s}.events e where e.stream_id = 'payment-run-' || r.run_id and e.event_type = 'PaymentRunApproved';
    `,
  },
  {
    id: 'reimbursement-006-verification-documents',
    sql: (s) => `
      -- the documents each version of a report names (bytes in the document store, by hash), so that
      -- GET /v1/documents/{sha256} serves them to whoever may read the report
      create table ${s}.verification_documents (
        mou_id text not null,
        period text not null,
        version integer not null,
        sha256 text not null,
        title text not null,
        kind text not null,
        media_type text not null,
        size integer not null,
        primary key (mou_id, period, version, sha256)
      );
      create index verification_documents_sha256 on ${s}.verification_documents (sha256);
    `,
  },
];
