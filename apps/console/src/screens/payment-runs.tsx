import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiGet, apiPost } from '../api';
import { useI18n } from '../i18n';
import { Field, Loading, Money, Page, ProblemAlert } from '../ui';

type PaymentRun = {
  runId: string;
  quarter: string;
  runOn: string;
  status: 'proposed' | 'executed';
  /** Business dates, apart from the instants they were recorded at. */
  proposedOn: string;
  proposedAt: string | null;
  proposedBy: string;
  approvedOn: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
};
type PaymentRunDetail = PaymentRun & {
  plan: {
    pooled: boolean;
    availableCashUsd: string;
    reserveUsd: string;
    paidUsd: string;
    paidWithoutPoolUsd: string;
    payments: unknown[];
    loans: unknown[];
  };
};

/**
 * Quarterly payment runs: the runs another officer proposed, waiting for this officer's approval, first;
 * then this officer's own proposals, which wait for someone else (four eyes: the API refuses the
 * proposer with 403 FOUR_EYES_REQUIRED, shown beside the button); then proposing a run, and every run.
 */
export const PaymentRunsScreen = ({ sub }: { sub: string }) => {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = useState({ quarter: '', runOn: '', proposedOn: '' });
  const [approvedOn, setApprovedOn] = useState('');
  const runs = useQuery({
    queryKey: ['payment-runs'],
    queryFn: () => apiGet<PaymentRun[]>('/v1/payment-runs'),
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['payment-runs'] });
    void client.invalidateQueries({ queryKey: ['cash-pool'] });
  };
  const propose = useMutation({
    mutationFn: () => apiPost<PaymentRunDetail>('/v1/payment-runs', withoutEmpty(form)),
    onSuccess: refresh,
  });
  const approve = useMutation({
    mutationFn: (runId: string) =>
      apiPost<PaymentRunDetail>(
        `/v1/payment-runs/${encodeURIComponent(runId)}/approval`,
        withoutEmpty({ approvedOn }),
      ),
    onSuccess: refresh,
  });
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const proposed = (runs.data ?? []).filter((r) => r.status === 'proposed');
  const awaiting = [
    ...proposed.filter((r) => r.proposedBy !== sub),
    ...proposed.filter((r) => r.proposedBy === sub),
  ];
  return (
    <Page title={t('paymentRunsTitle')}>
      <h2 id="approval-title">{t('runsAwaitingApproval')}</h2>
      {approve.data !== undefined && (
        <>
          <p role="status">{t('runApproved', { quarter: approve.data.quarter })}</p>
          <PlanView run={approve.data} />
        </>
      )}
      {runs.data !== undefined &&
        (awaiting.length === 0 ? (
          <p>{t('noneAwaiting')}</p>
        ) : (
          <>
            <Field
              label={t('approvedOn')}
              name="approvedOn"
              type="date"
              value={approvedOn}
              onChange={setApprovedOn}
              error={approve.error}
            />
            <p className="muted">{t('runDatesDefault')}</p>
            <ul className="plain">
              {awaiting.map((run) => (
                <li key={run.runId} className="row-action">
                  {t('runProposedBy', {
                    quarter: run.quarter,
                    runOn: run.runOn,
                    who: run.proposedBy === sub ? t('proposedByYou') : run.proposedBy,
                  })}{' '}
                  <button
                    type="button"
                    disabled={approve.isPending}
                    onClick={() => approve.mutate(run.runId)}
                  >
                    {t('approveRun', { quarter: run.quarter })}
                  </button>
                  {approve.variables === run.runId && <ProblemAlert error={approve.error} />}
                </li>
              ))}
            </ul>
          </>
        ))}

      <form
        className="card form"
        aria-labelledby="propose-title"
        onSubmit={(event) => {
          event.preventDefault();
          propose.mutate();
        }}
      >
        <h2 id="propose-title">{t('proposePaymentRun')}</h2>
        <Field
          label={t('quarter')}
          name="quarter"
          value={form.quarter}
          onChange={set('quarter')}
          error={propose.error}
          placeholder="2019-Q3"
        />
        <Field
          label={t('runOn')}
          name="runOn"
          type="date"
          value={form.runOn}
          onChange={set('runOn')}
          error={propose.error}
        />
        <Field
          label={t('proposedOn')}
          name="proposedOn"
          type="date"
          value={form.proposedOn}
          onChange={set('proposedOn')}
          error={propose.error}
        />
        <p className="muted">{t('runDatesDefault')}</p>
        <ProblemAlert error={propose.error} shownFields={['quarter', 'runOn', 'proposedOn']} />
        {propose.data !== undefined && (
          <>
            <p role="status">{t('runProposed', { quarter: propose.data.quarter })}</p>
            <PlanView run={propose.data} />
          </>
        )}
        <button type="submit" disabled={propose.isPending}>
          {t('proposePaymentRun')}
        </button>
      </form>

      <h2 id="all-runs">{t('runs')}</h2>
      <ProblemAlert error={runs.error} />
      {runs.isPending && <Loading />}
      {runs.data !== undefined &&
        (runs.data.length === 0 ? (
          <p>{t('noData')}</p>
        ) : (
          <table className="data" aria-labelledby="all-runs">
            <thead>
              <tr>
                <th scope="col">{t('quarter')}</th>
                <th scope="col">{t('runOn')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('proposer')}</th>
                <th scope="col">{t('proposedOn')}</th>
                <th scope="col">{t('approver')}</th>
                <th scope="col">{t('approvedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => (
                <tr key={run.runId}>
                  <th scope="row">{run.quarter}</th>
                  <td>{run.runOn}</td>
                  <td>{t(run.status === 'proposed' ? 'runStatus.proposed' : 'runStatus.executed')}</td>
                  <td>{run.proposedBy}</td>
                  <td>
                    <BusinessDate on={run.proposedOn} at={run.proposedAt} />
                  </td>
                  <td>{run.approvedBy ?? '—'}</td>
                  <td>
                    <BusinessDate on={run.approvedOn} at={run.approvedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Page>
  );
};

const withoutEmpty = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));

/** A business date, with the instant it was recorded beneath it (the two differ for work entered later). */
const BusinessDate = ({ on, at }: { on: string | null; at: string | null }) => {
  const { t } = useI18n();
  if (on === null) return <>—</>;
  return (
    <>
      {on}
      {at !== null && (
        <>
          <br />
          <small>
            {t('recordedAt')} {at}
          </small>
        </>
      )}
    </>
  );
};

/** What a run pays from what: the cash, the reserve kept, the amount paid with and without the pool. */
const PlanView = ({ run }: { run: PaymentRunDetail }) => {
  const { t } = useI18n();
  return (
    <dl className="facts">
      <dt>{t('availableCash')}</dt>
      <dd>
        <Money amount={run.plan.availableCashUsd} />
      </dd>
      <dt>{t('reserve')}</dt>
      <dd>
        <Money amount={run.plan.reserveUsd} />
      </dd>
      <dt>{t('planPaid')}</dt>
      <dd>
        <Money amount={run.plan.paidUsd} />
      </dd>
      <dt>{t('paidWithoutPool')}</dt>
      <dd>
        <Money amount={run.plan.paidWithoutPoolUsd} />
      </dd>
      <dt>{t('paymentsAndLoans')}</dt>
      <dd>
        {run.plan.payments.length} / {run.plan.loans.length}
      </dd>
    </dl>
  );
};
