import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { apiPost } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { Field, ProblemAlert } from '../ui';

// The clerk's other writes on one MOU: the sending to the Permanent Mission, a negotiation round, an amendment, a withdrawal. Each form sends
// the API's request as it is and shows the API's refusal: the messages about a field under it, the
// problem's title and detail (a conflict such as MOU_NOT_NEGOTIABLE) under the form.

type Values = Record<string, string>;

const ActionForm = ({
  id,
  title,
  done,
  fields,
  initial,
  path,
  body,
  mouId,
}: {
  id: string;
  title: MessageKey;
  done: MessageKey;
  fields: (values: Values, set: (key: string) => (value: string) => void, error: unknown) => ReactNode;
  initial: Values;
  path: string;
  body: (values: Values) => unknown;
  mouId: string;
}) => {
  const { t } = useI18n();
  const client = useQueryClient();
  const [values, setValues] = useState(initial);
  const action = useMutation({
    mutationFn: () => apiPost<unknown>(`/v1/mous/${encodeURIComponent(mouId)}/${path}`, body(values)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['mou', mouId] }),
  });
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  return (
    <form
      className="card form"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        action.mutate();
      }}
    >
      <h2 id={`${id}-title`}>{t(title)}</h2>
      {fields(values, set, action.error)}
      <ProblemAlert error={action.error} shownFields={Object.keys(initial)} />
      {action.isSuccess && <p role="status">{t(done)}</p>}
      <button type="submit" disabled={action.isPending}>
        {t(title)}
      </button>
    </form>
  );
};

// An empty number field is left out of the request: the API then keeps the current ceiling.
const ceiling = (text: string) => (text.trim() === '' ? {} : { personnelCeiling: Number(text) });

export const MouActions = ({ mouId }: { mouId: string }) => {
  const { t } = useI18n();
  const parties = [
    { value: 'un', label: t('party.un') },
    { value: 'contributor', label: t('party.contributor') },
  ];
  const kinds = ['personnel', 'equipment', 'rotation', 're-tasking'].map((k) => ({
    value: k,
    label: t(`amendmentKind.${k}` as MessageKey),
  }));
  return (
    <>
      <ActionForm
        id="sending"
        title="recordSending"
        done="sendingRecorded"
        mouId={mouId}
        path="sent-to-permanent-mission"
        initial={{ sentOn: '' }}
        body={(v) => ({ sentOn: v.sentOn })}
        fields={(v, set, error) => (
          <Field
            label={t('sentOn')}
            name="sentOn"
            type="date"
            value={v.sentOn!}
            onChange={set('sentOn')}
            error={error}
          />
        )}
      />
      <ActionForm
        id="round"
        title="recordRound"
        done="roundRecorded"
        mouId={mouId}
        path="negotiation-rounds"
        initial={{ proposedBy: 'un', proposedOn: '', 'changes.personnelCeiling': '' }}
        body={(v) => ({
          proposedBy: v.proposedBy,
          proposedOn: v.proposedOn,
          changes: ceiling(v['changes.personnelCeiling'] ?? ''),
        })}
        fields={(v, set, error) => (
          <>
            <Field
              label={t('proposedBy')}
              name="proposedBy"
              value={v.proposedBy!}
              onChange={set('proposedBy')}
              error={error}
              options={parties}
            />
            <Field
              label={t('proposedOn')}
              name="proposedOn"
              type="date"
              value={v.proposedOn!}
              onChange={set('proposedOn')}
              error={error}
            />
            <Field
              label={t('newPersonnelCeiling')}
              name="changes.personnelCeiling"
              type="number"
              value={v['changes.personnelCeiling']!}
              onChange={set('changes.personnelCeiling')}
              error={error}
            />
          </>
        )}
      />
      <ActionForm
        id="amendment"
        title="proposeAmendment"
        done="amendmentProposed"
        mouId={mouId}
        path="amendments"
        initial={{
          kind: 'personnel',
          description: '',
          proposedBy: 'un',
          proposedOn: '',
          effectiveOn: '',
          'changes.personnelCeiling': '',
        }}
        body={(v) => ({
          kind: v.kind,
          description: v.description,
          proposedBy: v.proposedBy,
          proposedOn: v.proposedOn,
          effectiveOn: v.effectiveOn,
          changes: ceiling(v['changes.personnelCeiling'] ?? ''),
        })}
        fields={(v, set, error) => (
          <>
            <Field
              label={t('amendmentKind')}
              name="kind"
              value={v.kind!}
              onChange={set('kind')}
              error={error}
              options={kinds}
            />
            <Field
              label={t('description')}
              name="description"
              value={v.description!}
              onChange={set('description')}
              error={error}
            />
            <Field
              label={t('proposedBy')}
              name="proposedBy"
              value={v.proposedBy!}
              onChange={set('proposedBy')}
              error={error}
              options={parties}
            />
            <Field
              label={t('proposedOn')}
              name="proposedOn"
              type="date"
              value={v.proposedOn!}
              onChange={set('proposedOn')}
              error={error}
            />
            <Field
              label={t('amendmentEffectiveOn')}
              name="effectiveOn"
              type="date"
              value={v.effectiveOn!}
              onChange={set('effectiveOn')}
              error={error}
            />
            <Field
              label={t('newPersonnelCeiling')}
              name="changes.personnelCeiling"
              type="number"
              value={v['changes.personnelCeiling']!}
              onChange={set('changes.personnelCeiling')}
              error={error}
            />
          </>
        )}
      />
      <ActionForm
        id="withdrawal"
        title="withdrawMou"
        done="withdrawalRecorded"
        mouId={mouId}
        path="withdrawal"
        initial={{ withdrawnOn: '', reason: '' }}
        body={(v) => ({ withdrawnOn: v.withdrawnOn, reason: v.reason })}
        fields={(v, set, error) => (
          <>
            <Field
              label={t('withdrawnOn')}
              name="withdrawnOn"
              type="date"
              value={v.withdrawnOn!}
              onChange={set('withdrawnOn')}
              error={error}
            />
            <Field
              label={t('reason')}
              name="reason"
              value={v.reason!}
              onChange={set('reason')}
              error={error}
            />
          </>
        )}
      />
    </>
  );
};
