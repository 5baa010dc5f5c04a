import type { DataCategory, Department, Purpose } from './departments';

/**
 * The consent service's internal API, called by the gateway and the plan subgraph (JSON over HTTP,
 * signed as a SERVICE actor). Not part of the public graph.
 */
export const CONSENT_API = {
  decisions: '/internal/decisions',
  accessLog: '/internal/access-log',
} as const;

/** The response extension in which the consent subgraph names citizens whose consents changed. */
export const CONSENT_CHANGES_EXTENSION = 'enplanConsentChanges';

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
  decisions: Decision[];
}

/** One cross-department disclosure or denial, as the gateway reports it. */
export interface AccessLogInput {
  actorId: string;
  actorName: string;
  actorDepartment: Department | null;
  cpr: string;
  ownerDepartment: Department;
  categories: DataCategory[];
  purpose: Purpose;
  decision: 'DISCLOSED' | 'DENIED';
  consentId: string | null;
  operationName: string | null;
  reason: string;
}

export interface AccessLogRequest {
  entries: AccessLogInput[];
}
