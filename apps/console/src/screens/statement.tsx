import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiGet, withQuery } from '../api';
import { translateCode, useI18n } from '../i18n';
import { Field, Loading, Money, Page, ProblemAlert } from '../ui';

type Line = { certified: string; paid: string; credits: string; owed: string };
type Statement = Line & {
  contributor: string;
  asOf: string;
  byMission: (Line & { mission: string })[];
  byCategory: (Line & { category: string })[];
};

const Lines = ({ caption, rows }: { caption: string; rows: (Line & { key: string; label: string })[] }) => {
  const { t } = useI18n();
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption}</th>
          <th scope="col">{t('certified')}</th>
          <th scope="col">{t('paid')}</th>
          <th scope="col">{t('credits')}</th>
          <th scope="col">{t('owed')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="num">
              <Money amount={row.certified} />
            </td>
            <td className="num">
              <Money amount={row.paid} />
            </td>
            <td className="num">
              <Money amount={row.credits} />
            </td>
            <td className="num">
              <Money amount={row.owed} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/**
 * A contributor's statement: what was certified, paid and is owed, by mission and by category. A
 * contributor representative sees their own (the server refuses any other); others pick a contributor.
 */
export const StatementScreen = ({ ownContributor }: { ownContributor?: string }) => {
  const { t } = useI18n();
  const [form, setForm] = useState({ contributor: ownContributor ?? 'BGD', asOf: '' });
  const [query, setQuery] = useState(form);
  const statement = useQuery({
    queryKey: ['statement', query],
    queryFn: () =>
      apiGet<Statement>(
        withQuery(`/v1/reports/contributors/${encodeURIComponent(query.contributor)}/statement`, {
          asOf: query.asOf,
        }),
      ),
  });
  return (
    <Page title={t('statementTitle', { contributor: query.contributor })}>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(form);
        }}
      >
        {ownContributor === undefined && (
          <Field
            label={t('contributor')}
            name="iso3"
            value={form.contributor}
            onChange={(contributor) => setForm({ ...form, contributor: contributor.toUpperCase() })}
            error={statement.error}
          />
        )}
        <Field
          label={t('asOf')}
          name="asOf"
          type="date"
          value={form.asOf}
          onChange={(asOf) => setForm({ ...form, asOf })}
          error={statement.error}
        />
        <button type="submit">{t('show')}</button>
      </form>
      <ProblemAlert error={statement.error} shownFields={['iso3', 'asOf']} />
      {statement.isPending && <Loading />}
      {statement.data !== undefined && (
        <>
          <dl className="facts kpis">
            <dt>{t('certified')}</dt>
            <dd>
              <Money amount={statement.data.certified} />
            </dd>
            <dt>{t('paid')}</dt>
            <dd>
              <Money amount={statement.data.paid} />
            </dd>
            <dt>{t('owed')}</dt>
            <dd>
              <Money amount={statement.data.owed} />
            </dd>
          </dl>
          <Lines
            caption={t('byMission')}
            rows={statement.data.byMission.map((m) => ({ ...m, key: m.mission, label: m.mission }))}
          />
          <Lines
            caption={t('byCategory')}
            rows={statement.data.byCategory.map((c) => ({
              ...c,
              key: c.category,
              label: translateCode(t, 'category', c.category),
            }))}
          />
        </>
      )}
    </Page>
  );
};
