import { useSignedIn } from '../auth/session';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useOperation';
import { graphql } from '../gql';
import { useTexts } from '../i18n';
import { OutcomeMessage } from './OutcomeMessage';
import { Failed, Loading } from './Status';

const DoNotLookForMeDocument = graphql(`
  query WebDoNotLookForMe($cpr: ID!) {
    citizen(cpr: $cpr) {
      cpr
      doNotLookForMe
    }
  }
`);

const SetDoNotLookForMeDocument = graphql(`
  mutation WebSetDoNotLookForMe($doNotLookForMe: Boolean!) {
    setDoNotLookForMe(doNotLookForMe: $doNotLookForMe)
  }
`);

/** The citizen's "do not look for me again": the candidate finder leaves them out from then on. */
export function FindingOptOut() {
  const { user } = useSignedIn();
  const { t } = useTexts();
  const [state, reload] = useQuery(DoNotLookForMeDocument, { cpr: user.cpr ?? '' });
  const { run, outcome, busy } = useAction(SetDoNotLookForMeDocument);
  const set = async (doNotLookForMe: boolean) => {
    if (await run({ doNotLookForMe }, () => (doNotLookForMe ? t.doNotLookForMeSaved : t.mayLookForMeSaved))) reload();
  };
  return (
    <section aria-labelledby="finding-opt-out" className="card">
      <h2 id="finding-opt-out">{t.findingOptOutTitle}</h2>
      <p>{t.findingOptOutLead}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' && state.data.citizen && (
        <>
          <p>{state.data.citizen.doNotLookForMe ? t.doNotLookForMeOn : t.doNotLookForMeOff}</p>
          <button type="button" disabled={busy} onClick={() => void set(!state.data.citizen?.doNotLookForMe)}>
            {state.data.citizen.doNotLookForMe ? t.mayLookForMe : t.doNotLookForMe}
          </button>
        </>
      )}
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}
