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
  const { t, department, dateTime, date } = texts;
  const text = (key: string) => (typeof facts[key] === 'string' ? (facts[key] as string) : undefined);
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
    case 'CONSENT_GIVEN':
      return text('validUntil') && t.inboxConsentGiven(date(text('validUntil')));
    case 'CONSENT_WITHDRAWN':
      return text('withdrawnAt') && t.inboxConsentWithdrawn(dateTime(text('withdrawnAt')));
    default:
      return undefined;
  }
}
