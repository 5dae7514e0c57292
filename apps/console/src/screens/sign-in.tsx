import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiProblem, apiGet, apiPost } from '../api';
import { useI18n } from '../i18n';
import { ROLES, type Role } from '../session';
import { Field, Loading, Page, ProblemAlert } from '../ui';

type DevSignIn = { token: string };

/**
 * The development sign-in: offered only when the server has `/v1/dev/sign-in` (development secret,
 * not production), and labelled as what it is.
 */
export const SignInScreen = ({ onToken }: { onToken: (token: string) => void }) => {
  const { t } = useI18n();
  const [role, setRole] = useState<Role>('finance-officer');
  const [contributor, setContributor] = useState('');
  const dev = useQuery({
    queryKey: ['dev-sign-in'],
    queryFn: () => apiGet<{ development: true; roles: Role[] }>('/v1/dev/sign-in'),
    retry: false,
  });
  const signIn = useMutation({
    mutationFn: () =>
      apiPost<DevSignIn>('/v1/dev/sign-in', {
        role,
        ...(contributor.trim() !== '' && { contributor: contributor.trim().toUpperCase() }),
      }),
    onSuccess: (answer) => onToken(answer.token),
  });
  const unavailable = dev.error instanceof ApiProblem && dev.error.status === 404;
  return (
    <Page title={t('signInTitle')}>
      {dev.isPending && <Loading />}
      {unavailable && <p className="notice">{t('devSignInUnavailable')}</p>}
      {dev.error !== null && !unavailable && <ProblemAlert error={dev.error} />}
      {dev.data !== undefined && (
        <form
          className="card form"
          aria-labelledby="dev-sign-in-title"
          onSubmit={(event) => {
            event.preventDefault();
            signIn.mutate();
          }}
        >
          <h2 id="dev-sign-in-title">{t('devSignInTitle')}</h2>
          <p className="notice dev-notice" role="note">
            {t('devSignInNotice')}
          </p>
          <Field
            label={t('role')}
            name="role"
            value={role}
            onChange={(value) => setRole(value as Role)}
            error={signIn.error}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
          <Field
            label={`${t('contributor')} ${role === 'contributor-representative' ? '' : t('optional')}`}
            name="contributor"
            value={contributor}
            onChange={setContributor}
            error={signIn.error}
            placeholder="BGD"
          />
          <ProblemAlert error={signIn.error} shownFields={['role', 'contributor']} />
          <button type="submit" disabled={signIn.isPending}>
            {t('signIn')}
          </button>
        </form>
      )}
    </Page>
  );
};
