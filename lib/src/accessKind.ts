import type { DataCategory } from './departments';

/**
 * What an access-log entry records the actor doing, derived from what was fetched (never from the
 * operation name a client chooses):
 * - `OVERVIEW`: saw, in a list, that the citizen has a case or a plan and its status;
 * - `READ`: opened the data itself;
 * - `CHANGE`: changed the joint plan.
 */
export const ACCESS_KINDS = ['OVERVIEW', 'READ', 'CHANGE'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export function isAccessKind(value: unknown): value is AccessKind {
  return (ACCESS_KINDS as readonly unknown[]).includes(value);
}

/** Of two records of one disclosure, the kind that says more (a read that also listed says "read"). */
export function strongerAccessKind(a: AccessKind, b: AccessKind): AccessKind {
  return ACCESS_KINDS.indexOf(a) >= ACCESS_KINDS.indexOf(b) ? a : b;
}

/**
 * A department's data: `CASE` alone (that a case exists, its status and caseworker) is what an
 * overview shows; any other category is the data itself.
 */
export function departmentAccessKind(categories: readonly DataCategory[]): AccessKind {
  return categories.length > 0 && categories.every((c) => c === 'CASE') ? 'OVERVIEW' : 'READ';
}
