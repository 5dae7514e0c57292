import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiGet, apiPost, withQuery } from '../api';
import { translateCode, useI18n } from '../i18n';
import { Field, Link, Loading, Money, Page, ProblemAlert } from '../ui';

type PreparedClaim = {
  claimId: string;
  claimRef: string;
  contributor: string;
  mission: string;
  category: string;
  period: string;
  amountUsd: string;
  preparedOn: string | null;
  preparedBy: string | null;
};
type ClaimRun = {
  runId: string;
  period: string;
  mission: string | null;
  status: 'running' | 'completed';
  preparedBy: string;
  prepared: number;
  amountUsd: string;
  certifications: number;
};

// The prepared claims read at once; more than this is paged on the claims screen.
const PAGE_SIZE = 100;

/**
 * The finance officer's first screen: the monthly runs and the claims someone else prepared, waiting for
 * this officer's certification (four eyes: the API refuses the preparer with FOUR_EYES_REQUIRED, so
 * their own are not offered). One business date certifies each of them.
 */
export const AwaitingCertificationScreen = ({ sub }: { sub: string }) => {
  const { t } = useI18n();
  const client = useQueryClient();
  const [certifiedOn, setCertifiedOn] = useState('');
  const [lastError, setLastError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const claims = useQuery({
    queryKey: ['claims', 'awaiting'],
    queryFn: () =>
      apiGet<{ items: PreparedClaim[]; total: number }>(
        withQuery('/v1/claims', { status: 'prepared', pageSize: PAGE_SIZE }),
      ),
  });
  const runs = useQuery({ queryKey: ['claim-runs'], queryFn: () => apiGet<ClaimRun[]>('/v1/claim-runs') });
  const certify = useMutation({
    mutationFn: (target: { path: string; label: string }) =>
      apiPost<unknown>(target.path, { certifiedOn }).then(() => target.label),
    onMutate: () => {
      setLastError(null);
      setDone(null);
    },
    onError: (error) => setLastError(error),
    onSuccess: (label) => {
      setDone(label);
      void client.invalidateQueries({ queryKey: ['claims'] });
      void client.invalidateQueries({ queryKey: ['claim-runs'] });
    },
  });
  const othersClaims = (claims.data?.items ?? []).filter((c) => c.preparedBy !== sub);
  const othersRuns = (runs.data ?? []).filter(
    (r) => r.status === 'completed' && r.preparedBy !== sub && r.certifications === 0 && r.prepared > 0,
  );
  return (
    <Page title={t('awaitingTitle')}>
      <p>{t('awaitingIntro')}</p>
      <form className="card form" aria-labelledby="certify-title" onSubmit={(e) => e.preventDefault()}>
        <h2 id="certify-title">{t('certifyWith')}</h2>
        <Field
          label={t('certifiedOnField')}
          name="certifiedOn"
          type="date"
          value={certifiedOn}
          onChange={setCertifiedOn}
          error={lastError}
        />
        <ProblemAlert error={lastError} shownFields={['certifiedOn']} />
        {done !== null && <p role="status">{t('certifiedDone', { what: done })}</p>}
      </form>

      <h2 id="runs-awaiting">{t('runsAwaiting')}</h2>
      <ProblemAlert error={runs.error} />
      {runs.isPending && <Loading />}
      {runs.data !== undefined &&
        (othersRuns.length === 0 ? (
          <p>{t('noneAwaiting')}</p>
        ) : (
          <table className="data" aria-labelledby="runs-awaiting">
            <thead>
              <tr>
                <th scope="col">{t('period')}</th>
                <th scope="col">{t('mission')}</th>
                <th scope="col">{t('preparedBy')}</th>
                <th scope="col">{t('prepared')}</th>
                <th scope="col">{t('amount')}</th>
                <th scope="col">{t('action')}</th>
              </tr>
            </thead>
            <tbody>
              {othersRuns.map((run) => {
                const label = `${run.period} · ${run.mission ?? t('allMissions')}`;
                return (
                  <tr key={run.runId}>
                    <th scope="row">
                      <Link to={`/claim-runs/${run.runId}`}>{run.period}</Link>
                    </th>
                    <td>{run.mission ?? t('allMissions')}</td>
                    <td>{run.preparedBy}</td>
                    <td className="num">{run.prepared}</td>
                    <td className="num">
                      <Money amount={run.amountUsd} />
                    </td>
                    <td>
                      <button
                        type="button"
                        disabled={certify.isPending}
                        aria-label={t('certifyThis', { what: label })}
                        onClick={() =>
                          certify.mutate({
                            path: `/v1/claim-runs/${encodeURIComponent(run.runId)}/certification`,
                            label,
                          })
                        }
                      >
                        {t('certify')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}

      <h2 id="claims-awaiting">{t('claimsAwaiting')}</h2>
      <ProblemAlert error={claims.error} />
      {claims.isPending && <Loading />}
      {claims.data !== undefined &&
        (othersClaims.length === 0 ? (
          <p>{t('noneAwaiting')}</p>
        ) : (
          <table className="data" aria-labelledby="claims-awaiting">
            <thead>
              <tr>
                <th scope="col">{t('claimRef')}</th>
                <th scope="col">{t('contributor')}</th>
                <th scope="col">{t('period')}</th>
                <th scope="col">{t('category')}</th>
                <th scope="col">{t('preparedBy')}</th>
                <th scope="col">{t('amount')}</th>
                <th scope="col">{t('action')}</th>
              </tr>
            </thead>
            <tbody>
              {othersClaims.map((claim) => (
                <tr key={claim.claimId}>
                  <th scope="row">
                    <Link to={`/claims/${claim.claimId}`}>{claim.claimRef}</Link>
                  </th>
                  <td>{claim.contributor}</td>
                  <td>{claim.period}</td>
                  <td>{translateCode(t, 'category', claim.category)}</td>
                  <td>{claim.preparedBy ?? '—'}</td>
                  <td className="num">
                    <Money amount={claim.amountUsd} />
                  </td>
                  <td>
                    <button
                      type="button"
                      disabled={certify.isPending}
                      aria-label={t('certifyThis', { what: claim.claimRef })}
                      onClick={() =>
                        certify.mutate({
                          path: `/v1/claims/${encodeURIComponent(claim.claimId)}/certification`,
                          label: claim.claimRef,
                        })
                      }
                    >
                      {t('certify')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {claims.data !== undefined && claims.data.total > PAGE_SIZE && (
        <p>{t('moreOnClaims', { total: claims.data.total })}</p>
      )}
    </Page>
  );
};
