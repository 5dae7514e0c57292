import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiGet, apiPost, apiUploadDocument, downloadDocument, withQuery } from '../api';
import { MouActions } from './mou-actions';
import { useI18n } from '../i18n';
import { DataTable, Field, Link, Loading, Page, ProblemAlert } from '../ui';

const STATUSES = [
  'negotiating',
  'sent-to-permanent-mission',
  'signed-by-contributor',
  'signed-by-un',
  'in-force',
  'withdrawn',
  'closed',
] as const;
type MouStatus = (typeof STATUSES)[number];

type Mou = {
  mouId: string;
  mouRef: string;
  status: MouStatus;
  mission: string;
  contributor: string;
  unitName: string;
  unitType: string;
  version: number;
  annexVersion: number;
  deployedOn: string | null;
  inForceOn: string | null;
  negotiationOpenedOn: string | null;
  signedByUnOn: string | null;
  signedByContributorOn: string | null;
  annexes: { personnelCeiling: number };
  amendments: unknown[];
};
type MouDetail = Mou & {
  history: {
    version: number;
    type: string;
    effectiveOn: string;
    recordedAt: string;
    actor: { sub: string };
    documents: { sha256: string; title: string; kind: string; mediaType: string }[];
  }[];
};

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};
type MouPage = { items: Mou[]; page: number; pageSize: number; total: number };

const PAGE_SIZE = 25;

/** The MOU pipeline with filters by mission, contributor and status. */
export const MousScreen = () => {
  const { t } = useI18n();
  const [form, setForm] = useState({ mission: '', contributor: '', status: '' });
  const [query, setQuery] = useState({ ...form, page: 1 });
  const mous = useQuery({
    queryKey: ['mous', query],
    queryFn: () => apiGet<MouPage>(withQuery('/v1/mous', { ...query, pageSize: PAGE_SIZE })),
  });
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const pages = mous.data === undefined ? 1 : Math.max(1, Math.ceil(mous.data.total / PAGE_SIZE));
  return (
    <Page title={t('mousTitle')}>
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
          error={mous.error}
          placeholder="MINUSMA"
        />
        <Field
          label={t('contributor')}
          name="contributor"
          value={form.contributor}
          onChange={set('contributor')}
          error={mous.error}
          placeholder="BGD"
        />
        <Field
          label={t('status')}
          name="status"
          value={form.status}
          onChange={set('status')}
          error={mous.error}
          options={[
            { value: '', label: t('anyStatus') },
            ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <button type="submit">{t('apply')}</button>
      </form>
      <ProblemAlert error={mous.error} shownFields={['mission', 'contributor', 'status']} />
      {mous.isPending && <Loading />}
      {mous.data !== undefined && (
        <>
          <DataTable
            caption={t('page', { page: query.page, pages })}
            rows={mous.data.items}
            rowKey={(m) => m.mouId}
            columns={[
              {
                key: 'mouRef',
                heading: t('mouRef'),
                cell: (m) => <Link to={`/mous/${m.mouId}`}>{m.mouRef}</Link>,
              },
              {
                key: 'status',
                heading: t('status'),
                cell: (m) => <span className={`badge status-${m.status}`}>{t(`status.${m.status}`)}</span>,
              },
              { key: 'mission', heading: t('mission'), cell: (m) => m.mission },
              { key: 'contributor', heading: t('contributor'), cell: (m) => m.contributor },
              { key: 'unit', heading: t('unit'), cell: (m) => m.unitName },
              { key: 'deployedOn', heading: t('deployedOn'), cell: (m) => m.deployedOn ?? '—' },
              { key: 'inForceOn', heading: t('inForceOn'), cell: (m) => m.inForceOn ?? '—' },
            ]}
            paging={{ page: query.page, pages, onPage: (page) => setQuery({ ...query, page }) }}
          />
        </>
      )}
    </Page>
  );
};

/** One MOU: its terms, signatures and history as a timeline; a clerk records a signature here. */
export const MouScreen = ({ mouId, canWrite }: { mouId: string; canWrite: boolean }) => {
  const { t } = useI18n();
  const client = useQueryClient();
  const mou = useQuery({
    queryKey: ['mou', mouId],
    queryFn: () => apiGet<MouDetail>(`/v1/mous/${encodeURIComponent(mouId)}`),
  });
  const [signature, setSignature] = useState({ party: 'un', signedOn: '' });
  const [signedCopy, setSignedCopy] = useState<File | null>(null);
  const fileId = useId();
  // the signed copy, when chosen, is uploaded first and attached to the signature by its hash
  const sign = useMutation({
    mutationFn: async () => {
      const stored = signedCopy === null ? null : await apiUploadDocument(signedCopy, 'mous');
      const documents =
        stored === null
          ? undefined
          : [{ sha256: stored.sha256, title: signedCopy!.name, kind: 'signed-mou' }];
      return apiPost<Mou>(`/v1/mous/${encodeURIComponent(mouId)}/signatures`, { ...signature, documents });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['mou', mouId] }),
  });
  const download = useMutation({
    mutationFn: (d: { sha256: string; title: string; mediaType: string }) =>
      downloadDocument(
        d.sha256,
        `${d.title.replace(/\.[a-z]+$/i, '')}.${EXTENSIONS[d.mediaType] ?? 'bin'}`,
        'mous',
      ),
  });
  const m = mou.data;
  return (
    <Page title={m?.mouRef ?? t('screen.mous')}>
      <p>
        <Link to="/mous">{t('backToList')}</Link>
      </p>
      <ProblemAlert error={mou.error} />
      {mou.isPending && <Loading />}
      {m !== undefined && (
        <div className="columns">
          <div>
            <dl className="facts">
              <dt>{t('status')}</dt>
              <dd>
                <span className={`badge status-${m.status}`}>{t(`status.${m.status}`)}</span>
              </dd>
              <dt>{t('mission')}</dt>
              <dd>{m.mission}</dd>
              <dt>{t('contributor')}</dt>
              <dd>{m.contributor}</dd>
              <dt>{t('unit')}</dt>
              <dd>{m.unitName}</dd>
              <dt>{t('personnelCeiling')}</dt>
              <dd>{m.annexes.personnelCeiling}</dd>
              <dt>{t('annexVersion')}</dt>
              <dd>{m.annexVersion}</dd>
              <dt>{t('negotiationOpened')}</dt>
              <dd>{m.negotiationOpenedOn ?? '—'}</dd>
              <dt>{t('deployedOn')}</dt>
              <dd>{m.deployedOn ?? '—'}</dd>
              <dt>{t('signedByUn')}</dt>
              <dd>{m.signedByUnOn ?? '—'}</dd>
              <dt>{t('signedByContributor')}</dt>
              <dd>{m.signedByContributorOn ?? '—'}</dd>
              <dt>{t('inForceOn')}</dt>
              <dd>{m.inForceOn ?? '—'}</dd>
              <dt>{t('amendments')}</dt>
              <dd>{m.amendments.length}</dd>
            </dl>
            {canWrite && (
              <form
                className="card form"
                aria-labelledby="signature-title"
                onSubmit={(event) => {
                  event.preventDefault();
                  sign.mutate();
                }}
              >
                <h2 id="signature-title">{t('recordSignature')}</h2>
                <Field
                  label={t('party')}
                  name="party"
                  value={signature.party}
                  onChange={(party) => setSignature({ ...signature, party })}
                  error={sign.error}
                  options={[
                    { value: 'un', label: t('party.un') },
                    { value: 'contributor', label: t('party.contributor') },
                  ]}
                />
                <Field
                  label={t('signedOn')}
                  name="signedOn"
                  type="date"
                  value={signature.signedOn}
                  onChange={(signedOn) => setSignature({ ...signature, signedOn })}
                  error={sign.error}
                />
                <div className="field">
                  <label htmlFor={fileId}>{t('signedCopy')}</label>
                  <input
                    id={fileId}
                    name="signedCopy"
                    type="file"
                    accept="application/pdf,image/png,image/jpeg"
                    onChange={(e) => setSignedCopy(e.target.files?.[0] ?? null)}
                  />
                </div>
                <ProblemAlert error={sign.error} shownFields={['party', 'signedOn']} />
                {sign.isSuccess && <p role="status">{t('recorded')}</p>}
                <button type="submit" disabled={sign.isPending}>
                  {t('record')}
                </button>
              </form>
            )}
            {canWrite && <MouActions mouId={mouId} />}
          </div>
          <div>
            <h2>{t('mouTimeline')}</h2>
            <ol className="timeline">
              {m.history.map((h) => (
                <li key={h.version}>
                  <strong>{h.type}</strong>
                  <span>
                    {t('effectiveOn')} {h.effectiveOn}
                  </span>
                  <span className="muted">
                    {t('mouVersion', { version: h.version })} · {h.actor.sub} · {h.recordedAt}
                  </span>
                  {h.documents.map((d) => (
                    <button key={d.sha256} type="button" className="link" onClick={() => download.mutate(d)}>
                      {t('downloadDocument', { title: d.title })}
                    </button>
                  ))}
                </li>
              ))}
            </ol>
            <ProblemAlert error={download.error} />
          </div>
        </div>
      )}
    </Page>
  );
};
