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

/** Another officer's work first, then the officer's own (which the API refuses them: four eyes). */
const othersFirst = <T extends { preparedBy: string | null }>(items: T[], sub: string): T[] => [
  ...items.filter((item) => item.preparedBy !== sub),
  ...items.filter((item) => item.preparedBy === sub),
];

type Target = { key: string; path: string; label: string };
type Outcome = { key: string; error: unknown } | null;

/**
 * A row's Certify button, with the API's refusal of this row (e.g. 403 FOUR_EYES_REQUIRED for the
 * officer who prepared it) right beside it.
 */
const CertifyAction = ({
  target,
  outcome,
  pending,
  onCertify,
}: {
  target: Target;
  outcome: Outcome;
  pending: boolean;
  onCertify: (target: Target) => void;
}) => {
  const { t } = useI18n();
  return (
    <div className="row-action">
      <button
        type="button"
        disabled={pending}
        aria-label={t('certifyThis', { what: target.label })}
        onClick={() => onCertify(target)}
      >
        {t('certify')}
      </button>
      {outcome?.key === target.key && <ProblemAlert error={outcome.error} shownFields={['certifiedOn']} />}
    </div>
  );
};

/**
 * The finance officer's first screen: the monthly runs and the claims someone else prepared, waiting for
 * this officer's certification, first; then those this officer prepared, which wait for another officer
 * (four eyes: the API refuses the preparer with 403 FOUR_EYES_REQUIRED, shown beside the button). One
 * business date certifies each of them.
 */
export const AwaitingCertificationScreen = ({ sub }: { sub: string }) => {
  const { t } = useI18n();
  const client = useQueryClient();
  const [certifiedOn, setCertifiedOn] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
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
    mutationFn: (target: Target) => apiPost<unknown>(target.path, { certifiedOn }).then(() => target.label),
    onMutate: () => {
      setOutcome(null);
      setDone(null);
    },
    onError: (error, target) => setOutcome({ key: target.key, error }),
    onSuccess: (label) => {
      setDone(label);
      void client.invalidateQueries({ queryKey: ['claims'] });
      void client.invalidateQueries({ queryKey: ['claim-runs'] });
      void client.invalidateQueries({ queryKey: ['claim-run'] });
    },
  });
  const action = (target: Target) => (
    <CertifyAction target={target} outcome={outcome} pending={certify.isPending} onCertify={certify.mutate} />
  );
  const preparer = (who: string | null) => (who === sub ? t('preparedByYou') : (who ?? '—'));
  const awaitingClaims = othersFirst(claims.data?.items ?? [], sub);
  const awaitingRuns = othersFirst(
    (runs.data ?? []).filter((r) => r.status === 'completed' && r.certifications === 0 && r.prepared > 0),
    sub,
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
          error={outcome?.error}
        />
        {done !== null && <p role="status">{t('certifiedDone', { what: done })}</p>}
      </form>

      <h2 id="runs-awaiting">{t('runsAwaiting')}</h2>
      <ProblemAlert error={runs.error} />
      {runs.isPending && <Loading />}
      {runs.data !== undefined &&
        (awaitingRuns.length === 0 ? (
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
              {awaitingRuns.map((run) => (
                <tr key={run.runId}>
                  <th scope="row">
                    <Link to={`/claim-runs/${run.runId}`}>{run.period}</Link>
                  </th>
                  <td>{run.mission ?? t('allMissions')}</td>
                  <td>{preparer(run.preparedBy)}</td>
                  <td className="num">{run.prepared}</td>
                  <td className="num">
                    <Money amount={run.amountUsd} />
                  </td>
                  <td>
                    {action({
                      key: `run:${run.runId}`,
                      path: `/v1/claim-runs/${encodeURIComponent(run.runId)}/certification`,
                      label: `${run.period} · ${run.mission ?? t('allMissions')}`,
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}

      <h2 id="claims-awaiting">{t('claimsAwaiting')}</h2>
      <ProblemAlert error={claims.error} />
      {claims.isPending && <Loading />}
      {claims.data !== undefined &&
        (awaitingClaims.length === 0 ? (
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
              {awaitingClaims.map((claim) => (
                <tr key={claim.claimId}>
                  <th scope="row">
                    <Link to={`/claims/${claim.claimId}`}>{claim.claimRef}</Link>
                  </th>
                  <td>{claim.contributor}</td>
                  <td>{claim.period}</td>
                  <td>{translateCode(t, 'category', claim.category)}</td>
                  <td>{preparer(claim.preparedBy)}</td>
                  <td className="num">
                    <Money amount={claim.amountUsd} />
                  </td>
                  <td>
                    {action({
                      key: `claim:${claim.claimId}`,
                      path: `/v1/claims/${encodeURIComponent(claim.claimId)}/certification`,
                      label: claim.claimRef,
                    })}
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
