import { useId, useState, type FormEvent } from 'react';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useOperation';
import { OutcomeMessage } from '../components/OutcomeMessage';
import { Failed, Loading } from '../components/Status';
import { citizenLabel } from '../cpr';
import { caseOf, useOwnCaseDocument, useOwnCaseField } from '../departments';
import { graphql } from '../gql';
import type { WebPlanRequestsForMyDepartmentQuery } from '../gql/graphql';
import { useTexts } from '../i18n';
import { Link } from '../router';

export const PlanRequestsDocument = graphql(`
  query WebPlanRequestsForMyDepartment {
    planRequestsForMyDepartment {
      id
      citizenCpr
      requestedAt
    }
  }
`);

/** The requesting citizens' names, from the caseworker's own department's cases only. */
const RequestingCitizensDocument = graphql(`
  query WebRequestingCitizens($cprs: [ID!]!) {
    citizens(cprs: $cprs) {
      cpr
      ...OwnDepartmentCase
    }
  }
`);

const AnswerPlanRequestDocument = graphql(`
  mutation WebAnswerPlanRequest($id: ID!, $accept: Boolean!, $declineReason: String) {
    answerPlanRequest(id: $id, accept: $accept, declineReason: $declineReason) {
      id
      status
    }
  }
`);

type Notice = WebPlanRequestsForMyDepartmentQuery['planRequestsForMyDepartment'][number];

/** The open requests for one plan that name the caseworker's department, each answered here. */
export function PlanRequestsPage() {
  const { t } = useTexts();
  const [state] = useQuery(PlanRequestsDocument, {});
  const cprs = state.status === 'done' ? state.data.planRequestsForMyDepartment.map((n) => n.citizenCpr) : [];
  const [citizens] = useQuery(useOwnCaseDocument(RequestingCitizensDocument), { cprs });
  const ownCase = useOwnCaseField();
  const named = citizens.status === 'done' ? citizens.data.citizens : [];
  const nameOf = (cpr: string) => caseOf(named.find((c) => c.cpr === cpr) ?? {}, ownCase)?.citizenName;
  // The requests show once their names are known (or cannot be), so a heading does not change under the reader.
  const namesSettled = citizens.status === 'failed' || cprs.every((cpr) => named.some((c) => c.cpr === cpr));
  return (
    <>
      <h1 tabIndex={-1}>{t.planRequests}</h1>
      <p>{t.planRequestsLead}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' && state.data.planRequestsForMyDepartment.length === 0 && <p>{t.noPlanRequests}</p>}
      {state.status === 'done' && namesSettled && (
        <ul className="plain-list">
          {state.data.planRequestsForMyDepartment.map((notice) => (
            <PlanRequestAnswer key={notice.id} notice={notice} citizenName={nameOf(notice.citizenCpr)} />
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * One request: accept (the API creates the plan, with this caseworker as coordinator, if the consent
 * allows) or decline with the reason the citizen will read. Answered, it stays with its outcome.
 */
function PlanRequestAnswer({ notice, citizenName }: { notice: Notice; citizenName: string | null | undefined }) {
  const { t, dateTime } = useTexts();
  const id = useId();
  const { run, refuse, outcome, busy } = useAction(AnswerPlanRequestDocument, {
    id: t.requestGone,
    declineReason: t.writeReason,
  });
  const [reason, setReason] = useState('');
  const [answered, setAnswered] = useState<'ACCEPTED' | 'DECLINED'>();
  const heading = t.requestFrom(citizenLabel(notice.citizenCpr, citizenName), dateTime(notice.requestedAt));

  const answer = async (accept: boolean) => {
    const done = await run({ id: notice.id, accept, ...(!accept && { declineReason: reason.trim() }) }, (data) =>
      data.answerPlanRequest.status === 'ACCEPTED' ? t.requestAccepted : t.requestDeclined,
    );
    if (done) setAnswered(done.answerPlanRequest.status === 'ACCEPTED' ? 'ACCEPTED' : 'DECLINED');
  };
  const decline = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return refuse(t.writeReason);
    void answer(false);
  };

  return (
    <li className="card" data-testid="plan-request-notice" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {!answered && (
        <>
          <button type="button" disabled={busy} onClick={() => void answer(true)}>
            {t.acceptRequest}
          </button>
          <form onSubmit={decline} noValidate>
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t.declineReason}</label>
              <textarea
                id={`${id}-reason`}
                rows={2}
                cols={50}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            <button type="submit" className="secondary" disabled={busy}>
              {t.declineRequest}
            </button>
          </form>
        </>
      )}
      <OutcomeMessage outcome={outcome} />
      {answered === 'ACCEPTED' && (
        <Link to="/caseworker/plan" cpr={notice.citizenCpr}>
          {t.openPlan}
        </Link>
      )}
    </li>
  );
}
