import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiGet, withQuery } from '../api';
import { translateCode, useI18n } from '../i18n';
import { Field, Loading, Money, Page, ProblemAlert } from '../ui';

type Line = { certified: string; paid: string; credits: string; owed: string };
type Claim = {
  claimId: string;
  claimRef: string;
  mission: string;
  period: string;
  amount: string;
  owed: string;
  settledOn?: string;
};
type Statement = Line & {
  contributor: string;
  asOf: string;
  byMission: (Line & { mission: string })[];
  byCategory: (Line & { category: string })[];
  claims: Claim[];
  settledClaims: Claim[];
  settledClaimCount: number;
  nextSettledCursor: string | null;
};

const Claims = ({ caption, claims, settled }: { caption: string; claims: Claim[]; settled?: boolean }) => {
  const { t } = useI18n();
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('claimRef')}</th>
          <th scope="col">{t('mission')}</th>
          <th scope="col">{t('period')}</th>
          <th scope="col">{t('amount')}</th>
          <th scope="col">{settled ? t('settledOn') : t('owed')}</th>
        </tr>
      </thead>
      <tbody>
        {claims.map((claim) => (
          <tr key={claim.claimId}>
            <th scope="row">{claim.claimRef}</th>
            <td>{claim.mission}</td>
            <td>{claim.period}</td>
            <td className="num">
              <Money amount={claim.amount} />
            </td>
            <td className={settled ? undefined : 'num'}>
              {settled ? claim.settledOn : <Money amount={claim.owed} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const statementPath = (contributor: string) =>
  `/v1/reports/contributors/${encodeURIComponent(contributor)}/statement`;

/** The settled claims: the statement's first page, then "more" fetches the next from its cursor. */
const SettledClaims = ({
  query,
  statement,
}: {
  query: { contributor: string; asOf: string };
  statement: Statement;
}) => {
  const { t } = useI18n();
  const [more, setMore] = useState<{ claims: Claim[]; next: string | null }>({ claims: [], next: null });
  const [error, setError] = useState<unknown>(null);
  const claims = [...statement.settledClaims, ...more.claims];
  const next = more.claims.length > 0 ? more.next : statement.nextSettledCursor;
  const loadMore = async () => {
    try {
      const page = await apiGet<Statement>(
        withQuery(statementPath(query.contributor), {
          asOf: statement.asOf,
          settledCursor: next ?? '',
        }),
      );
      setMore({ claims: [...more.claims, ...page.settledClaims], next: page.nextSettledCursor });
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <Claims
        caption={t('settledClaims', {
          shown: String(claims.length),
          count: String(statement.settledClaimCount),
        })}
        claims={claims}
        settled
      />
      <ProblemAlert error={error} />
      {next !== null && (
        <button type="button" onClick={() => void loadMore()}>
          {t('moreSettledClaims')}
        </button>
      )}
    </>
  );
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
 * A contributor's statement: what was certified, paid and is owed, by mission and by category; its open
 * claims, and its settled ones a page at a time ("more settled claims"). A
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
        withQuery(statementPath(query.contributor), {
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
          <Claims caption={t('openClaims')} claims={statement.data.claims} />
          <SettledClaims
            key={`${query.contributor}/${statement.data.asOf}`}
            query={query}
            statement={statement.data}
          />
        </>
      )}
    </Page>
  );
};
