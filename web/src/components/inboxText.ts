import type { Texts } from '../i18n';

/** An inbox message's facts (`factsJson`): codes, ISO instants, names and people's own words. */
type Facts = Readonly<Record<string, string | readonly string[] | null>>;

/** The facts, checked as they cross from the server as a string; undefined when absent or not readable. */
export function parseFacts(json: string | null | undefined): Facts | undefined {
  if (!json) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const fine = Object.values(value).every(
      (v) => v === null || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
    );
    return fine ? (value as Facts) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What an inbox message says, in the reader's language, from its kind and facts; undefined when the
 * facts do not tell (a message from before facts were kept), and the Danish body is shown instead.
 */
export function messageText(texts: Texts, kind: string, factsJson: string | null | undefined): string | undefined {
  const facts = parseFacts(factsJson);
  if (!facts) return undefined;
  const { t, department, dateTime, date, enumValue } = texts;
  const text = (key: string) => (typeof facts[key] === 'string' ? (facts[key] as string) : undefined);
  // A representative's act: "Sara Holm på vegne af Lars Holm" in the reader's language.
  const actedBy = text('representative') && text('citizenName') && t.onBehalfOf(text('representative')!, text('citizenName')!);
  const powers = Array.isArray(facts.powers) ? (facts.powers as string[]).map(enumValue).join(', ') : undefined;
  const toRepresentative = text('recipient') === 'REPRESENTATIVE';
  const departments = Array.isArray(facts.departments) ? (facts.departments as string[]).map(department) : undefined;
  switch (kind) {
    case 'PLAN_REQUESTED':
      return departments && t.inboxPlanRequested(departments.join(', '));
    case 'PLAN_REQUEST_ANSWERED': {
      const caseworker = text('caseworker');
      const who = caseworker && `${caseworker} (${department(text('department'))})`;
      if (text('answer') === 'ACCEPTED') return who && t.inboxRequestAccepted(who);
      return text('answer') === 'DECLINED' ? t.inboxRequestDeclined(text('reason') ?? '') : undefined;
    }
    case 'PLAN_CREATED':
      return text('coordinator') && t.inboxPlanCreated(`${text('coordinator')} (${department(text('department'))})`);
    case 'PLAN_ACTIVATED':
      return t.inboxPlanActivated;
    case 'PLAN_ENDED':
      return t.inboxPlanEnded(text('reason') ?? t.none);
    case 'MEETING_SCHEDULED':
      return text('at') && text('place') ? t.inboxMeetingScheduled(dateTime(text('at')), text('place')!) : undefined;
    case 'CONSENT_GIVEN': {
      const until = text('validUntil');
      return until && (actedBy ? t.inboxConsentGivenBy(actedBy, date(until)) : t.inboxConsentGiven(date(until)));
    }
    case 'CONSENT_WITHDRAWN': {
      const at = text('withdrawnAt');
      return at && (actedBy ? t.inboxConsentWithdrawnBy(actedBy, dateTime(at)) : t.inboxConsentWithdrawn(dateTime(at)));
    }
    case 'POWER_GIVEN':
    case 'POWER_CHANGED':
    case 'POWER_REVOKED':
      return powerText(texts, kind, text('representative'), text('citizenName'), powers, text('validUntil'), toRepresentative);
    default:
      return undefined;
  }
}

/** A power's receipt, to the citizen who gave it or to the representative who holds it. */
function powerText(
  { t, date }: Texts,
  kind: 'POWER_GIVEN' | 'POWER_CHANGED' | 'POWER_REVOKED',
  representative: string | undefined,
  citizen: string | undefined,
  powers: string | undefined,
  validUntil: string | undefined,
  toRepresentative: boolean,
): string | undefined {
  if (!representative || !citizen || !powers || !validUntil) return undefined;
  const until = date(validUntil);
  if (toRepresentative) {
    if (kind === 'POWER_REVOKED') return t.inboxPowerToYouRevoked(citizen);
    return kind === 'POWER_GIVEN' ? t.inboxPowerToYou(citizen, until) : t.inboxPowerToYouChanged(citizen, until);
  }
  if (kind === 'POWER_REVOKED') return t.inboxPowerRevoked(representative);
  return kind === 'POWER_GIVEN'
    ? t.inboxPowerGiven(representative, powers, until)
    : t.inboxPowerChanged(representative, powers, until);
}
