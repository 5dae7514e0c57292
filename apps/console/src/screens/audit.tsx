import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiGet, withQuery } from '../api';
import { useI18n } from '../i18n';
import { Field, Link, Loading, Page, ProblemAlert } from '../ui';

type AuditEvent = {
  service: string;
  eventId: string;
  streamId: string;
  streamVersion: string;
  type: string;
  effectiveOn: string;
  recordedAt: string;
  actor: { sub: string };
  hash: string;
};
type EventPage = { items: AuditEvent[]; next: string | null };

const LIMIT = 50;
const EMPTY = {
  streamId: '',
  type: '',
  actor: '',
  effectiveFrom: '',
  effectiveTo: '',
  recordedFrom: '',
  recordedTo: '',
};

/** The auditor's event log, filtered by stream, type, actor and periods, read page after page. */
export const AuditScreen = () => {
  const { t } = useI18n();
  const [form, setForm] = useState(EMPTY);
  const [query, setQuery] = useState(EMPTY);
  const events = useInfiniteQuery({
    queryKey: ['audit-events', query],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      apiGet<EventPage>(withQuery('/v1/audit/events', { ...query, limit: LIMIT, after: pageParam })),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const fields: [keyof typeof form, string, string][] = [
    ['streamId', t('stream'), 'text'],
    ['type', t('type'), 'text'],
    ['actor', t('actor'), 'text'],
    ['effectiveFrom', t('effectiveFrom'), 'date'],
    ['effectiveTo', t('effectiveTo'), 'date'],
  ];
  return (
    <Page title={t('auditTitle')}>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(form);
        }}
      >
        {fields.map(([name, label, type]) => (
          <Field
            key={name}
            label={label}
            name={name}
            type={type}
            value={form[name]}
            onChange={set(name)}
            error={events.error}
          />
        ))}
        <button type="submit">{t('apply')}</button>
      </form>
      <ProblemAlert error={events.error} shownFields={fields.map(([name]) => name)} />
      {events.isPending && <Loading />}
      {events.data !== undefined && (
        <>
          <table className="data">
            <caption>{t('auditTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('recordedAt')}</th>
                <th scope="col">{t('effectiveOn')}</th>
                <th scope="col">{t('service')}</th>
                <th scope="col">{t('stream')}</th>
                <th scope="col">{t('type')}</th>
                <th scope="col">{t('actor')}</th>
                <th scope="col">{t('hash')}</th>
              </tr>
            </thead>
            <tbody>
              {events.data.pages.flatMap((page) =>
                page.items.map((e) => (
                  <tr key={`${e.service}:${e.eventId}`}>
                    <td>{e.recordedAt}</td>
                    <td>{e.effectiveOn}</td>
                    <td>{e.service}</td>
                    <td>
                      <Link
                        to={`/audit/streams/${encodeURIComponent(e.streamId)}`}
                        aria-label={t('openStream', { stream: e.streamId })}
                      >
                        <code>{e.streamId}</code>
                      </Link>{' '}
                      #{e.streamVersion}
                    </td>
                    <th scope="row">{e.type}</th>
                    <td>{e.actor.sub}</td>
                    <td>
                      <code title={e.hash}>{e.hash.slice(0, 12)}…</code>
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          {events.hasNextPage && (
            <button
              type="button"
              disabled={events.isFetchingNextPage}
              onClick={() => void events.fetchNextPage()}
            >
              {t('loadMore')}
            </button>
          )}
        </>
      )}
    </Page>
  );
};
