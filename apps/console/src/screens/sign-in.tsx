import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiProblem, apiGet, apiPost } from '../api';
import { useI18n } from '../i18n';
import { beginOidcSignIn, completeOidcSignIn, type OidcProvider } from '../oidc';
import { navigate } from '../router';
import { ROLES, type Role } from '../session';
import { Field, Loading, Page, ProblemAlert } from '../ui';

type DevSignIn = { token: string };

/** Sign-in through the OpenID Connect provider the server names at `/v1/sign-in/oidc`, when it names one. */
const OidcSignIn = () => {
  const { t } = useI18n();
  const provider = useQuery({
    queryKey: ['oidc-sign-in'],
    queryFn: () => apiGet<OidcProvider>('/v1/sign-in/oidc'),
    retry: false,
  });
  const begin = useMutation({ mutationFn: (p: OidcProvider) => beginOidcSignIn(p) });
  if (provider.data === undefined) return null;
  return (
    <section className="card form" aria-labelledby="oidc-sign-in-title">
      <h2 id="oidc-sign-in-title">{t('oidcSignInTitle')}</h2>
      <p>{t('oidcSignInIntro', { issuer: provider.data.issuer })}</p>
      <ProblemAlert error={begin.error} />
      <button type="button" disabled={begin.isPending} onClick={() => begin.mutate(provider.data)}>
        {t('oidcSignIn')}
      </button>
    </section>
  );
};

/** The provider's answer at `/sign-in/callback`: the code exchanged for the token, once. */
export const OidcCallbackScreen = ({ onToken }: { onToken: (token: string) => void }) => {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  useEffect(() => {
    // A code is good once: StrictMode's second effect run must not spend it again.
    if (started.current) return;
    started.current = true;
    completeOidcSignIn(new URLSearchParams(location.search)).then(onToken, setError);
  }, [onToken]);
  return (
    <Page title={t('signInTitle')}>
      {error === null ? (
        <Loading />
      ) : (
        <>
          <h2>{t('oidcFailed')}</h2>
          <ProblemAlert error={error} />
          <button type="button" onClick={() => navigate('/sign-in')}>
            {t('oidcRetry')}
          </button>
        </>
      )}
    </Page>
  );
};

/**
 * The sign-in: through the OpenID Connect provider when the server names one; and the development
 * sign-in, offered only when the server has `/v1/dev/sign-in` (development secret, not production),
 * labelled as what it is.
 */
export const SignInScreen = ({ onToken }: { onToken: (token: string) => void }) => {
  const { t } = useI18n();
  const [role, setRole] = useState<Role>('finance-officer');
  const [contributor, setContributor] = useState('');
  // The token's subject: who the API records as having done each thing, and what four eyes compares.
  const [user, setUser] = useState('');
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
        ...(user.trim() !== '' && { sub: user.trim() }),
      }),
    onSuccess: (answer) => onToken(answer.token),
  });
  const unavailable = dev.error instanceof ApiProblem && dev.error.status === 404;
  return (
    <Page title={t('signInTitle')}>
      <OidcSignIn />
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
          <Field
            label={`${t('devUser')} ${t('optional')}`}
            name="sub"
            value={user}
            onChange={setUser}
            error={signIn.error}
            placeholder={`dev-${role}`}
          />
          <ProblemAlert error={signIn.error} shownFields={['role', 'contributor', 'sub']} />
          <button type="submit" disabled={signIn.isPending}>
            {t('signIn')}
          </button>
        </form>
      )}
    </Page>
  );
};
