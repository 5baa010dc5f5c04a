import { useSession } from '../auth/session';
import { useQuery } from '../api/useOperation';
import { Failed, Loading } from '../components/Status';
import { graphql } from '../gql';
import { useTexts } from '../i18n';
import { useRouter } from '../router';

const PowersToActForDocument = graphql(`
  query WebPowersToActFor {
    powersToActFor {
      id
      cpr
      citizenName
      powers
      validUntil
    }
  }
`);

/**
 * "Act for" (docs/design.md rule 13): the citizens the signed-in person holds a power for, and the
 * choice of one. The choice is only a header; the gateway checks the power on every request.
 */
export function ActForPage() {
  const { t, date, enumValue } = useTexts();
  const { actFor, session } = useSession();
  const { navigate } = useRouter();
  const [state] = useQuery(PowersToActForDocument, {});
  return (
    <>
      <h1 tabIndex={-1}>{t.actFor}</h1>
      <p>{t.actForLead}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' &&
        (state.data.powersToActFor.length === 0 ? (
          <p>{t.noPowersToActFor}</p>
        ) : (
          <ul className="cards">
            {state.data.powersToActFor.map((power) => (
              <li key={power.id} className="card">
                <h2>{power.citizenName}</h2>
                <p>
                  {power.powers.map((p) => enumValue(p)).join(', ')}. {t.validUntil} {date(power.validUntil)}.
                </p>
                <button
                  type="button"
                  disabled={session?.actingFor?.cpr === power.cpr}
                  onClick={() => {
                    actFor({ cpr: power.cpr, name: power.citizenName });
                    navigate('/citizen');
                  }}
                >
                  {t.actForCitizen(power.citizenName)}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}
