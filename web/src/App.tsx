import { Fragment, useEffect, type ReactNode } from 'react';
import { useSession, type SessionUser } from './auth/session';
import { Layout } from './components/Layout';
import { maskCpr } from './cpr';
import { useTexts, type Texts } from './i18n';
import { AccessLogPage } from './pages/AccessLogPage';
import { Auditor } from './pages/Auditor';
import { CandidatesPage } from './pages/CandidatesPage';
import { Caseload } from './pages/Caseload';
import { CaseworkerPlan } from './pages/CaseworkerPlan';
import { CitizenHome } from './pages/CitizenHome';
import { InboxPage, RECEIPT_PATH_PREFIX } from './pages/InboxPage';
import { PlanRequestPage } from './pages/PlanRequestPage';
import { ProviderHome } from './pages/ProviderHome';
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
  PROVIDER: '/provider',
};

interface Page {
  content: ReactNode;
  /** The page's own title (WCAG 2.4.2): a browser tab, its history list and a screen reader tell pages apart by it. */
  title: string;
}

/** The page for a route, if this role may open it; deny by default. */
function page(route: Route, user: SessionUser, t: Texts['t']): Page | undefined {
  if (user.role === 'CITIZEN' && route.path.startsWith(RECEIPT_PATH_PREFIX) && route.path.length > RECEIPT_PATH_PREFIX.length) {
    const messageId = decodeURIComponent(route.path.slice(RECEIPT_PATH_PREFIX.length));
    return { content: <ReceiptPage key={messageId} messageId={messageId} />, title: t.receiptPageTitle };
  }
  switch (`${user.role} ${route.path}`) {
    case 'CASEWORKER /caseworker':
      return { content: <Caseload />, title: t.caseload };
    case 'CASEWORKER /caseworker/requests':
      return { content: <PlanRequestsPage />, title: t.planRequests };
    case 'CASEWORKER /caseworker/plan':
      return route.cpr
        ? { content: <CaseworkerPlan key={route.cpr} cpr={route.cpr} />, title: `${t.onePlanOf} ${maskCpr(route.cpr)}` }
        : undefined;
    case 'CITIZEN /citizen':
      return { content: <CitizenHome />, title: t.myPlan };
    case 'CITIZEN /citizen/request':
      return { content: <PlanRequestPage />, title: t.askForPlan };
    case 'CITIZEN /citizen/inbox':
      return { content: <InboxPage />, title: t.inbox };
    case 'CITIZEN /citizen/log':
      return { content: <AccessLogPage />, title: t.whoSawMyData };
    case 'AUDITOR /auditor':
      return { content: <Auditor />, title: t.auditor };
    case 'COORDINATOR /coordinator':
      return { content: <CandidatesPage />, title: t.candidates };
    case 'PROVIDER /provider':
      return { content: <ProviderHome />, title: t.myAssignments };
    default:
      return undefined;
  }
}

export function App() {
  const { session } = useSession();
  const { route, visit, navigate } = useRouter();
  const { t } = useTexts();
  const shown: Page | undefined = session
    ? page(route, session.user, t)
    : { content: route.path === CALLBACK_PATH ? <SignInCallback /> : <SignIn />, title: t.signIn };
  // Anything else (the start page, a page of another role, a plan without a citizen) goes to the role's start page.
  useEffect(() => {
    if (session && !shown) navigate(HOME[session.user.role]);
  }, [session, shown, navigate]);
  const title = shown ? `${shown.title} – ${t.appName}` : t.appName;
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <Layout>
      <Fragment key={visit}>{shown?.content}</Fragment>
    </Layout>
  );
}
