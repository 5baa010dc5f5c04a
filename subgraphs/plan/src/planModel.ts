import type { Department } from '@enplan/lib';
import type { PlanChangeKind } from './planChangeEvents';

export type PlanStatus = 'DRAFT' | 'ACTIVE' | 'ENDED';

export interface CitizenGoal {
  id: string;
  text: string;
}

export interface Agreement {
  id: string;
  what: string;
  responsibleDepartment: Department;
  /** YYYY-MM-DD */
  dueDate: string | null;
  /** A department's action by id; its content stays with that department. */
  actionRef: { department: Department; actionId: string } | null;
  /** The provider the responsible department assigned it to (rule 12); absent in plans from before providers. */
  provider?: ProviderAssignment | null;
  /** The citizen goals it serves, by id: what its provider sees of the goals. */
  servesGoalIds?: string[];
  /** The provider's dated notes on how it goes, oldest first. */
  progressNotes?: ProgressNote[];
}

/** An agreement carried out by a provider organisation (serviceloven § 141 stk. 5). */
export interface ProviderAssignment {
  /** The registry's organisation code. */
  organisation: string;
  assignedBy: Department;
  /** Epoch ms. */
  assignedAt: number;
}

export interface ProgressNote {
  id: string;
  /** Epoch ms. */
  at: number;
  authorName: string;
  organisation: string;
  text: string;
}

export interface JointMeeting {
  id: string;
  /** ISO 8601 instant. */
  at: string;
  place: string;
  participants: Department[];
  bisidder: string | null;
  minutes: string | null;
  /** Provider organisations invited (registry codes); absent in plans from before providers. */
  invitedOrganisations?: string[];
}

/** The joint part of a citizen's one plan, as stored: one versioned document. */
export interface JointPlanRecord {
  id: string;
  cpr: string;
  version: number;
  status: PlanStatus;
  coordinatingCaseworkerId: string;
  citizenGoals: CitizenGoal[];
  agreements: Agreement[];
  meetings: JointMeeting[];
  /** YYYY-MM-DD */
  nextFollowUp: string | null;
  endedReason: string | null;
  /** Epoch ms. */
  createdAt: number;
}

/** Who made a change, as the history shows it. */
export interface ChangeAuthor {
  actorId: string;
  actorName: string;
  actorDepartment: Department | null;
}

/**
 * What a history entry says: the kind of change and its facts (see planChangeEvents.ts), and the
 * same in English. Entries from before facts were kept have only the English.
 */
export interface ChangeContent {
  summary: string;
  kind?: PlanChangeKind;
  facts?: object;
}

/** One entry of a plan's history. */
export interface PlanChangeRecord extends ChangeAuthor {
  planId: string;
  version: number;
  /** Epoch ms. */
  at: number;
  summary: string;
  kind: PlanChangeKind | null;
  facts: object | null;
}

type PlanRequestStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED';

export interface PlanRequestRecord {
  id: string;
  cpr: string;
  departments: Department[];
  requestedAt: number;
  status: PlanRequestStatus;
  declineReason: string | null;
  answeredAt: number | null;
  answeredBy: string | null;
}

/** The next joint meeting is the earliest one without minutes: it has not taken place yet. */
export function nextJointMeeting(plan: JointPlanRecord): string | null {
  const upcoming = plan.meetings.filter((m) => m.minutes === null).map((m) => m.at);
  return upcoming.sort()[0] ?? null;
}

/**
 * A citizen the candidate finder found in contact with enough departments (docs/design.md rule 14): the
 * count only, never which departments. Deleted after the configured retention.
 */
export interface FindingCandidateRecord {
  id: string;
  cpr: string;
  departmentCount: number;
  foundAt: number;
  invitedAt: number | null;
}
