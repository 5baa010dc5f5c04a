import type { CaseworkerRecord, Department, Notification } from '@enplan/lib';
import type { PlanChangeKind } from './planChangeEvents';
import type {
  ChangeAuthor,
  ChangeContent,
  FindingCandidateRecord,
  JointPlanRecord,
  PlanChangeRecord,
  PlanRequestRecord,
} from './planModel';

/** A plan written back only if nobody changed it since `expectedVersion` was read. */
export class StaleVersionError extends Error {
  constructor(readonly currentVersion: number) {
    super(`stale plan version; current is ${currentVersion}`);
  }
}

/** The request was answered meanwhile (by another caseworker, perhaps through another replica). */
export class RequestNotPendingError extends Error {
  constructor(readonly requestId: string) {
    super(`request ${requestId} is no longer pending`);
  }
}

/**
 * The citizen already has what may exist once at a time: a plan not ended, or a request waiting
 * for an answer. Checked by the database (a unique index), so two writers racing cannot both win.
 */
export class AlreadyOpenError extends Error {
  constructor(readonly what: 'plan' | 'request') {
    super(`the citizen already has an open ${what}`);
  }
}

/** One entry of a plan's history, as a change writes it. */
export type PlanChangeInput = ChangeAuthor & { at: number } & ChangeContent;

/** A citizen's request for one plan, answered by a department or cancelled by the citizen. */
export interface RequestAnswer {
  id: string;
  status: 'ACCEPTED' | 'DECLINED' | 'CANCELLED';
  declineReason: string | null;
  at: number;
  by: string;
}

/** The change an inbox delivery makes to the citizen's current plan, if any (e.g. recording a withdrawal). */
export type InboxPlanChange = (plan: JointPlanRecord) => { next: JointPlanRecord; change: PlanChangeInput } | undefined;

/**
 * The plan subgraph's store: the joint plans (one versioned document each) with their history, the
 * citizens' requests for one plan, their inboxes, and the outbox of notifications to them. Each
 * method is one transaction: a change, its history entry and its notifications are written together
 * or not at all. `SqlitePlanStore` (one process, the embedded default) and `PgPlanStore` (several
 * processes on one PostgreSQL) implement it; test/src/planStorage.test.ts runs against both.
 */
export interface PlanStore {
  /** The citizen's most recent joint plan (an ENDED one included), if any. */
  currentPlan(cpr: string): Promise<JointPlanRecord | undefined>;
  /** The most recent joint plan of each of `cprs` that has one, in one read. */
  currentPlans(cprs: readonly string[]): Promise<Map<string, JointPlanRecord>>;
  /** Plans not ended that `caseworkerId` coordinates, by CPR. */
  plansCoordinatedBy(caseworkerId: string): Promise<JointPlanRecord[]>;
  /** Plans not ended with an agreement assigned to the provider `organisation` (rule 12), by CPR. */
  plansAssignedTo(organisation: string): Promise<JointPlanRecord[]>;
  /**
   * A new plan at version 1 and its first history entry, with `answer` (throws
   * RequestNotPendingError when it no longer applies) and `notify`. Throws AlreadyOpenError when
   * the citizen has a plan not ended.
   */
  create(
    plan: JointPlanRecord,
    author: ChangeAuthor,
    change: ChangeContent,
    also?: { answer?: RequestAnswer; notify?: readonly Notification[] },
  ): Promise<void>;
  /**
   * Writes `next` (version = expectedVersion + 1) only if the stored plan is still at
   * `expectedVersion`; otherwise throws StaleVersionError and writes nothing.
   */
  update(
    next: JointPlanRecord,
    expectedVersion: number,
    change: PlanChangeInput,
    notify?: readonly Notification[],
  ): Promise<void>;
  /** Newest first. */
  history(planId: string): Promise<PlanChangeRecord[]>;
  caseworker(id: string): Promise<CaseworkerRecord | undefined>;
  /** Every known caseworker, by department and name. */
  caseworkers(): Promise<CaseworkerRecord[]>;
  /** Throws AlreadyOpenError when the citizen has a request pending. */
  insertRequest(request: PlanRequestRecord, notify?: readonly Notification[]): Promise<void>;
  request(id: string): Promise<PlanRequestRecord | undefined>;
  /** Newest first. */
  requestsOf(cpr: string): Promise<PlanRequestRecord[]>;
  /** Oldest first. */
  pendingRequestsFor(department: Department): Promise<PlanRequestRecord[]>;
  /** Throws RequestNotPendingError (writing nothing) when the request was answered meanwhile. */
  answerRequest(answer: RequestAnswer, notify?: readonly Notification[]): Promise<void>;
  /**
   * Stores a delivered notification once, and the change `onPlan` makes to the citizen's current
   * plan. A redelivery of the same id changes nothing and returns false.
   */
  deliverToInbox(notification: Notification, onPlan?: InboxPlanChange): Promise<boolean>;
  /** Oldest first. */
  inboxOf(cpr: string): Promise<Notification[]>;
  /**
   * Of `cprs`, those the candidate finder leaves out before any department is asked: a plan not
   * ended, a request waiting for an answer, or "do not look for me".
   */
  leftOutOfFinding(cprs: readonly string[]): Promise<Set<string>>;
  findingOptOut(cpr: string): Promise<boolean>;
  /** "Do not look for me" (true) holds from `at` until the citizen takes it back (false). */
  setFindingOptOut(cpr: string, optOut: boolean, at: number): Promise<void>;
  /** Adds candidates; a citizen already a candidate keeps their row (first found, invited), with the new count. */
  saveCandidates(candidates: readonly FindingCandidateRecord[]): Promise<void>;
  /** Oldest first. */
  candidates(): Promise<FindingCandidateRecord[]>;
  /**
   * Marks the candidate invited and enqueues `invitation`, once: undefined when there is no such
   * candidate, or it was invited already (nothing written).
   */
  inviteCandidate(id: string, at: number, invitation: (cpr: string) => Notification): Promise<FindingCandidateRecord | undefined>;
  /** Deletes the candidates found before `at`; how many. */
  deleteCandidatesFoundBefore(at: number): Promise<number>;
  /** Seeds an empty store once (several processes starting together included). */
  seed(caseworkers: readonly CaseworkerRecord[], plans: Iterable<JointPlanRecord>): Promise<void>;
}

/** The author of the demo data's history entries. */
export const SEEDER: ChangeAuthor = { actorId: 'enplan-seed', actorName: 'Demo data', actorDepartment: null };

/** A plan_requests row, as both backends store it. */
export interface RequestRow {
  id: string;
  cpr: string;
  departments: string;
  requested_at: number;
  status: PlanRequestRecord['status'];
  decline_reason: string | null;
  answered_at: number | null;
  answered_by: string | null;
}

export const requestFromRow = (r: RequestRow): PlanRequestRecord => ({
  id: r.id,
  cpr: r.cpr,
  departments: JSON.parse(r.departments) as Department[],
  requestedAt: r.requested_at,
  status: r.status,
  declineReason: r.decline_reason,
  answeredAt: r.answered_at,
  answeredBy: r.answered_by,
});

/** A plan_changes row, as both backends store it. */
export interface ChangeRow {
  plan_id: string;
  version: number;
  at: number;
  actor_id: string;
  actor_name: string;
  actor_department: Department | null;
  summary: string;
  kind: PlanChangeKind | null;
  /** JSON. */
  facts: string | null;
}

export const changeFromRow = (r: ChangeRow): PlanChangeRecord => ({
  planId: r.plan_id,
  version: r.version,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  actorDepartment: r.actor_department ?? null,
  summary: r.summary,
  kind: r.kind ?? null,
  facts: r.facts ? (JSON.parse(r.facts) as object) : null,
});

/** A history entry's columns after the author's, in table order: summary, kind, facts (JSON). */
export const changeColumns = (change: ChangeContent) =>
  [change.summary, change.kind ?? null, change.facts ? JSON.stringify(change.facts) : null] as const;

export const planFromDocument = (row: { document: string }): JointPlanRecord => JSON.parse(row.document) as JointPlanRecord;

/** A finding_candidates row, as both backends store it. */
export interface CandidateRow {
  id: string;
  cpr: string;
  department_count: number;
  found_at: number | string;
  invited_at: number | string | null;
}

export const candidateFromRow = (r: CandidateRow): FindingCandidateRecord => ({
  id: r.id,
  cpr: r.cpr,
  departmentCount: r.department_count,
  // PostgreSQL returns BIGINT as a string.
  foundAt: Number(r.found_at),
  invitedAt: r.invited_at === null ? null : Number(r.invited_at),
});
