import { useState, type FormEvent } from 'react';
import { useSignedIn } from '../auth/session';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useOperation';
import { Choices } from '../components/Choices';
import { ConfirmButton } from '../components/ConfirmButton';
import { OutcomeMessage } from '../components/OutcomeMessage';
import { Failed, Loading } from '../components/Status';
import { graphql } from '../gql';
import { useTexts } from '../i18n';
import { DEPARTMENTS, type Department } from '../vocabulary';

const MyPlanRequestsDocument = graphql(`
  query WebMyPlanRequests($cpr: ID!) {
    citizen(cpr: $cpr) {
      cpr
      planRequests {
        id
        requestedAt
        departments
        status
        declineReason
        answeredAt
      }
    }
  }
`);

const RequestOnePlanDocument = graphql(`
  mutation WebRequestOnePlan($departments: [Department!]!) {
    requestOnePlan(departments: $departments) {
      id
      status
    }
  }
`);

const CancelPlanRequestDocument = graphql(`
  mutation WebCancelPlanRequest($id: ID!) {
    cancelPlanRequest(id: $id) {
      id
      status
    }
  }
`);

/** The citizen asks for one plan, naming the departments, with the rules in plain words; and sees the answers. */
export function PlanRequestPage() {
  const { user } = useSignedIn();
  const { t, department, enumValue, dateTime } = useTexts();
  const [state, reload] = useQuery(MyPlanRequestsDocument, { cpr: user.cpr ?? '' });
  const { run, refuse, outcome, busy } = useAction(RequestOnePlanDocument, { departments: t.requestPending });
  const cancel = useAction(CancelPlanRequestDocument, { id: t.requestNoLongerPending });
  const [chosen, setChosen] = useState<Department[]>([]);
  const names = (codes: readonly string[]) => codes.map(department).join(', ');
  const requests = state.status === 'done' ? (state.data.citizen?.planRequests ?? []) : [];
  const pending = requests.some((r) => r.status === 'PENDING');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen.length) return refuse(t.chooseDepartment);
    if (await run({ departments: chosen }, () => t.requestSent)) {
      setChosen([]);
      reload();
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.askForPlan}</h1>
      <p>{t.askForPlanLead}</p>
      <section aria-labelledby="ask-form" className="card">
        <h2 id="ask-form">{t.askForPlan}</h2>
        <form onSubmit={submit} aria-describedby="ask-rules" noValidate>
          <aside id="ask-rules" className="rules">
            <h3>{t.rulesTitle}</h3>
            <ul>
              {t.askRules.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </aside>
          {pending ? (
            <p>{t.requestPending}</p>
          ) : (
            <>
              <Choices<Department>
                legend={t.departmentsToInvolve}
                options={DEPARTMENTS}
                label={department}
                chosen={chosen}
                onChange={setChosen}
              />
              <button type="submit" disabled={busy}>
                {t.sendRequest}
              </button>
            </>
          )}
          <OutcomeMessage outcome={outcome} />
        </form>
      </section>
      <section aria-labelledby="my-requests">
        <h2 id="my-requests">{t.myRequests}</h2>
        {state.status === 'loading' && <Loading />}
        {state.status === 'failed' && <Failed failure={state.failure} />}
        {state.status === 'done' && requests.length === 0 && <p>{t.noRequests}</p>}
        <ul className="plain-list">
          {requests.map((request) => (
            <li key={request.id} className="card" data-testid="plan-request">
              <h3>
                <span className={`badge badge-${request.status.toLowerCase()}`}>{enumValue(request.status)}</span>
              </h3>
              <p>{t.requestedTo(dateTime(request.requestedAt), names(request.departments))}</p>
              {request.answeredAt && (
                <p>
                  {request.status === 'CANCELLED'
                    ? t.cancelledOn(dateTime(request.answeredAt))
                    : t.answeredOn(dateTime(request.answeredAt))}
                </p>
              )}
              {request.status === 'PENDING' && (
                <ConfirmButton
                  label={t.cancelRequest}
                  question={t.cancelRequestQuestion}
                  yes={t.cancelRequestYes}
                  no={t.cancelRequestNo}
                  busy={cancel.busy}
                  onConfirm={async () => {
                    if (await cancel.run({ id: request.id }, () => t.requestCancelled)) reload();
                  }}
                />
              )}
              {request.declineReason && (
                <p>
                  {t.reason}: {request.declineReason}
                </p>
              )}
            </li>
          ))}
        </ul>
        <OutcomeMessage outcome={cancel.outcome} />
      </section>
    </>
  );
}
