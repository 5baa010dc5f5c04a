import { useQuery } from '../api/useOperation';
import { maskCpr } from '../cpr';
import { graphql } from '../gql';
import { useTexts } from '../i18n';

const NoLongerSharedDocument = graphql(`
  query WebNoLongerShared {
    myCoordinatedPlansNoLongerShared {
      cpr
      withdrawnAt
    }
  }
`);

/**
 * The plans the caseworker coordinates that the citizen's consent no longer shares with them: who,
 * and when the citizen withdrew, so a citizen never silently disappears from the caseload.
 */
export function NoLongerShared() {
  const { t, dateTime } = useTexts();
  const [state] = useQuery(NoLongerSharedDocument, {});
  if (state.status !== 'done' || state.data.myCoordinatedPlansNoLongerShared.length === 0) return null;
  return (
    <section aria-labelledby="no-longer-shared" className="card" data-testid="no-longer-shared">
      <h2 id="no-longer-shared">{t.noLongerShared}</h2>
      <p>{t.noLongerSharedLead}</p>
      <ul>
        {state.data.myCoordinatedPlansNoLongerShared.map((plan) => (
          <li key={plan.cpr}>
            {plan.withdrawnAt
              ? t.citizenWithdrew(maskCpr(plan.cpr), dateTime(plan.withdrawnAt))
              : t.consentEnded(maskCpr(plan.cpr))}
          </li>
        ))}
      </ul>
    </section>
  );
}
