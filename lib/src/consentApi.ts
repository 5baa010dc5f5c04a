import type { AccessKind } from './accessKind';
import type { DataCategory, Department, Purpose } from './departments';
import type { Representation, RepresentativeKind } from './representation';

/**
 * The consent service's internal API, called by the gateway and the plan subgraph (JSON over HTTP,
 * signed as a SERVICE actor). Not part of the public graph.
 */
export const CONSENT_API = {
  decisions: '/internal/decisions',
  accessLog: '/internal/access-log',
  /** The power in force for one representative and citizen (RepresentationQuestion → RepresentationAnswer). */
  representation: '/internal/representation',
  /** The personal ombuds in force for a citizen ({cpr} → PersonalOmbudsAnswer): the plan invites them to joint meetings. */
  personalOmbuds: '/internal/personal-ombuds',
  /**
   * Server-sent events: `ready` once subscribed, then `change` (data: a CPR, a space, the change's
   * sequence) for every consent change, and a heartbeat comment.
   */
  changes: '/internal/consent-changes',
} as const;

/** How often the change feed sends a heartbeat; a subscriber that hears nothing for three of these has lost it. @default 2000 */
export const CONSENT_FEED_HEARTBEAT_MS = 2_000;

/** The response extension in which the consent subgraph names citizens whose consents changed. */
export const CONSENT_CHANGES_EXTENSION = 'enplanConsentChanges';

/** Which power, if any, lets this representative act for `cpr` now? */
export interface RepresentationQuestion {
  kind: RepresentativeKind;
  ref: string;
  /** The representative's own actor id, carried into the answer. */
  representativeId: string;
  cpr: string;
}

export interface RepresentationAnswer {
  evaluatedAt: number;
  /** As DecisionsResponse's: the newest consent change the answer reflects (powers are numbered with consents). */
  changeSequence: number;
  representation: Representation | null;
  /** The next instant a power of theirs starts or ends; the answer may not be reused past it. */
  nextChangeAt: number | null;
}

export interface PersonalOmbudsAnswer {
  ombuds: Array<{ name: string; organisation: string }>;
}

/** May `recipient` see `owner`'s `category` data about `cpr` for `purpose`? */
export interface DecisionQuestion {
  cpr: string;
  owner: Department;
  recipient: Department;
  category: DataCategory;
  purpose: Purpose;
}

export interface Decision {
  allowed: boolean;
  /** The consent that decided it (the permitting one, or the one whose deny provision applied). */
  consentId: string | null;
  /** Why, for logs and the access log; never shown to the caseworker. */
  reason: string;
  /** Epoch ms after which an allow no longer holds (the consent's validUntil); null for denials. */
  validUntil: number | null;
  /**
   * Epoch ms of the next instant after the evaluation at which any of the citizen's consents starts,
   * ends or is withdrawn; null when none will. No decision, an allow or a denial, may be reused past it.
   */
  nextChangeAt: number | null;
}

export interface DecisionsRequest {
  questions: DecisionQuestion[];
}

export interface DecisionsResponse {
  /** The one instant every decision was evaluated at (epoch ms). */
  evaluatedAt: number;
  /**
   * The sequence of the newest consent change the decisions reflect (every change up to it is in
   * them). Consent changes are numbered by the consent service's store, in commit order, across
   * replicas; the change feed names each change's number, so a cache can refuse a decision made
   * before a change it has heard of, whoever stored it.
   */
  changeSequence: number;
  decisions: Decision[];
}

/**
 * The operation name of the candidate finder's line in a citizen's access log (docs/design.md rule 14).
 * Not a valid GraphQL name (the dot), so no client operation recorded by the gateway can carry it;
 * the citizen is shown the line's reason, which the finder writes in plain Danish.
 */
export const FINDING_LOG_OPERATION = 'finding.check';

/** One cross-department disclosure or denial, as the gateway reports it. */
export interface AccessLogInput {
  actorId: string;
  actorName: string;
  actorDepartment: Department | null;
  cpr: string;
  /** The department whose data it was; null for the joint part of a one plan, which is no one department's. */
  ownerDepartment: Department | null;
  categories: DataCategory[];
  purpose: Purpose;
  decision: 'DISCLOSED' | 'DENIED';
  /** What the actor did (lib/src/accessKind.ts); absent in records from before kinds existed, which read as `READ`. */
  kind?: AccessKind;
  consentId: string | null;
  operationName: string | null;
  reason: string;
  /** The request that caused it (its `x-request-id`), so an auditor can find its log lines and trace. */
  requestId?: string | null;
}

export interface AccessLogRequest {
  entries: AccessLogInput[];
}
