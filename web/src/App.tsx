import { Fragment, useEffect } from 'react';
import { useSession, type SessionUser } from './auth/session';
import { Layout } from './components/Layout';
import { useTexts } from './i18n';
import { AccessLogPage } from './pages/AccessLogPage';
import { Auditor } from './pages/Auditor';
import { CandidatesPage } from './pages/CandidatesPage';
import { Caseload } from './pages/Caseload';
import { CaseworkerPlan } from './pages/CaseworkerPlan';
import { CitizenHome } from './pages/CitizenHome';
import { InboxPage, RECEIPT_PATH_PREFIX } from './pages/InboxPage';
import { PlanRequestPage } from './pages/PlanRequestPage';
import { PlanRequestsPage } from './pages/PlanRequestsPage';
import { ReceiptPage } from './pages/ReceiptPage';
import { SignIn } from './pages/SignIn';
import { SignInCallback } from './pages/SignInCallback';
import { CALLBACK_PATH } from './auth/oidc';
import { useRouter, type Route } from './router';

const HOME: Record<SessionUser['role'], string> = {
  CASEWORKER: '/caseworker',
  CITIZEN: '/citizen',
  AUDITOR: '/auditor',
  COORDINATOR: '/coordinator',
};

/** The page for a route, if this role may open it; deny by default. */
function page(route: Route, user: SessionUser) {
  if (user.role === 'CITIZEN' && route.path.startsWith(RECEIPT_PATH_PREFIX) && route.path.length > RECEIPT_PATH_PREFIX.length) {
    const messageId = decodeURIComponent(route.path.slice(RECEIPT_PATH_PREFIX.length));
    return <ReceiptPage key={messageId} messageId={messageId} />;
  }
  switch (`${user.role} ${route.path}`) {
    case 'CASEWORKER /caseworker':
      return <Caseload />;
    case 'CASEWORKER /caseworker/requests':
      return <PlanRequestsPage />;
    case 'CASEWORKER /caseworker/plan':
      return route.cpr ? <CaseworkerPlan key={route.cpr} cpr={route.cpr} /> : undefined;
    case 'CITIZEN /citizen':
      return <CitizenHome />;
    case 'CITIZEN /citizen/request':
      return <PlanRequestPage />;
    case 'CITIZEN /citizen/inbox':
      return <InboxPage />;
    case 'CITIZEN /citizen/log':
      return <AccessLogPage />;
    case 'AUDITOR /auditor':
      return <Auditor />;
    case 'COORDINATOR /coordinator':
      return <CandidatesPage />;
    default:
      return undefined;
  }
}

export function App() {
  const { session } = useSession();
  const { route, visit, navigate } = useRouter();
  const { t } = useTexts();
  const content = session ? page(route, session.user) : route.path === CALLBACK_PATH ? <SignInCallback /> : <SignIn />;
  // Anything else (the start page, a page of another role, a plan without a citizen) goes to the role's start page.
  useEffect(() => {
    if (session && !content) navigate(HOME[session.user.role]);
  }, [session, content, navigate]);
  useEffect(() => {
    document.title = t.appName;
  }, [t]);
  return (
    <Layout>
      <Fragment key={visit}>{content}</Fragment>
    </Layout>
  );
}
