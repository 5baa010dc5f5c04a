import type { Department } from '@enplan/lib';

/**
 * The facts of each kind of change to a joint plan: codes, ISO 8601 dates and instants, names and
 * people's own words, never sentences. The reader's app says them in the reader's language
 * (web/src/components/planChangeText.ts); `summary` says them in English for older clients.
 */
export interface PlanChangeFactsByKind {
  PLAN_IMPORTED: Record<string, never>;
  PLAN_CREATED: { coordinator: string; department: Department };
  GOALS_SET: { count: string };
  PLAN_ACTIVATED: Record<string, never>;
  PLAN_ENDED: { reason: string };
  COORDINATION_HANDED_OVER: { coordinator: string; department: Department };
  AGREEMENT_ADDED: { department: Department; what: string };
  MEETING_SCHEDULED: { at: string; place: string };
  MINUTES_RECORDED: { meetingAt: string };
  NEXT_FOLLOW_UP_SET: { date: string };
  CONSENT_WITHDRAWN: { consentId: string | null };
  AGREEMENT_ASSIGNED: { organisation: string; what: string };
  ASSIGNMENT_ENDED: { organisation: string; what: string };
  PROGRESS_NOTE_ADDED: { organisation: string; what: string };
  PROVIDER_INVITED: { organisation: string; meetingAt: string };
  PROVIDER_INVITATION_WITHDRAWN: { organisation: string; meetingAt: string };
}
export type PlanChangeKind = keyof PlanChangeFactsByKind;

/** A change to a joint plan as its history keeps it: a kind and its facts. */
export type PlanChangeEvent = { [K in PlanChangeKind]: { kind: K; facts: PlanChangeFactsByKind[K] } }[PlanChangeKind];

/** A history entry's content: the event, and the same in English words (the deprecated `PlanChange.summary`). */
export type DescribedChange = PlanChangeEvent & { summary: string };

/** The English words older clients read in `summary`, as the history said them before it kept facts. */
function englishSummary(event: PlanChangeEvent): string {
  switch (event.kind) {
    case 'PLAN_IMPORTED':
      return 'The plan was made (demo data).';
    case 'PLAN_CREATED':
      return `The plan was made (DRAFT), coordinated by ${event.facts.coordinator} (${event.facts.department}).`;
    case 'GOALS_SET':
      return `The citizen's goals were set (${event.facts.count}).`;
    case 'PLAN_ACTIVATED':
      return 'The citizen agreed to the plan: ACTIVE.';
    case 'PLAN_ENDED':
      return `The plan ended: ${event.facts.reason}`;
    case 'COORDINATION_HANDED_OVER':
      return `Coordination handed over to ${event.facts.coordinator} (${event.facts.department}).`;
    case 'AGREEMENT_ADDED':
      return `Agreement added for ${event.facts.department}: ${event.facts.what}`;
    case 'MEETING_SCHEDULED':
      return `Joint meeting scheduled for ${event.facts.at} at ${event.facts.place}.`;
    case 'MINUTES_RECORDED':
      return `Minutes recorded for the meeting of ${event.facts.meetingAt}.`;
    case 'NEXT_FOLLOW_UP_SET':
      return `Next follow-up set to ${event.facts.date}.`;
    case 'CONSENT_WITHDRAWN':
      return `The citizen withdrew consent ${event.facts.consentId ?? ''}: departments it no longer names lose the joint part.`;
    case 'AGREEMENT_ASSIGNED':
      return `Agreement assigned to ${event.facts.organisation}: ${event.facts.what}`;
    case 'ASSIGNMENT_ENDED':
      return `${event.facts.organisation} no longer carries out: ${event.facts.what}`;
    case 'PROGRESS_NOTE_ADDED':
      return `${event.facts.organisation} wrote a progress note on: ${event.facts.what}`;
    case 'PROVIDER_INVITED':
      return `${event.facts.organisation} was invited to the joint meeting of ${event.facts.meetingAt}.`;
    case 'PROVIDER_INVITATION_WITHDRAWN':
      return `${event.facts.organisation} is no longer invited to the joint meeting of ${event.facts.meetingAt}.`;
  }
}

/** The event with its English summary, as a history entry stores it. */
export function described(event: PlanChangeEvent): DescribedChange {
  return { ...event, summary: englishSummary(event) };
}

/** The demo data's history entry. */
export const SEEDED_CHANGE: DescribedChange = described({ kind: 'PLAN_IMPORTED', facts: {} });
