import { useState, type FormEvent } from 'react';
import { useSignedIn } from '../auth/session';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useOperation';
import { OutcomeMessage } from '../components/OutcomeMessage';
import { Failed, Loading } from '../components/Status';
import { graphql } from '../gql';
import type { Power } from '../gql/graphql';
import { useTexts } from '../i18n';

const MyPowersDocument = graphql(`
  query WebMyPowers($cpr: ID!) {
    citizen(cpr: $cpr) {
      cpr
      representatives {
        id
        status
        powers
        validFrom
        validUntil
        representative {
          kind
          name
          reference
          organisation
        }
        receipt {
          receiptId
          issuedAt
          howToRevoke
          collection {
            method
          }
        }
      }
    }
  }
`);

const GivePowerDocument = graphql(`
  mutation WebGivePower($input: GivePowerInput!) {
    givePowerOfRepresentation(input: $input) {
      id
      status
    }
  }
`);

const RevokePowerDocument = graphql(`
  mutation WebRevokePower($id: ID!) {
    revokePowerOfRepresentation(id: $id) {
      id
      status
    }
  }
`);

/** The powers, in the order the citizen reads them (lib/src/representation.ts). */
const ALL_POWERS: readonly Power[] = [
  'READ_PLAN',
  'READ_ACCESS_LOG',
  'MANAGE_CONSENTS',
  'REQUEST_PLAN',
  'WRITE_PLAN',
  'RECEIVE_INBOX',
  'FILE_COMPLAINT',
];

/** "Mine fuldmagter": who may act for the citizen, with each power's receipt; give, change (a new power replacing one) and revoke at once. */
export function PowersPage() {
  const { user } = useSignedIn();
  const cpr = user.cpr ?? '';
  const { t, date, enumValue } = useTexts();
  const [state, reload] = useQuery(MyPowersDocument, { cpr });
  const revoke = useAction(RevokePowerDocument);
  const give = useAction(GivePowerDocument, { representativeCpr: t.representativeCpr, validUntil: t.validUntil });
  const [representativeCpr, setRepresentativeCpr] = useState('');
  const [representativeName, setRepresentativeName] = useState('');
  const [powers, setPowers] = useState<Power[]>(['READ_PLAN']);
  const [validUntil, setValidUntil] = useState('');
  const [supersedes, setSupersedes] = useState('');
  const powersList = state.status === 'done' ? (state.data.citizen?.representatives ?? []) : [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const given = await give.run(
      {
        input: {
          cpr,
          representativeCpr: representativeCpr.replace(/\D/g, ''),
          representativeName,
          powers,
          validUntil,
          ...(supersedes && { supersedes }),
        },
      },
      () => t.powerGiven,
    );
    if (given) reload();
  };
  return (
    <>
      <h1 tabIndex={-1}>{t.myPowers}</h1>
      <p>{t.myPowersLead}</p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      <OutcomeMessage outcome={revoke.outcome} />
      {state.status === 'done' &&
        (powersList.length === 0 ? (
          <p>{t.noPowers}</p>
        ) : (
          <ul className="cards">
            {powersList.map((power) => (
              <li key={power.id} className="card">
                <h2>
                  {power.representative.name} ({power.representative.organisation ?? power.representative.reference})
                </h2>
                <dl>
                  <dt>{t.consentStatus}</dt>
                  <dd>{enumValue(power.status)}</dd>
                  <dt>{t.powersLegend}</dt>
                  <dd>{power.powers.map((p) => enumValue(p)).join(', ')}</dd>
                  <dt>{t.validUntil}</dt>
                  <dd>
                    {date(power.validFrom)} – {date(power.validUntil)}
                  </dd>
                  <dt>{t.receiptFor}</dt>
                  <dd>
                    {power.receipt.receiptId}, {date(power.receipt.issuedAt)} ({enumValue(power.receipt.collection.method)})
                  </dd>
                  <dt>{t.howToRevoke}</dt>
                  <dd>{power.receipt.howToRevoke}</dd>
                </dl>
                {power.status === 'ACTIVE' && (
                  <button
                    type="button"
                    className="danger"
                    disabled={revoke.busy}
                    onClick={async () => {
                      if (await revoke.run({ id: power.id }, () => t.powerRevoked)) reload();
                    }}
                  >
                    {t.revokePower} ({power.representative.name})
                  </button>
                )}
              </li>
            ))}
          </ul>
        ))}
      <section aria-labelledby="give-power" className="card">
        <h2 id="give-power">{t.givePower}</h2>
        <form onSubmit={submit}>
          <label>
            {t.representativeCpr}
            <input
              value={representativeCpr}
              onChange={(e) => setRepresentativeCpr(e.target.value)}
              required
              inputMode="numeric"
            />
          </label>
          <label>
            {t.representativeName}
            <input value={representativeName} onChange={(e) => setRepresentativeName(e.target.value)} required />
          </label>
          <fieldset>
            <legend>{t.powersLegend}</legend>
            {ALL_POWERS.map((power) => (
              <label key={power}>
                <input
                  type="checkbox"
                  checked={powers.includes(power)}
                  onChange={(e) => setPowers(e.target.checked ? [...powers, power] : powers.filter((p) => p !== power))}
                />
                {enumValue(power)}
              </label>
            ))}
          </fieldset>
          <label>
            {t.validUntil}
            <input type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} required />
          </label>
          <label>
            {t.replacesPower}
            <select value={supersedes} onChange={(e) => setSupersedes(e.target.value)}>
              <option value="">{t.noneReplaced}</option>
              {powersList
                .filter((p) => p.status === 'ACTIVE')
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.representative.name}: {p.powers.map((x) => enumValue(x)).join(', ')}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" disabled={give.busy}>
            {t.givePower}
          </button>
        </form>
        <OutcomeMessage outcome={give.outcome} />
      </section>
    </>
  );
}
