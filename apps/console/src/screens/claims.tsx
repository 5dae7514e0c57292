import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiGet, withQuery } from '../api';
import { translateCode, useI18n } from '../i18n';
import { DataTable, Field, Link, Loading, Money, Page, ProblemAlert } from '../ui';

type Claim = {
  claimId: string;
  claimRef: string;
  origin: string;
  mouId: string | null;
  mission: string;
  contributor: string;
  category: string;
  period: string;
  status: string;
  amountUsd: string;
  paidUsd: string;
  outstandingUsd: string;
  preparedOn: string | null;
  certifiedOn: string | null;
  certifiedBy: string | null;
};
type ClaimDetail = Claim & { lines: Record<string, unknown>[]; basis: Record<string, unknown> | null };
type ClaimPage = { items: Claim[]; total: number };

const PAGE_SIZE = 25;

export const ClaimsScreen = () => {
  const { t } = useI18n();
  const [form, setForm] = useState({ mission: '', contributor: '', period: '' });
  const [query, setQuery] = useState({ ...form, page: 1 });
  const claims = useQuery({
    queryKey: ['claims', query],
    queryFn: () => apiGet<ClaimPage>(withQuery('/v1/claims', { ...query, pageSize: PAGE_SIZE })),
  });
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const pages = claims.data === undefined ? 1 : Math.max(1, Math.ceil(claims.data.total / PAGE_SIZE));
  return (
    <Page title={t('claimsTitle')}>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery({ ...form, page: 1 });
        }}
      >
        <Field
          label={t('mission')}
          name="mission"
          value={form.mission}
          onChange={set('mission')}
          error={claims.error}
        />
        <Field
          label={t('contributor')}
          name="contributor"
          value={form.contributor}
          onChange={set('contributor')}
          error={claims.error}
        />
        <Field
          label={t('period')}
          name="period"
          value={form.period}
          onChange={set('period')}
          error={claims.error}
          placeholder="2019-04"
        />
        <button type="submit">{t('apply')}</button>
      </form>
      <ProblemAlert error={claims.error} shownFields={['mission', 'contributor', 'period']} />
      {claims.isPending && <Loading />}
      {claims.data !== undefined && (
        <>
          <DataTable
            caption={t('page', { page: query.page, pages })}
            rows={claims.data.items}
            rowKey={(c) => c.claimId}
            columns={[
              {
                key: 'claimRef',
                heading: t('claimRef'),
                cell: (c) => <Link to={`/claims/${c.claimId}`}>{c.claimRef}</Link>,
              },
              { key: 'status', heading: t('status'), cell: (c) => translateCode(t, 'claimStatus', c.status) },
              {
                key: 'category',
                heading: t('category'),
                cell: (c) => translateCode(t, 'category', c.category),
              },
              { key: 'amount', heading: t('amount'), money: (c) => c.amountUsd },
              { key: 'outstanding', heading: t('outstanding'), money: (c) => c.outstandingUsd },
            ]}
            paging={{ page: query.page, pages, onPage: (page) => setQuery({ ...query, page }) }}
          />
        </>
      )}
    </Page>
  );
};

/** The columns a line shows, in this order when present; the rest of a line is under its sources. */
const LINE_COLUMNS = ['category', 'description', 'item', 'quantity', 'days', 'rate', 'amountUsd'];
/** Shown in their own columns when a line has them: which rate governs and why, and the report's warnings. */
const EXPLAINED = ['rateBasis', 'warnings'];

type RateBasis = { source: string; reason: string };
type LineWarning = { code: string; message: string };

const RateBasisCell = ({ basis }: { basis: RateBasis | undefined }) => {
  const { t } = useI18n();
  if (basis === undefined) return <>—</>;
  return (
    <>
      <strong>{t(basis.source === 'mou' ? 'rateFromMou' : 'rateFromTable')}</strong>
      <br />
      <small>{basis.reason}</small>
    </>
  );
};

const WarningsCell = ({ warnings }: { warnings: LineWarning[] | undefined }) =>
  warnings === undefined || warnings.length === 0 ? null : (
    <ul className="warnings">
      {warnings.map((w) => (
        <li key={w.code + w.message} role="note">
          {w.message}
        </li>
      ))}
    </ul>
  );

/** One claim with every line and its sources (rate-table version, MOU version, report version). */
export const ClaimScreen = ({ claimId }: { claimId: string }) => {
  const { t } = useI18n();
  const claim = useQuery({
    queryKey: ['claim', claimId],
    queryFn: () => apiGet<ClaimDetail>(`/v1/claims/${encodeURIComponent(claimId)}`),
  });
  const c = claim.data;
  const has = (col: string) => c !== undefined && c.lines.some((line) => col in line);
  const columns = LINE_COLUMNS.filter(has);
  const explained = EXPLAINED.filter(has);
  const shown = [...columns, ...explained];
  return (
    <Page title={c === undefined ? t('screen.claims') : t('claimTitle', { ref: c.claimRef })}>
      <p>
        <Link to="/claims">{t('backToList')}</Link>
      </p>
      <ProblemAlert error={claim.error} />
      {claim.isPending && <Loading />}
      {c !== undefined && (
        <>
          <dl className="facts">
            <dt>{t('status')}</dt>
            <dd>{translateCode(t, 'claimStatus', c.status)}</dd>
            <dt>{t('category')}</dt>
            <dd>{translateCode(t, 'category', c.category)}</dd>
            <dt>{t('origin')}</dt>
            <dd>{c.origin}</dd>
            <dt>{t('mission')}</dt>
            <dd>{c.mission}</dd>
            <dt>{t('contributor')}</dt>
            <dd>{c.contributor}</dd>
            <dt>{t('period')}</dt>
            <dd>{c.period}</dd>
            <dt>{t('amount')}</dt>
            <dd>
              <Money amount={c.amountUsd} />
            </dd>
            <dt>{t('paid')}</dt>
            <dd>
              <Money amount={c.paidUsd} />
            </dd>
            <dt>{t('outstanding')}</dt>
            <dd>
              <Money amount={c.outstandingUsd} />
            </dd>
            <dt>{t('certifiedOn')}</dt>
            <dd>{c.certifiedOn ?? '—'}</dd>
            <dt>{t('certifiedBy')}</dt>
            <dd>{c.certifiedBy ?? '—'}</dd>
            {c.mouId !== null && (
              <>
                <dt>{t('screen.mous')}</dt>
                <dd>
                  <Link to={`/mous/${c.mouId}`}>{c.mouId}</Link>
                </dd>
              </>
            )}
          </dl>
          <h2>{t('lines')}</h2>
          {c.lines.length === 0 ? (
            <p>{t('noLines')}</p>
          ) : (
            <table className="data">
              <caption>{t('lines')}</caption>
              <thead>
                <tr>
                  {columns.map((col) => (
                    <th scope="col" key={col}>
                      {col}
                    </th>
                  ))}
                  {explained.includes('rateBasis') && <th scope="col">{t('rateBasis')}</th>}
                  {explained.includes('warnings') && <th scope="col">{t('lineWarnings')}</th>}
                  <th scope="col">{t('sources')}</th>
                </tr>
              </thead>
              <tbody>
                {c.lines.map((line, i) => (
                  <tr key={i}>
                    {columns.map((col) => (
                      <td key={col} className={col === 'amountUsd' ? 'num' : undefined}>
                        {col === 'amountUsd' ? <Money amount={String(line[col])} /> : String(line[col] ?? '')}
                      </td>
                    ))}
                    {explained.includes('rateBasis') && (
                      <td>
                        <RateBasisCell basis={line.rateBasis as RateBasis | undefined} />
                      </td>
                    )}
                    {explained.includes('warnings') && (
                      <td>
                        <WarningsCell warnings={line.warnings as LineWarning[] | undefined} />
                      </td>
                    )}
                    <td>
                      <code className="sources">
                        {JSON.stringify(
                          Object.fromEntries(Object.entries(line).filter(([key]) => !shown.includes(key))),
                        )}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {c.basis !== null && (
            <>
              <h2>{t('basis')}</h2>
              <pre className="sources">{JSON.stringify(c.basis, null, 2)}</pre>
            </>
          )}
        </>
      )}
    </Page>
  );
};
