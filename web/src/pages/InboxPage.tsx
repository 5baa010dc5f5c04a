import { useSignedIn } from '../auth/session';
import { useQuery } from '../api/useOperation';
import { messageText } from '../components/inboxText';
import { FindingOptOut } from '../components/FindingOptOut';
import { Failed, Loading } from '../components/Status';
import { graphql } from '../gql';
import { useTexts } from '../i18n';
import { Link } from '../router';

export const MyInboxDocument = graphql(`
  query WebMyInbox($cpr: ID!) {
    citizen(cpr: $cpr) {
      cpr
      inbox {
        id
        kind
        at
        subject
        body
        consentId
        receiptJson
        factsJson
      }
    }
  }
`);

/** Where one message's receipt opens: the message id (no CPR) may stand in the URL. */
export const RECEIPT_PATH_PREFIX = '/citizen/inbox/';
const receiptPath = (messageId: string) => `${RECEIPT_PATH_PREFIX}${encodeURIComponent(messageId)}`;

/** The citizen's inbox: receipts and notifications, newest first; a consent receipt opens as a page of its own. */
export function InboxPage() {
  const { user } = useSignedIn();
  const texts = useTexts();
  const { t, language, dateTime, notificationSubject } = texts;
  const [state] = useQuery(MyInboxDocument, { cpr: user.cpr ?? '' });
  // The API answers oldest first; a mailbox reads newest first.
  const messages = state.status === 'done' ? [...(state.data.citizen?.inbox ?? [])].reverse() : [];
  return (
    <>
      <h1 tabIndex={-1}>{t.inbox}</h1>
      <p>{t.inboxLead}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' && messages.length === 0 && <p>{t.inboxEmpty}</p>}
      <ul className="plain-list">
        {messages.map((message) => (
          <li key={message.id} className="card" data-testid="inbox-message">
            <h2>{notificationSubject(message.kind, message.subject)}</h2>
            <p>
              <time dateTime={message.at}>{dateTime(message.at)}</time>
            </p>
            {/* Said from the facts in the reader's language; an older message without facts as it was sent (Danish). */}
            {(() => {
              const said = messageText(texts, message.kind, message.factsJson);
              return said ? <p>{said}</p> : <p lang={language === 'da' ? undefined : 'da'}>{message.body}</p>;
            })()}
            {message.receiptJson && <Link to={receiptPath(message.id)}>{t.openReceipt}</Link>}
          </li>
        ))}
      </ul>
      <FindingOptOut />
    </>
  );
}
