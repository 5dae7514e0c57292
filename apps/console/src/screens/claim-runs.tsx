import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiGet, apiPost } from '../api';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { Field, Link, Loading, Money, Page, ProblemAlert, Progress } from '../ui';

type RunSummary = {
  runId: string;
  period: string;
  mission: string | null;
  status: 'running' | 'completed';
  preparedOn: string;
  preparedBy: string;
  units: number;
  processed: number;
  prepared: number;
  alreadyClaimed: number;
  notClaimed: number;
  amountUsd: string;
  certifications: number;
};
type RunDetail = RunSummary & {
  exceptions: { mouId: string; mouRef: string; code: string; reason: string }[];
};

/** The monthly claims run: start one for a month, follow it, and read its exceptions. */
export const ClaimRunsScreen = ({ runId }: { runId?: string }) => {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = useState({ period: '', mission: '', preparedOn: '' });
  const runs = useQuery({ queryKey: ['claim-runs'], queryFn: () => apiGet<RunSummary[]>('/v1/claim-runs') });
  const selected = useQuery({
    queryKey: ['claim-run', runId],
    enabled: runId !== undefined,
    queryFn: () => apiGet<RunDetail>(`/v1/claim-runs/${encodeURIComponent(runId ?? '')}`),
    // A run still going is read again until it completes: its progress bar moves.
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
  // Once it completes, the lists that show its claims and runs are read again.
  const completed = selected.data?.status === 'completed';
  useEffect(() => {
    if (!completed) return;
    void client.invalidateQueries({ queryKey: ['claim-runs'] });
    void client.invalidateQueries({ queryKey: ['claims'] });
  }, [client, completed]);
  const start = useMutation({
    mutationFn: () =>
      apiPost<RunDetail>('/v1/claim-runs', {
        period: form.period,
        preparedOn: form.preparedOn,
        ...(form.mission !== '' && { mission: form.mission }),
      }),
    onSuccess: (run) => {
      client.setQueryData(['claim-run', run.runId], run);
      void client.invalidateQueries({ queryKey: ['claim-runs'] });
      // the run's own address: its progress is followed there until it completes
      navigate(`/claim-runs/${run.runId}`);
    },
  });
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const shown = selected.data ?? start.data;
  return (
    <Page title={t('claimRunsTitle')}>
      <form
        className="card form"
        aria-labelledby="run-title"
        onSubmit={(event) => {
          event.preventDefault();
          start.mutate();
        }}
      >
        <h2 id="run-title">{t('proposeRun')}</h2>
        <Field
          label={t('runPeriod')}
          name="period"
          value={form.period}
          onChange={set('period')}
          error={start.error}
          placeholder="2019-04"
        />
        <Field
          label={`${t('mission')} ${t('optional')}`}
          name="mission"
          value={form.mission}
          onChange={set('mission')}
          error={start.error}
        />
        <Field
          label={t('runPreparedOn')}
          name="preparedOn"
          type="date"
          value={form.preparedOn}
          onChange={set('preparedOn')}
          error={start.error}
        />
        <ProblemAlert error={start.error} shownFields={['period', 'mission', 'preparedOn']} />
        {start.isPending && (
          <p role="status">
            <progress aria-label={t('progress')} /> {t('loading')}
          </p>
        )}
        {start.isSuccess && <p role="status">{t('runStarted')}</p>}
        <button type="submit" disabled={start.isPending}>
          {t('proposeRun')}
        </button>
      </form>
      {shown !== undefined && <RunDetailView run={shown} />}
      <h2>{t('runs')}</h2>
      <ProblemAlert error={runs.error} />
      {runs.isPending && <Loading />}
      {runs.data !== undefined &&
        (runs.data.length === 0 ? (
          <p>{t('noData')}</p>
        ) : (
          <table className="data">
            <caption>{t('runs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('period')}</th>
                <th scope="col">{t('mission')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('prepared')}</th>
                <th scope="col">{t('notClaimed')}</th>
                <th scope="col">{t('amount')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => (
                <tr key={run.runId}>
                  <th scope="row">
                    <Link to={`/claim-runs/${run.runId}`}>{run.period}</Link>
                  </th>
                  <td>{run.mission ?? t('allMissions')}</td>
                  <td>{t(`claimRunStatus.${run.status}`)}</td>
                  <td className="num">{run.prepared}</td>
                  <td className="num">{run.notClaimed}</td>
                  <td className="num">
                    <Money amount={run.amountUsd} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Page>
  );
};

const RunDetailView = ({ run }: { run: RunDetail }) => {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="run-detail-title">
      <h2 id="run-detail-title">
        {run.period} · {run.mission ?? t('allMissions')}
      </h2>
      <Progress label={t('progress')} value={run.processed} max={run.units} />
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd>{t(`claimRunStatus.${run.status}`)}</dd>
        <dt>{t('units')}</dt>
        <dd>{run.units}</dd>
        <dt>{t('prepared')}</dt>
        <dd>{run.prepared}</dd>
        <dt>{t('alreadyClaimed')}</dt>
        <dd>{run.alreadyClaimed}</dd>
        <dt>{t('notClaimed')}</dt>
        <dd>{run.notClaimed}</dd>
        <dt>{t('amount')}</dt>
        <dd>
          <Money amount={run.amountUsd} />
        </dd>
        <dt>{t('certifications')}</dt>
        <dd>{run.certifications}</dd>
      </dl>
      <h3>{t('exceptions')}</h3>
      {run.exceptions.length === 0 ? (
        <p>{t('noExceptions')}</p>
      ) : (
        <table className="data exceptions">
          <caption>{t('exceptions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mouRef')}</th>
              <th scope="col">{t('code')}</th>
              <th scope="col">{t('reason')}</th>
            </tr>
          </thead>
          <tbody>
            {run.exceptions.map((e) => (
              <tr key={e.mouId}>
                <th scope="row">
                  <Link to={`/mous/${e.mouId}`}>{e.mouRef}</Link>
                </th>
                <td>
                  <code>{e.code}</code>
                </td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
