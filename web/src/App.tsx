import { Fragment, useEffect, type ReactNode } from 'react';
import { servedUser, useSession, type Session, type SessionUser } from './auth/session';
import { Layout } from './components/Layout';
import { maskCpr } from './cpr';
import { useTexts, type Texts } from './i18n';
import { AccessLogPage } from './pages/AccessLogPage';
import { ActForPage } from './pages/ActForPage';
import { Auditor } from './pages/Auditor';
import { CandidatesPage } from './pages/CandidatesPage';
import { Caseload } from './pages/Caseload';
import { CaseworkerCoursePage } from './pages/CaseworkerCoursePage';
import { CaseworkerPlan } from './pages/CaseworkerPlan';
import { CitizenDecisionPage } from './pages/CitizenDecisionPage';
import { CitizenHome } from './pages/CitizenHome';
import { InboxPage, RECEIPT_PATH_PREFIX } from './pages/InboxPage';
import { PlanRequestPage } from './pages/PlanRequestPage';
import { ProviderHome } from './pages/ProviderHome';
import { PlanRequestsPage } from './pages/PlanRequestsPage';
import { PowersPage } from './pages/PowersPage';
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
  OMBUD: '/represent',
  PROVIDER: '/provider',
};

/** Where a signed-in person chooses whom to act for (docs/design.md rule 13): a citizen themself, or a personal ombud. */
const ACT_FOR_PATH = '/represent';

interface Page {
  content: ReactNode;
  /** The page's own title (WCAG 2.4.2): a browser tab, its history list and a screen reader tell pages apart by it. */
  title: string;
}

/** The page for a route, if this role may open it; deny by default. Acting for a citizen, the citizen's pages. */
function page(route: Route, session: Session, t: Texts['t']): Page | undefined {
  const self = session.user;
  if (route.path === ACT_FOR_PATH && (self.role === 'OMBUD' || self.role === 'CITIZEN'))
    return { content: <ActForPage />, title: t.actFor };
  // Only the citizen themself gives and revokes powers: never someone acting for them.
  if (route.path === '/citizen/powers' && self.role === 'CITIZEN' && !session.actingFor)
    return { content: <PowersPage />, title: t.myPowers };
  const user = servedUser(session);
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
    case 'CASEWORKER /caseworker/course':
      return route.cpr
        ? { content: <CaseworkerCoursePage key={route.cpr} cpr={route.cpr} />, title: `${t.courseOf} ${maskCpr(route.cpr)}` }
        : undefined;
    case 'CITIZEN /citizen':
      return { content: <CitizenHome />, title: t.myPlan };
    case 'CITIZEN /citizen/request':
      return { content: <PlanRequestPage />, title: t.askForPlan };
    case 'CITIZEN /citizen/decision':
      return { content: <CitizenDecisionPage />, title: t.myDecision };
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
    ? page(route, session, t)
    : { content: route.path === CALLBACK_PATH ? <SignInCallback /> : <SignIn />, title: t.signIn };
  // Anything else (the start page, a page of another role, a plan without a citizen) goes to the role's start page.
  useEffect(() => {
    if (session && !shown) navigate(HOME[servedUser(session).role]);
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
