import { useMemo } from 'react';
import { useQuery } from '../api/useOperation';
import { withheldAt, withheldByPath } from '../api/withheld';
import { ConsentForm } from '../components/ConsentForm';
import { ConsentList } from '../components/ConsentList';
import { CreatePlanForm } from '../components/CreatePlanForm';
import { JointPlanEditor } from '../components/JointPlanEditor';
import { PlanView, usePlanDocument } from '../components/PlanView';
import { Failed, Loading } from '../components/Status';
import { WithheldNotice } from '../components/WithheldNotice';
import { citizenLabel, maskCpr } from '../cpr';
import { caseOf, useDepartments, useOwnCaseField } from '../departments';
import { graphql } from '../gql';
import { useTexts } from '../i18n';
import { Link } from '../router';

const CaseworkerPlanDocument = graphql(`
  query WebCaseworkerPlan($cpr: ID!) {
    citizen(cpr: $cpr) {
      cpr
      plan {
        ...PlanViewFields
      }
      ...DepartmentCases
      representatives {
        id
        powers
        validUntil
        representative {
          kind
          name
          organisation
        }
      }
      consents {
        ...ConsentFields
      }
    }
  }
`);

/** Where each department's case goes: filled in from the federation's departments (departments.tsx). */
export const DepartmentCases = graphql(`
  fragment DepartmentCases on Citizen {
    __typename
  }
`);

/** One citizen's one plan as a caseworker sees it, their cases per department, their consents, and recording a new one. */
export function CaseworkerPlan({ cpr }: { cpr: string }) {
  const { t, department, enumValue, date } = useTexts();
  const { departments } = useDepartments();
  const [state, reload] = useQuery(usePlanDocument(CaseworkerPlanDocument), { cpr });
  const withheld = useMemo(() => withheldByPath(state.status === 'done' ? state.errors : []), [state]);
  const planWithheld = withheldAt(withheld, 'citizen.plan');
  const jointWithheld = withheldAt(withheld, 'citizen.plan.joint');
  const joint = state.status === 'done' ? state.data.citizen?.plan?.joint : undefined;
  // The gateway refuses a CPR that cannot be one (an impossible date): say so, instead of an empty page.
  const refused =
    (state.status === 'failed' && state.failure.code === 'BAD_USER_INPUT') ||
    (state.status === 'done' && state.errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT'));
  // Only the caseworker's own department is asked: whether another department knows the citizen stays unsaid (rule 6).
  const ownCase = useOwnCaseField();
  const ownCaseFound = state.status === 'done' && state.data.citizen ? caseOf(state.data.citizen, ownCase) : undefined;
  const unknownHere = state.status === 'done' && !!state.data.citizen && !!ownCase && !ownCaseFound;
  return (
    <>
      <h1 tabIndex={-1} data-testid="plan-heading">
        {t.onePlanOf} {citizenLabel(cpr, ownCaseFound?.citizenName)}
      </h1>
      <p>
        <Link to="/caseworker/course" cpr={cpr}>
          {t.course}
        </Link>
      </p>
      {state.status === 'loading' && <Loading />}
      {refused ? (
        <div role="alert" className="outcome error" data-testid="cpr-refused">
          <p>{t.cprNotAccepted(maskCpr(cpr))}</p>
          <Link to="/caseworker">{t.backToCaseload}</Link>
        </div>
      ) : (
        state.status === 'failed' && <Failed failure={state.failure} />
      )}
      {unknownHere && (
        <p role="status" className="notice" data-testid="unknown-here">
          {t.unknownToYourDepartment(maskCpr(cpr))}
        </p>
      )}
      {state.status === 'done' && !refused && state.data.citizen && (
        <>
          {state.data.citizen.plan ? (
            <PlanView plan={state.data.citizen.plan} withheld={withheld} path="citizen.plan" />
          ) : (
            <section className="card" aria-labelledby="joint-part">
              <h2 id="joint-part">{t.jointPart}</h2>
              {planWithheld ? <WithheldNotice withheld={planWithheld} /> : <p>{t.noPlan}</p>}
            </section>
          )}
          {joint ? (
            <JointPlanEditor cpr={cpr} joint={joint} onChanged={reload} />
          ) : (
            !jointWithheld && <CreatePlanForm cpr={cpr} onCreated={reload} />
          )}
          <section aria-labelledby="cases">
            <h2 id="cases">{t.cases}</h2>
            <div className="sections">
              {departments.flatMap(({ citizenCase: field, code }) => {
                if (!field || !state.data.citizen) return [];
                const found = caseOf(state.data.citizen, field);
                const notice = withheldAt(withheld, `citizen.${field}`);
                return (
                  <section key={field} className="card" aria-labelledby={`case-${field}`} data-testid={`case-${code}`}>
                    <h3 id={`case-${field}`}>{department(code)}</h3>
                    {found ? (
                      <p>
                        {found.kind} · {enumValue(found.status)} · {date(found.openedOn)}
                        {found.caseworker && ` · ${found.caseworker.name}`}
                      </p>
                    ) : notice ? (
                      <WithheldNotice withheld={notice} />
                    ) : (
                      <p>—</p>
                    )}
                  </section>
                );
              })}
            </div>
          </section>
          <section aria-labelledby="representatives">
            <h2 id="representatives">{t.representativesTitle}</h2>
            {state.data.citizen.representatives.length === 0 ? (
              <p>{t.noRepresentatives}</p>
            ) : (
              <ul data-testid="representatives">
                {state.data.citizen.representatives.map((power) => (
                  <li key={power.id}>
                    {power.representative.name}, {power.representative.kind === 'PERSONAL_OMBUD' ? t.personalOmbud : t.person}
                    {power.representative.organisation && ` (${power.representative.organisation})`}:{' '}
                    {power.powers.map((p) => enumValue(p)).join(', ')}. {t.validUntil} {date(power.validUntil)}.
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="consents">
            <h2 id="consents">{t.consents}</h2>
            <ConsentList consents={state.data.citizen.consents} onChange={reload} onBehalf />
          </section>
          <section aria-labelledby="record-consent" className="card">
            <h2 id="record-consent">{t.recordConsent}</h2>
            <ConsentForm cpr={cpr} asCitizen={false} onDone={reload} />
          </section>
        </>
      )}
    </>
  );
}
