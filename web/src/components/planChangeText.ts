import type { Texts } from '../i18n';
import { parseFacts } from './inboxText';

/**
 * What a change in the plan's history did, in the reader's language, from its kind and facts
 * (subgraphs/plan/src/planChangeEvents.ts); undefined when they do not tell (a change from before
 * kinds were kept), and its English summary is shown instead.
 */
export function planChangeText(
  texts: Texts,
  kind: string | null | undefined,
  factsJson: string | null | undefined,
): string | undefined {
  const facts = parseFacts(factsJson);
  if (!kind || !facts) return undefined;
  const { t, department, dateTime, date } = texts;
  const text = (key: string) => (typeof facts[key] === 'string' ? (facts[key] as string) : undefined);
  const who = () => text('coordinator') && `${text('coordinator')} (${department(text('department'))})`;
  switch (kind) {
    case 'PLAN_IMPORTED':
      return t.changePlanImported;
    case 'PLAN_CREATED':
      return who() && t.changePlanCreated(who()!);
    case 'GOALS_SET':
      return text('count') && t.changeGoalsSet(Number(text('count')));
    case 'PLAN_ACTIVATED':
      return t.changePlanActivated;
    case 'PLAN_ENDED':
      return t.changePlanEnded(text('reason') ?? t.none);
    case 'COORDINATION_HANDED_OVER':
      return who() && t.changeHandedOver(who()!);
    case 'AGREEMENT_ADDED':
      return text('what') && t.changeAgreementAdded(text('what')!, department(text('department')));
    case 'MEETING_SCHEDULED':
      return text('at') && text('place') ? t.changeMeetingScheduled(dateTime(text('at')), text('place')!) : undefined;
    case 'MINUTES_RECORDED':
      return text('meetingAt') && t.changeMinutesRecorded(dateTime(text('meetingAt')));
    case 'NEXT_FOLLOW_UP_SET':
      return text('date') && t.changeNextFollowUp(date(text('date')));
    case 'CONSENT_WITHDRAWN':
      return t.changeConsentWithdrawn;
    case 'AGREEMENT_ASSIGNED':
      return text('organisation') && text('what') && t.changeAgreementAssigned(text('organisation')!, text('what')!);
    case 'ASSIGNMENT_ENDED':
      return text('organisation') && text('what') && t.changeAssignmentEnded(text('organisation')!, text('what')!);
    case 'PROGRESS_NOTE_ADDED':
      return text('organisation') && text('what') && t.changeProgressNoteAdded(text('organisation')!, text('what')!);
    case 'PROVIDER_INVITED':
      return (
        text('organisation') && text('meetingAt') && t.changeProviderInvited(text('organisation')!, dateTime(text('meetingAt')))
      );
    case 'PROVIDER_INVITATION_WITHDRAWN':
      return (
        text('organisation') &&
        text('meetingAt') &&
        t.changeProviderInvitationWithdrawn(text('organisation')!, dateTime(text('meetingAt')))
      );
    default:
      return undefined;
  }
}
