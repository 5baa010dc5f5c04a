import { useId, useState, type FormEvent } from 'react';
import { useMutation } from '../api/useOperation';
import { graphql } from '../gql';
import type { DataCategory, EvidenceMethod, ProvisionInput } from '../gql/graphql';
import { useTexts } from '../i18n';
import { Choices } from './Choices';
import { useDepartments } from '../departments';
import { CATEGORIES, DEPARTMENTS, EVIDENCE_METHODS, SPECIAL_CATEGORIES, type Department } from '../vocabulary';

const GiveConsentDocument = graphql(`
  mutation WebGiveConsent($input: GiveConsentInput!) {
    giveConsent(input: $input) {
      id
      status
    }
  }
`);

const today = () => new Date().toISOString().slice(0, 10);
const inOneYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

/**
 * Record (caseworker) or give (citizen, by MitID) a consent: which departments' data, seen by whom,
 * which kinds, how it was given, for how long; with the rules written next to the choices.
 */
export function ConsentForm({ cpr, asCitizen, onDone }: { cpr: string; asCitizen: boolean; onDone(): void }) {
  const { t, department, category, enumValue, failure } = useTexts();
  const give = useMutation(GiveConsentDocument);
  const { departments } = useDepartments();
  const [owners, setOwners] = useState<Department[]>([]);
  const [recipients, setRecipients] = useState<Department[]>([]);
  const [permitted, setPermitted] = useState<DataCategory[]>([]);
  const [denied, setDenied] = useState<DataCategory[]>([]);
  const [method, setMethod] = useState<EvidenceMethod>('WRITTEN');
  const [documentRef, setDocumentRef] = useState('');
  const [validFrom, setValidFrom] = useState(today);
  const [validUntil, setValidUntil] = useState(inOneYear);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // What may be shared needs all three; what is forbidden is optional.
    const missing = [
      !owners.length && t.ownerDepartments,
      !recipients.length && t.recipientDepartments,
      !permitted.length && `${t.categories}: ${t.permits}`,
    ].filter((m): m is string => !!m);
    if (missing.length) {
      setMessage({ kind: 'error', text: t.chooseIn(missing) });
      return;
    }
    const provisions: ProvisionInput[] = [
      { effect: 'PERMIT', ownerDepartments: owners, recipientDepartments: recipients, categories: permitted },
    ];
    if (denied.length)
      provisions.push({ effect: 'DENY', ownerDepartments: owners, recipientDepartments: recipients, categories: denied });
    const result = await give({
      input: {
        cpr,
        provisions,
        // Today means from now: a start earlier today would be back-dated.
        ...(validFrom !== today() && { validFrom: new Date(`${validFrom}T00:00:00`).toISOString() }),
        validUntil: new Date(`${validUntil}T00:00:00`).toISOString(),
        ...(!asCitizen && { evidenceMethod: method, ...(documentRef.trim() && { documentRef: documentRef.trim() }) }),
      },
    });
    if (result.ok) {
      setMessage({ kind: 'ok', text: `${t.consentGiven} (${result.data.giveConsent.id})` });
      onDone();
    } else {
      setMessage({ kind: 'error', text: failure(result.failure) });
    }
  };

  return (
    <form onSubmit={submit} className="consent-form" aria-describedby={`${id}-rules`}>
      <aside id={`${id}-rules`} className="rules">
        <h3>{t.rulesTitle}</h3>
        <ul>
          {t.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </aside>
      <p className="consent-purpose">
        <strong>{t.purpose}:</strong> {t.consentPurpose}
      </p>
      <Choices<Department>
        legend={t.ownerDepartments}
        hint={t.ownerDepartmentsHint}
        options={DEPARTMENTS}
        label={department}
        chosen={owners}
        onChange={setOwners}
      />
      <Choices<Department>
        legend={t.recipientDepartments}
        hint={t.recipientDepartmentsHint}
        options={DEPARTMENTS}
        label={department}
        chosen={recipients}
        onChange={setRecipients}
      />
      {/* Another organisation (the region) named: say it is a data controller of its own (rule 11). */}
      {departments
        .filter((d) => d.organisation && (owners.includes(d.code) || recipients.includes(d.code)))
        .map((d) => (
          <p key={d.code} className="notice" data-testid="separate-controller-note">
            {t.separateControllerNote(department(d.code), d.organisation as string)}
          </p>
        ))}
      <Choices<DataCategory>
        legend={`${t.categories}: ${t.permits}`}
        hint={t.permitsHint}
        options={CATEGORIES}
        label={category}
        chosen={permitted}
        onChange={setPermitted}
      />
      <Choices<DataCategory>
        legend={`${t.categories}: ${t.denies} ${t.optional}`}
        hint={t.deniesHint}
        options={CATEGORIES}
        label={category}
        chosen={denied}
        onChange={setDenied}
      />
      {!asCitizen && (
        <>
          <div className="field">
            <label htmlFor={`${id}-method`}>{t.evidenceMethod}</label>
            <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as EvidenceMethod)}>
              {EVIDENCE_METHODS.map((m) => (
                <option key={m} value={m}>
                  {enumValue(m)}
                </option>
              ))}
            </select>
            {method === 'ORAL' && permitted.some((c) => SPECIAL_CATEGORIES.includes(c)) && (
              <p className="warning">{t.rules[1]}</p>
            )}
            {method === 'ORAL' &&
              departments.some((d) => d.organisation && (owners.includes(d.code) || recipients.includes(d.code))) && (
                <p className="warning" data-testid="oral-other-organisation">
                  {t.oralNeverOtherOrganisation}
                </p>
              )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-doc`}>{t.documentRef}</label>
            <input id={`${id}-doc`} value={documentRef} onChange={(e) => setDocumentRef(e.target.value)} />
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={`${id}-from`}>{t.validFrom}</label>
        <input id={`${id}-from`} type="date" required value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>{t.validUntil}</label>
        <input id={`${id}-until`} type="date" required value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
      </div>
      <button type="submit">{asCitizen ? t.giveConsent : t.recordConsent}</button>
      <div aria-live="polite">{message && <p className={message.kind === 'ok' ? 'success' : 'error'}>{message.text}</p>}</div>
    </form>
  );
}
