import { Fragment } from 'react';
import { useSignedIn } from '../auth/session';
import { useQuery } from '../api/useOperation';
import { parseReceipt } from '../components/receipt';
import { Failed, Loading } from '../components/Status';
import { useTexts } from '../i18n';
import { Link } from '../router';
import { MyInboxDocument } from './InboxPage';

/** One consent receipt from the inbox, readable as a page: what was consented to, by whom, how to withdraw. */
export function ReceiptPage({ messageId }: { messageId: string }) {
  const { user } = useSignedIn();
  const { t, department, categories, enumValue, date, dateTime, notificationSubject } = useTexts();
  const [state] = useQuery(MyInboxDocument, { cpr: user.cpr ?? '' });
  const message = state.status === 'done' ? state.data.citizen?.inbox.find((m) => m.id === messageId) : undefined;
  const receipt = parseReceipt(message?.receiptJson);
  const names = (codes: readonly string[]) => codes.map(department).join(', ');
  return (
    <>
      <h1 tabIndex={-1}>{message ? notificationSubject(message.kind, message.subject) : t.inbox}</h1>
      <p>
        <Link to="/citizen/inbox">{t.backToInbox}</Link>
      </p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' && !receipt && <p>{t.receiptNotFound}</p>}
      {receipt && (
        <article className="card receipt" data-testid="receipt">
          <dl className="facts">
            {/* The consent's own number: the receipt's machine id adds "/GIVEN" or "/WITHDRAWN", which the status says in words. */}
            <dt>{t.receiptId}</dt>
            <dd>{receipt.consentId}</dd>
            <dt>{t.issuedAt}</dt>
            <dd>{dateTime(receipt.issuedAt)}</dd>
            <dt>{t.status}</dt>
            <dd>
              {enumValue(receipt.status)}
              {receipt.withdrawnAt && ` · ${t.withdrawn} ${dateTime(receipt.withdrawnAt)}`}
            </dd>
            <dt>{t.controller}</dt>
            <dd lang="da">
              {receipt.controller.name}. {receipt.controller.contact}
            </dd>
            {receipt.separateControllers.map((c) => (
              <Fragment key={c.code}>
                <dt>{t.separateController}</dt>
                <dd data-testid="separate-controller">{t.separateControllerText(c.name, names(c.departments))}</dd>
              </Fragment>
            ))}
            <dt>{t.principal}</dt>
            <dd>{receipt.principal.cpr}</dd>
            <dt>{t.grantor}</dt>
            <dd>{receipt.principal.grantorCpr}</dd>
            {receipt.representative && (
              <dd data-testid="receipt-on-behalf">
                {(receipt.event === 'GIVEN' ? t.givenBy : t.withdrawnBy)(
                  t.onBehalfOf(receipt.representative.representative.name, receipt.representative.citizenName),
                )}{' '}
                ({receipt.representative.representative.reference}, {receipt.representative.powerId})
              </dd>
            )}
            <dt>{t.purpose}</dt>
            {receipt.purpose.code === 'ONE_PLAN' ? <dd>{t.consentPurpose}</dd> : <dd lang="da">{receipt.purpose.description}</dd>}
            <dt>{t.collected}</dt>
            <dd>
              {enumValue(receipt.collection.method)}, {dateTime(receipt.collection.recordedAt)}
              {receipt.collection.documentRef && `, ${receipt.collection.documentRef}`}
            </dd>
            <dt>{t.validity}</dt>
            <dd>{t.validFromTo(date(receipt.validity.from), date(receipt.validity.until))}</dd>
            <dt>{t.sensitiveCategories}</dt>
            <dd>{receipt.sensitiveCategories.length ? categories(receipt.sensitiveCategories) : t.none}</dd>
            <dt>{t.specification}</dt>
            <dd>{receipt.specification}</dd>
          </dl>
          <h2>{t.whatItCovers}</h2>
          <ul>
            {receipt.provisions.map((p, i) => (
              <li key={i}>
                {t.provisionText(
                  p.effect === 'PERMIT' ? t.permits : t.denies,
                  categories(p.categories),
                  names(p.sources),
                  names(p.recipients),
                )}
              </li>
            ))}
          </ul>
          <h2>{t.howToWithdraw}</h2>
          <p>{t.receiptHowToWithdraw}</p>
        </article>
      )}
    </>
  );
}
