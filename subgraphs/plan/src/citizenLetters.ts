import type { JointPlanRecord } from './planModel';

/** Danish, in the municipality's time zone: "tirsdag den 15. december 2026 kl. 10.00". */
const danishDateTime = new Intl.DateTimeFormat('da-DK', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'Europe/Copenhagen',
});

/** The changes to a plan the citizen is told of. */
export type PlanChangeNotice = 'PLAN_ACTIVATED' | 'PLAN_ENDED' | 'MEETING_SCHEDULED';

/**
 * What the citizen reads about a change to their plan (inbox and Digital Post): Danish, dates as
 * Danes write them. The plan's history keeps its own summaries for the caseworkers.
 */
export function citizenLetter(kind: PlanChangeNotice, before: JointPlanRecord, after: JointPlanRecord): string {
  switch (kind) {
    case 'PLAN_ACTIVATED':
      return 'Du har sagt ja til din fælles plan. Den er nu aktiv, og afdelingerne arbejder efter den.';
    case 'PLAN_ENDED':
      return `Din fælles plan er afsluttet. Begrundelse: ${after.endedReason ?? 'ingen angivet'}`;
    case 'MEETING_SCHEDULED': {
      const known = new Set(before.meetings.map((m) => m.id));
      const meeting = after.meetings.find((m) => !known.has(m.id));
      if (!meeting) return 'Der er planlagt et nyt fælles møde om din plan.';
      return (
        `Du er inviteret til et fælles møde om din plan ${danishDateTime.format(new Date(meeting.at))} på ${meeting.place}. ` +
        'Du har ret til at tage en bisidder med.'
      );
    }
  }
}
