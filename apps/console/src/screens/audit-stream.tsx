import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiGet, apiPost, withQuery } from '../api';
import { useI18n } from '../i18n';
import { Field, Link, Loading, Page, ProblemAlert, Progress } from '../ui';

type StreamEvent = {
  eventId: string;
  streamVersion: string;
  type: string;
  effectiveOn: string | null;
  recordedAt: string;
  actor: { sub: string };
  hash: string;
  previousHash: string | null;
};
type StreamHistory = { streamId: string; service: string; events: StreamEvent[] };
type Verification = {
  verificationId: string;
  status: 'running' | 'intact' | 'broken' | 'failed';
  eventsChecked: number;
  eventsTotal: number;
  firstBreak: { streamVersion: string; problem: string } | null;
  error: string | null;
};
type StreamState = {
  asOf: string | null;
  knownAt: string | null;
  version: string;
  eventsCounted: number;
  state: unknown;
};

/**
 * One stream for the auditor: its history with each event's hash and the previous one, a hash-chain
 * verification run live on the server (the badge), and the aggregate's state as of a business date,
 * as known now and as known at an instant, side by side.
 */
export const AuditStreamScreen = ({ streamId }: { streamId: string }) => {
  const { t } = useI18n();
  const history = useQuery({
    queryKey: ['audit-stream', streamId],
    queryFn: () => apiGet<StreamHistory>(`/v1/audit/streams/${encodeURIComponent(streamId)}/events`),
  });
  return (
    <Page title={t('streamTitle', { stream: streamId })}>
      <p>
        <Link to="/audit">{t('backToLog')}</Link>
      </p>
      <VerificationBadge streamId={streamId} />
      <StateSideBySide streamId={streamId} />
      <h2 id="history-title">{t('streamHistory')}</h2>
      <ProblemAlert error={history.error} />
      {history.isPending && <Loading />}
      {history.data !== undefined && (
        <table className="data" aria-labelledby="history-title">
          <thead>
            <tr>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('type')}</th>
              <th scope="col">{t('effectiveOn')}</th>
              <th scope="col">{t('recordedAt')}</th>
              <th scope="col">{t('actor')}</th>
              <th scope="col">{t('hash')}</th>
              <th scope="col">{t('previousHash')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.events.map((e) => (
              <tr key={e.eventId}>
                <td className="num">{e.streamVersion}</td>
                <th scope="row">{e.type}</th>
                <td>{e.effectiveOn ?? '—'}</td>
                <td>{e.recordedAt}</td>
                <td>{e.actor.sub}</td>
                <td>
                  <code className="hash">{e.hash}</code>
                </td>
                <td>
                  <code className="hash">{e.previousHash ?? '—'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
};

const VerificationBadge = ({ streamId }: { streamId: string }) => {
  const { t } = useI18n();
  const start = useMutation({
    mutationFn: () => apiPost<Verification>('/v1/audit/verifications', { streamId }),
  });
  const id = start.data?.verificationId;
  const followed = useQuery({
    queryKey: ['verification', id],
    enabled: id !== undefined,
    queryFn: () => apiGet<Verification>(`/v1/audit/verifications/${encodeURIComponent(id ?? '')}`),
    // A verification still running is read again until it ends.
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });
  // Started on opening the stream: the badge is the server's verification of this stream now.
  const { mutate } = start;
  useEffect(() => mutate(), [mutate, streamId]);
  const v = followed.data ?? start.data;
  return (
    <section className="card" aria-labelledby="verification-title">
      <h2 id="verification-title">{t('verification')}</h2>
      <ProblemAlert error={start.error ?? followed.error} />
      {v === undefined && start.isPending && <Loading />}
      {v?.status === 'running' && (
        <Progress label={t('progress')} value={v.eventsChecked} max={v.eventsTotal} />
      )}
      {v?.status === 'intact' && (
        <p role="status" className="badge badge-ok" data-status="intact">
          ✔ {t('verifiedIntact', { events: v.eventsChecked })}
        </p>
      )}
      {v?.status === 'broken' && (
        <p role="alert" className="badge badge-bad" data-status="broken">
          ✘{' '}
          {t('verifiedBroken', {
            version: v.firstBreak?.streamVersion ?? '?',
            problem: v.firstBreak?.problem ?? '',
          })}
        </p>
      )}
      {v?.status === 'failed' && (
        <p role="alert" className="badge badge-bad" data-status="failed">
          ✘ {t('verificationFailed', { error: v.error ?? '' })}
        </p>
      )}
      <button
        type="button"
        disabled={start.isPending || v?.status === 'running'}
        onClick={() => start.mutate()}
      >
        {t('verifyAgain')}
      </button>
    </section>
  );
};

const StateSideBySide = ({ streamId }: { streamId: string }) => {
  const { t } = useI18n();
  const [form, setForm] = useState({ asOf: '', knownAt: '' });
  const [query, setQuery] = useState<typeof form | undefined>(undefined);
  const path = `/v1/audit/streams/${encodeURIComponent(streamId)}/state`;
  const now = useQuery({
    queryKey: ['audit-state', streamId, query?.asOf, 'now'],
    enabled: query !== undefined,
    queryFn: () => apiGet<StreamState>(withQuery(path, { asOf: query?.asOf })),
  });
  const then = useQuery({
    queryKey: ['audit-state', streamId, query?.asOf, query?.knownAt],
    enabled: query !== undefined,
    queryFn: () => apiGet<StreamState>(withQuery(path, { asOf: query?.asOf, knownAt: query?.knownAt })),
  });
  const error = now.error ?? then.error;
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  return (
    <section className="card" aria-labelledby="state-title">
      <h2 id="state-title">{t('stateTitle')}</h2>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(form);
        }}
      >
        <Field
          label={t('asOf')}
          name="asOf"
          type="date"
          value={form.asOf}
          onChange={set('asOf')}
          error={error}
        />
        <Field
          label={t('knownAt')}
          name="knownAt"
          value={form.knownAt}
          onChange={set('knownAt')}
          error={error}
          placeholder="2019-10-31T23:59:59Z"
        />
        <button type="submit">{t('show')}</button>
      </form>
      <ProblemAlert error={error} shownFields={['asOf', 'knownAt']} />
      {query !== undefined && error === null && (
        <div className="side-by-side">
          <StateColumn
            id="state-now"
            title={t('stateKnownNow', { asOf: query.asOf || t('today') })}
            state={now.data}
          />
          <StateColumn
            id="state-then"
            title={t('stateKnownAt', { asOf: query.asOf || t('today'), knownAt: query.knownAt || t('now') })}
            state={then.data}
          />
        </div>
      )}
    </section>
  );
};

const StateColumn = ({ id, title, state }: { id: string; title: string; state: StreamState | undefined }) => {
  const { t } = useI18n();
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {state === undefined ? (
        <Loading />
      ) : (
        <>
          <p>{t('stateCounted', { events: state.eventsCounted, version: state.version })}</p>
          <pre className="sources" tabIndex={0} aria-label={title}>
            {JSON.stringify(state.state, null, 2)}
          </pre>
        </>
      )}
    </section>
  );
};
