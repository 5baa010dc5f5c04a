import { useMemo } from 'react';
import { useSignedIn } from '../auth/session';
import { failureOf } from '../api/client';
import { useQuery } from '../api/useOperation';
import { withheldByPath } from '../api/withheld';
import { ConsentForm } from '../components/ConsentForm';
import { ConsentList } from '../components/ConsentList';
import { CitizenPlanEditor } from '../components/JointPlanEditor';
import { PlanView, usePlanDocument } from '../components/PlanView';
import { Failed, Loading } from '../components/Status';
import { formatCpr } from '../cpr';
import { graphql } from '../gql';
import { useTexts } from '../i18n';

const MyPlanDocument = graphql(`
  query WebMyPlan($cpr: ID!) {
    citizen(cpr: $cpr) {
      cpr
      plan {
        ...PlanViewFields
      }
      consents {
        ...ConsentFields
      }
    }
  }
`);

/** The citizen's own page: my plan and goals, my consents (withdraw in one click), give a consent. */
export function CitizenHome() {
  const { user } = useSignedIn();
  const cpr = user.cpr ?? '';
  const { t } = useTexts();
  const [state, reload] = useQuery(usePlanDocument(MyPlanDocument), { cpr });
  const withheld = useMemo(() => withheldByPath(state.status === 'done' ? state.errors : []), [state]);
  return (
    <>
      <h1 tabIndex={-1}>{t.myPlan}</h1>
      <p>
        {user.name} · {t.cprLabel} {formatCpr(cpr)}
      </p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {/* Refused as a whole (a representative whose power just ended): say so, instead of an empty page. */}
      {state.status === 'done' && !state.data.citizen && state.errors[0] && <Failed failure={failureOf(state.errors[0])} />}
      {state.status === 'done' && state.data.citizen && (
        <>
          {state.data.citizen.plan ? (
            <PlanView plan={state.data.citizen.plan} withheld={withheld} path="citizen.plan" />
          ) : (
            <p>{t.noPlan}</p>
          )}
          {state.data.citizen.plan?.joint && (
            <CitizenPlanEditor cpr={cpr} joint={state.data.citizen.plan.joint} onChanged={reload} />
          )}
          <section aria-labelledby="my-consents">
            <h2 id="my-consents">{t.myConsents}</h2>
            <ConsentList consents={state.data.citizen.consents} onChange={reload} />
          </section>
          <section aria-labelledby="give-consent" className="card">
            <h2 id="give-consent">{t.giveConsent}</h2>
            <ConsentForm cpr={cpr} asCitizen onDone={reload} />
          </section>
        </>
      )}
    </>
  );
}
