import type { ReactNode } from 'react';
import { useSession } from '../auth/session';
import { useTexts, type Language } from '../i18n';
import { Link, useRouter } from '../router';
import { useDepartments } from '../departments';
import { SessionWarning } from './SessionWarning';

type NavLabel =
  'caseload' | 'planRequests' | 'myPlan' | 'askForPlan' | 'inbox' | 'whoSawMyData' | 'auditor' | 'candidates' | 'myAssignments';

const NAV: Record<string, Array<{ to: string; label: NavLabel }>> = {
  CASEWORKER: [
    { to: '/caseworker', label: 'caseload' },
    { to: '/caseworker/requests', label: 'planRequests' },
  ],
  CITIZEN: [
    { to: '/citizen', label: 'myPlan' },
    { to: '/citizen/request', label: 'askForPlan' },
    { to: '/citizen/inbox', label: 'inbox' },
    { to: '/citizen/log', label: 'whoSawMyData' },
  ],
  AUDITOR: [{ to: '/auditor', label: 'auditor' }],
  COORDINATOR: [{ to: '/coordinator', label: 'candidates' }],
  PROVIDER: [{ to: '/provider', label: 'myAssignments' }],
};

/** Header (app name, navigation, language, sign-out), a skip link and the page's main landmark. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useTexts();
  const { session, signOut } = useSession();
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
              {(NAV[session.user.role] ?? []).map((item) => (
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
