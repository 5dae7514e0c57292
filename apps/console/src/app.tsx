import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { setApiToken, setOnUnauthorized } from './api';
import { LANGS, useI18n, type MessageKey } from './i18n';
import { matchPath, navigate, useLocation } from './router';
import { AuditScreen } from './screens/audit';
import { AuditStreamScreen } from './screens/audit-stream';
import { AwaitingCertificationScreen } from './screens/awaiting-certification';
import { BacklogScreen } from './screens/backlog';
import { CashPoolScreen } from './screens/cash-pool';
import { ClaimRunsScreen } from './screens/claim-runs';
import { ClaimScreen, ClaimsScreen } from './screens/claims';
import { MouScreen, MousScreen } from './screens/mous';
import { PayablesScreen } from './screens/payables';
import { PaymentRunsScreen } from './screens/payment-runs';
import { RegisterImportScreen } from './screens/register-import';
import { CALLBACK_PATH } from './oidc';
import { OidcCallbackScreen, SignInScreen } from './screens/sign-in';
import { StatementScreen } from './screens/statement';
import { clearSession, hasRole, loadSession, saveSession, type Role, type Session } from './session';
import { Link, Page } from './ui';

type Screen = { path: string; label: MessageKey; roles: Role[] };

// Each role's screens, in the order of its day's work: the work that waits on this role comes first.
// The roles are those the API's routes allow (README, "Who may call what"); admin sees every screen.
const SCREENS: Screen[] = [
  { path: '/awaiting', label: 'screen.awaiting', roles: ['finance-officer'] },
  { path: '/payment-runs', label: 'screen.paymentRuns', roles: ['finance-officer'] },
  { path: '/payables', label: 'screen.payables', roles: ['finance-officer', 'auditor'] },
  { path: '/claim-runs', label: 'screen.claimRuns', roles: ['finance-officer'] },
  { path: '/cash-pool', label: 'screen.cashPool', roles: ['finance-officer', 'auditor'] },
  {
    path: '/claims',
    label: 'screen.claims',
    roles: ['finance-officer', 'auditor', 'contributor-representative'],
  },
  { path: '/backlog', label: 'screen.backlog', roles: ['mou-clerk', 'finance-officer', 'auditor'] },
  {
    path: '/mous',
    label: 'screen.mous',
    roles: ['mou-clerk', 'finance-officer', 'auditor', 'contributor-representative'],
  },
  { path: '/register-import', label: 'screen.registerImport', roles: ['mou-clerk'] },
  { path: '/audit', label: 'screen.audit', roles: ['auditor'] },
  {
    path: '/statement',
    label: 'screen.statement',
    roles: ['contributor-representative', 'finance-officer', 'auditor'],
  },
];

const screensFor = (session: Session): Screen[] => SCREENS.filter((s) => hasRole(session, ...s.roles));

const firstScreen = (session: Session): string => {
  if (session.roles.includes('mou-clerk')) return '/backlog';
  if (session.roles.includes('finance-officer')) return '/awaiting';
  if (session.roles.includes('auditor')) return '/audit';
  if (session.roles.includes('contributor-representative')) return '/statement';
  return screensFor(session)[0]?.path ?? '/';
};

const Routes = ({ session }: { session: Session }) => {
  const { t } = useI18n();
  const { path } = useLocation();
  const allowed = (screen: string) => screensFor(session).some((s) => s.path === screen);
  if (path === '/' || path === '/sign-in') {
    return (
      <Page title={t('home')}>
        <p>{t('homeIntro')}</p>
        <ul className="home-links">
          {screensFor(session).map((s) => (
            <li key={s.path}>
              <Link to={s.path}>{t(s.label)}</Link>
            </li>
          ))}
        </ul>
      </Page>
    );
  }
  const mou = matchPath('/mous/:mouId', path);
  if (mou !== undefined) return <MouScreen mouId={mou.mouId!} canWrite={hasRole(session, 'mou-clerk')} />;
  const claim = matchPath('/claims/:claimId', path);
  if (claim !== undefined) return <ClaimScreen claimId={claim.claimId!} />;
  const run = matchPath('/claim-runs/:runId', path);
  if (run !== undefined) return <ClaimRunsScreen runId={run.runId} />;
  const stream = matchPath('/audit/streams/:streamId', path);
  if (stream !== undefined && allowed('/audit')) return <AuditStreamScreen streamId={stream.streamId!} />;
  if (path === '/awaiting' && allowed(path)) return <AwaitingCertificationScreen sub={session.sub} />;
  if (path === '/payment-runs' && allowed(path)) return <PaymentRunsScreen sub={session.sub} />;
  if (path === '/register-import' && allowed(path)) return <RegisterImportScreen />;
  if (path === '/payables' && allowed(path)) return <PayablesScreen />;
  if (path === '/backlog' && allowed(path)) return <BacklogScreen />;
  if (path === '/mous' && allowed(path)) return <MousScreen />;
  if (path === '/cash-pool' && allowed(path)) return <CashPoolScreen />;
  if (path === '/claims' && allowed(path)) return <ClaimsScreen />;
  if (path === '/claim-runs' && allowed(path)) return <ClaimRunsScreen />;
  if (path === '/audit' && allowed(path)) return <AuditScreen />;
  if (path === '/statement' && allowed(path)) {
    const own = session.roles.includes('contributor-representative') ? session.contributor : undefined;
    return <StatementScreen ownContributor={own} />;
  }
  return (
    <Page title={t('notFound')}>
      <Link to="/">{t('home')}</Link>
    </Page>
  );
};

export const App = () => {
  const { t, lang, setLang } = useI18n();
  const client = useQueryClient();
  const [session, setSession] = useState<Session | undefined>(() => {
    const loaded = loadSession();
    setApiToken(loaded?.token);
    return loaded;
  });
  const { path } = useLocation();
  const signOut = () => {
    clearSession();
    setApiToken(undefined);
    client.clear();
    setSession(undefined);
    navigate('/sign-in');
  };
  useEffect(() => setOnUnauthorized(signOut));
  const onToken = useCallback((token: string) => {
    const signedIn = saveSession(token);
    setApiToken(signedIn?.token);
    setSession(signedIn);
    if (signedIn !== undefined) navigate(firstScreen(signedIn));
  }, []);
  useEffect(() => {
    document.title = `${t('appName')} — ${session === undefined ? t('signInTitle') : t('home')}`;
  }, [t, session]);
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <span className="brand">{t('appName')}</span>
        {session !== undefined && (
          <nav aria-label={t('mainNav')}>
            <ul>
              {screensFor(session).map((s) => (
                <li key={s.path}>
                  <Link to={s.path} aria-current={path.startsWith(s.path) ? 'page' : undefined}>
                    {t(s.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="top-right">
          <label>
            {t('language')}{' '}
            <select value={lang} onChange={(e) => setLang(e.target.value as (typeof LANGS)[number])}>
              <option value="en" lang="en">
                English
              </option>
              <option value="fr" lang="fr">
                Français
              </option>
            </select>
          </label>
          {session !== undefined && (
            <>
              <span className="who">
                {t('signedInAs', {
                  sub: session.sub,
                  roles:
                    session.roles.map((r) => t(`role.${r}`)).join(', ') +
                    (session.contributor ? ` · ${session.contributor}` : ''),
                })}
              </span>
              <button type="button" onClick={signOut}>
                {t('signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main">
        {session === undefined && path === CALLBACK_PATH ? (
          <OidcCallbackScreen onToken={onToken} />
        ) : session === undefined ? (
          <SignInScreen onToken={onToken} />
        ) : (
          <Routes session={session} />
        )}
      </main>
    </>
  );
};
