import { useSignedIn } from '../auth/session';
import { useQuery } from '../api/useOperation';
import { AccessLogTimeline } from '../components/AccessLogTimeline';
import { Failed, Loading } from '../components/Status';
import { graphql } from '../gql';
import { useTexts } from '../i18n';

export const AccessLogDocument = graphql(`
  query WebAccessLog($cpr: ID!, $first: Int!) {
    citizen(cpr: $cpr) {
      cpr
      accessLog(first: $first) {
        ...AccessLogFields
      }
    }
  }
`);

/** How many entries a page fetches: the newest first. */
export const LOG_PAGE_SIZE = 500;

/** "Who saw my data": the citizen's access log, one line per person, department and day (after sundhed.dk's Min Log). */
export function AccessLogPage() {
  const { user } = useSignedIn();
  const { t } = useTexts();
  const [state] = useQuery(AccessLogDocument, { cpr: user.cpr ?? '', first: LOG_PAGE_SIZE });
  return (
    <>
      <h1 tabIndex={-1}>{t.whoSawMyData}</h1>
      <p>{t.logLead}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' && state.data.citizen && <AccessLogTimeline entries={state.data.citizen.accessLog} />}
    </>
  );
}
