import { useState } from 'react';
import { useMutation } from '../api/useOperation';
import { ConfirmButton } from './ConfirmButton';
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
    givenByRepresentative {
      citizenName
      representative {
        name
      }
    }
    withdrawnByRepresentative {
      citizenName
      representative {
        name
      }
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

/**
 * The consents, each named in words and in plain words; the citizen withdraws an active one with one
 * click (GDPR art. 7(3): as easy as giving it); a caseworker withdrawing on the citizen's behalf is
 * asked to confirm first (`onBehalf`).
 */
export function ConsentList({
  consents,
  onChange,
  onBehalf = false,
}: {
  consents: readonly ConsentFieldsFragment[];
  onChange(): void;
  onBehalf?: boolean;
}) {
  const { t, date, enumValue, department, categories, language } = useTexts();
  const longDate = new Intl.DateTimeFormat(language === 'da' ? 'da-DK' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Copenhagen',
  });
  const nameOf = (consent: ConsentFieldsFragment) => t.consentName(longDate.format(new Date(consent.evidence.recordedAt)));
  const withdraw = useMutation(WithdrawConsentDocument);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const names = (codes: readonly string[]) => codes.map(department).join(', ');
  const actedBy = (act: NonNullable<ConsentFieldsFragment['givenByRepresentative']>) =>
    t.onBehalfOf(act.representative.name, act.citizenName);
  const withdrawIt = async (id: string) => {
    const result = await withdraw({ id });
    setMessage(
      result.ok ? { kind: 'ok', text: t.withdrawConfirm } : { kind: 'error', text: `${t.failed} (${result.failure.code}).` },
    );
    if (result.ok) onChange();
  };
  return (
    <>
      <div aria-live="polite">{message && <p className={message.kind === 'ok' ? 'success' : 'error'}>{message.text}</p>}</div>
      {consents.length === 0 && <p>{t.noConsents}</p>}
      <ul className="consents">
        {consents.map((consent) => (
          <li key={consent.id} className="card" data-testid="consent">
            <h3>
              {nameOf(consent)} ·{' '}
              <span className={`badge badge-${consent.status.toLowerCase()}`}>{enumValue(consent.status)}</span>
            </h3>
            <p className="muted">{t.consentNumber(consent.id)}</p>
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
            {/* Who acted for the citizen (rule 13): "Givet af Sara Holm på vegne af Lars Holm". */}
            {consent.givenByRepresentative && <p data-testid="given-by">{t.givenBy(actedBy(consent.givenByRepresentative))}</p>}
            {consent.withdrawnByRepresentative && <p>{t.withdrawnBy(actedBy(consent.withdrawnByRepresentative))}</p>}
            {(consent.status === 'ACTIVE' || consent.status === 'SCHEDULED') &&
              (onBehalf ? (
                <ConfirmButton
                  label={t.withdrawNamed(nameOf(consent), consent.id)}
                  question={t.withdrawOnBehalfQuestion}
                  yes={t.withdrawOnBehalfYes}
                  no={t.withdrawOnBehalfNo}
                  danger
                  onConfirm={() => withdrawIt(consent.id)}
                />
              ) : (
                <button type="button" className="danger" onClick={() => withdrawIt(consent.id)}>
                  {t.withdrawNamed(nameOf(consent), consent.id)}
                </button>
              ))}
          </li>
        ))}
      </ul>
    </>
  );
}
