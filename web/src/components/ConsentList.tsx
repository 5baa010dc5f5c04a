import { useState } from 'react';
import { useMutation } from '../api/useOperation';
import { graphql } from '../gql';
import type { ConsentFieldsFragment } from '../gql/graphql';
import { useTexts } from '../i18n';

export const ConsentFields = graphql(`
  fragment ConsentFields on Consent {
    id
    status
    validFrom
    validUntil
    withdrawnAt
    provisions {
      effect
      ownerDepartments
      recipientDepartments
      categories
    }
    evidence {
      method
      recordedAt
      documentRef
    }
  }
`);

const WithdrawConsentDocument = graphql(`
  mutation WebWithdrawConsent($id: ID!) {
    withdrawConsent(id: $id) {
      id
      status
      withdrawnAt
    }
  }
`);

/** The consents, each in plain words; an active one is withdrawn with one click (GDPR art. 7(3)). */
export function ConsentList({ consents, onChange }: { consents: readonly ConsentFieldsFragment[]; onChange(): void }) {
  const { t, date, enumValue, department, categories } = useTexts();
  const withdraw = useMutation(WithdrawConsentDocument);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const names = (codes: readonly string[]) => codes.map(department).join(', ');
  return (
    <>
      <div aria-live="polite">{message && <p className={message.kind === 'ok' ? 'success' : 'error'}>{message.text}</p>}</div>
      {consents.length === 0 && <p>{t.noConsents}</p>}
      <ul className="consents">
        {consents.map((consent) => (
          <li key={consent.id} className="card" data-testid="consent">
            <h3>
              {consent.id} · <span className={`badge badge-${consent.status.toLowerCase()}`}>{enumValue(consent.status)}</span>
            </h3>
            <p>{t.validFromTo(date(consent.validFrom), date(consent.validUntil))}</p>
            <ul>
              {consent.provisions.map((p, i) => (
                <li key={i}>
                  {t.provisionText(
                    p.effect === 'PERMIT' ? t.permits : t.denies,
                    categories(p.categories),
                    names(p.ownerDepartments),
                    names(p.recipientDepartments),
                  )}
                </li>
              ))}
            </ul>
            <p>
              {t.evidence}: {enumValue(consent.evidence.method)}, {date(consent.evidence.recordedAt)}
              {consent.withdrawnAt && ` · ${t.withdrawn} ${date(consent.withdrawnAt)}`}
            </p>
            {(consent.status === 'ACTIVE' || consent.status === 'SCHEDULED') && (
              <button
                type="button"
                className="danger"
                onClick={async () => {
                  const result = await withdraw({ id: consent.id });
                  setMessage(
                    result.ok
                      ? { kind: 'ok', text: t.withdrawConfirm }
                      : { kind: 'error', text: `${t.failed} (${result.failure.code}).` },
                  );
                  if (result.ok) onChange();
                }}
              >
                {t.withdraw} {consent.id}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
