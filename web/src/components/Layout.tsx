import type { ReactNode } from 'react';
import { servedUser, useSession } from '../auth/session';
import { useTexts, type Language } from '../i18n';
import { Link, useRouter } from '../router';
import { useDepartments } from '../departments';
import { SessionWarning } from './SessionWarning';

type NavLabel =
  | 'caseload'
  | 'planRequests'
  | 'myPlan'
  | 'myDecision'
  | 'askForPlan'
  | 'inbox'
  | 'whoSawMyData'
  | 'auditor'
  | 'candidates'
  | 'myPowers'
  | 'actFor'
  | 'myAssignments';

const NAV: Record<string, Array<{ to: string; label: NavLabel }>> = {
  CASEWORKER: [
    { to: '/caseworker', label: 'caseload' },
    { to: '/caseworker/requests', label: 'planRequests' },
  ],
  CITIZEN: [
    { to: '/citizen', label: 'myPlan' },
    { to: '/citizen/decision', label: 'myDecision' },
    { to: '/citizen/request', label: 'askForPlan' },
    { to: '/citizen/inbox', label: 'inbox' },
    { to: '/citizen/log', label: 'whoSawMyData' },
  ],
  AUDITOR: [{ to: '/auditor', label: 'auditor' }],
  COORDINATOR: [{ to: '/coordinator', label: 'candidates' }],
  OMBUD: [{ to: '/represent', label: 'actFor' }],
  PROVIDER: [{ to: '/provider', label: 'myAssignments' }],
};

/** The citizen's own items besides the served pages: their powers, and acting for someone who gave them one. */
const OWN_CITIZEN_NAV: Array<{ to: string; label: NavLabel }> = [
  { to: '/citizen/powers', label: 'myPowers' },
  { to: '/represent', label: 'actFor' },
];

/** Header (app name, navigation, language, sign-out), a skip link and the page's main landmark. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useTexts();
  const { session, signOut, actFor } = useSession();
  const nav = session
    ? [
        ...(NAV[servedUser(session).role] ?? []),
        ...(session.user.role === 'CITIZEN' && !session.actingFor ? OWN_CITIZEN_NAV : []),
      ]
    : [];
  const { route, navigate } = useRouter();
  const departmentsFailed = useDepartments().failed;
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // Focus the content in place: following the fragment would push a history entry without the
          // page's state (a plan's CPR), and the router would leave the page.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t.skipToContent}
      </a>
      <header className="app-header">
        <span className="app-name">{t.appName}</span>
        {session && (
          <nav aria-label={t.appName}>
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} {...(route.path === item.to && { current: true })}>
                    {t[item.label]}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="header-tools">
          <label>
            {t.language}{' '}
            <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              <option value="da">Dansk</option>
              <option value="en">English</option>
            </select>
          </label>
          {session && (
            <>
              <span>
                {t.signedInAs} {session.user.name}
              </span>
              <button
                type="button"
                onClick={() => {
                  signOut();
                  navigate('/');
                }}
              >
                {t.signOut}
              </button>
            </>
          )}
        </div>
      </header>
      {session?.actingFor && (
        <p role="status" className="acting-for">
          {t.actingFor(session.actingFor.name)}{' '}
          <button
            type="button"
            onClick={() => {
              actFor(undefined);
              navigate('/represent');
            }}
          >
            {t.stopActingFor}
          </button>
        </p>
      )}
      {session && <SessionWarning key={session.token} session={session} />}
      {departmentsFailed && (
        <p role="alert" className="session-warning">
          {t.departmentsUnavailable}
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
