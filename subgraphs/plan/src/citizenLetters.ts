import type { NotificationFacts } from '@enplan/lib';
import type { JointPlanRecord } from './planModel';

/** Danish, in the municipality's time zone: "tirsdag den 15. december 2026 kl. 10.00". */
const danishDateTime = new Intl.DateTimeFormat('da-DK', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'Europe/Copenhagen',
});

/** The changes to a plan the citizen is told of. */
export type PlanChangeNotice = 'PLAN_ACTIVATED' | 'PLAN_ENDED' | 'MEETING_SCHEDULED';

/** A message to the citizen: its facts, and the Danish body Digital Post sends. */
export interface CitizenLetter {
  body: string;
  facts: NotificationFacts;
}

/**
 * What the citizen reads about a change to their plan (inbox and Digital Post): Danish, dates as
 * Danes write them, with the facts the app renders in the reader's language. The plan's history
 * keeps its own summaries for the caseworkers.
 */
export function citizenLetter(kind: PlanChangeNotice, before: JointPlanRecord, after: JointPlanRecord): CitizenLetter {
  switch (kind) {
    case 'PLAN_ACTIVATED':
      return { body: 'Du har sagt ja til din fælles plan. Den er nu aktiv, og afdelingerne arbejder efter den.', facts: {} };
    case 'PLAN_ENDED':
      return {
        body: `Din fælles plan er afsluttet. Begrundelse: ${after.endedReason ?? 'ingen angivet'}`,
        facts: { reason: after.endedReason },
      };
    case 'MEETING_SCHEDULED': {
      const known = new Set(before.meetings.map((m) => m.id));
      const meeting = after.meetings.find((m) => !known.has(m.id));
      if (!meeting) return { body: 'Der er planlagt et nyt fælles møde om din plan.', facts: {} };
      return {
        body:
          `Du er inviteret til et fælles møde om din plan ${danishDateTime.format(new Date(meeting.at))} på ${meeting.place}. ` +
          'Du har ret til at tage en bisidder med.',
        facts: { at: new Date(meeting.at).toISOString(), place: meeting.place },
      };
    }
  }
}
