import { useState, type FormEvent } from 'react';
import { useQuery } from '../api/useOperation';
import { NoLongerShared } from '../components/NoLongerShared';
import { Failed, Loading } from '../components/Status';
import { maskCpr, normaliseCpr } from '../cpr';
import { graphql } from '../gql';
import { useTexts } from '../i18n';
import { Link, useRouter } from '../router';
import { PlanRequestsDocument } from './PlanRequestsPage';

const CaseloadDocument = graphql(`
  query WebCaseload {
    myCoordinatedPlans {
      cpr
      plan {
        joint {
          status
          nextJointMeeting
          coordinatingCaseworker {
            name
          }
        }
      }
      consents {
        id
        status
      }
    }
  }
`);

/** The caseworker's start page: the plans they coordinate, and a way to open any citizen's plan by CPR. */
export function Caseload() {
  const { t, date, enumValue } = useTexts();
  const [state] = useQuery(CaseloadDocument, {});
  const [requests] = useQuery(PlanRequestsDocument, {});
  const openRequests = requests.status === 'done' ? requests.data.planRequestsForMyDepartment.length : 0;
  const { navigate } = useRouter();
  const [cprInput, setCprInput] = useState('');
  const [cprError, setCprError] = useState<string>();
  const open = (event: FormEvent) => {
    event.preventDefault();
    const cpr = normaliseCpr(cprInput);
    if (!cpr) return setCprError(t.invalidCpr);
    setCprError(undefined);
    navigate('/caseworker/plan', cpr);
  };
  return (
    <>
      <h1 tabIndex={-1}>{t.caseload}</h1>
      <p>{t.caseloadLead}</p>
      {openRequests > 0 && (
        <p className="notice">
          <Link to="/caseworker/requests">{t.openRequests(openRequests)}</Link>
        </p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' &&
        (state.data.myCoordinatedPlans.length === 0 ? (
          <p>{t.caseloadEmpty}</p>
        ) : (
          <table className="caseload">
            <caption className="visually-hidden">{t.caseload}</caption>
            <thead>
              <tr>
                <th scope="col">{t.citizen}</th>
                <th scope="col">{t.planStatus}</th>
                <th scope="col">{t.nextJointMeeting}</th>
                <th scope="col">{t.consentStatus}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.myCoordinatedPlans.map((citizen) => {
                const active = citizen.consents.find((c) => c.status === 'ACTIVE');
                return (
                  <tr key={citizen.cpr}>
                    <td>
                      <Link to="/caseworker/plan" cpr={citizen.cpr}>
                        {maskCpr(citizen.cpr)}
                      </Link>
                    </td>
                    <td>{citizen.plan?.joint ? enumValue(citizen.plan.joint.status) : t.noPlan}</td>
                    <td>{citizen.plan?.joint?.nextJointMeeting ? date(citizen.plan.joint.nextJointMeeting) : '—'}</td>
                    <td>
                      {active ? `${enumValue(active.status)} (${active.id})` : enumValue(citizen.consents[0]?.status ?? '—')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
      <NoLongerShared />
      <section aria-labelledby="open-citizen" className="card">
        <h2 id="open-citizen">{t.openCitizen}</h2>
        <form onSubmit={open} noValidate>
          <div className="field">
            <label htmlFor="cpr">{t.cprLabel}</label>
            <input
              id="cpr"
              inputMode="numeric"
              autoComplete="off"
              value={cprInput}
              onChange={(e) => setCprInput(e.target.value)}
              aria-describedby="cpr-hint cpr-error"
              aria-invalid={cprError ? true : undefined}
            />
            <p id="cpr-hint" className="hint">
              {t.cprHint}
            </p>
            <p id="cpr-error" className="error" aria-live="polite">
              {cprError}
            </p>
          </div>
          <button type="submit">{t.open}</button>
        </form>
      </section>
    </>
  );
}
