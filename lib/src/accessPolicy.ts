import type { Actor } from './actor';
import type { DecisionQuestion } from './consentApi';
import type { Department } from './departments';
import { departmentCodes } from './registry';

/**
 * The owner of the joint part of a one plan: no one department (rule 9). In the access log
 * its owner is `null`.
 */
export const JOINT_PLAN = Symbol('the joint plan');
export type Owner = Department | typeof JOINT_PLAN;

/** How a request for `owner`'s data about one citizen is decided, before anything is fetched. */
export type AccessRoute =
  /** The actor's own: their department's data, or the citizen's own data. No consent, no record. */
  | { kind: 'own' }
  /** Another department's data (or the joint plan): the citizen's consent decides, and the decision is recorded. */
  | { kind: 'consent'; recipient: Department }
  /**
   * A provider's staff and the joint plan: only the agreements a department assigned to their
   * organisation, and what those need (rule 12). Decided by the plan subgraph, which holds the assignments.
   */
  | { kind: 'assigned'; organisation: string }
  /** Never: the same answer whatever the data (rule 6). */
  | { kind: 'refused'; message: string };
/** A department's data is never assigned: a provider sees only parts of the joint plan. */
type DepartmentRoute = Exclude<AccessRoute, { kind: 'assigned' }>;

/**
 * The access log's operation for a provider's read of the joint plan (rule 12): its reason is written
 * for the citizen to read, naming the organisation and the legal basis.
 */
export const PROVIDER_LOG_OPERATION = 'provider-assignment';

/** The refusal a provider gets for a citizen with no agreement assigned to them: the unknown citizen's. */
export const NO_ROLE_MESSAGE = 'Your role gives no access to case data.';

const NOT_THEIRS: AccessRoute = { kind: 'refused', message: 'A citizen can only see their own data.' };
const NO_ROLE: DepartmentRoute = { kind: 'refused', message: NO_ROLE_MESSAGE };
const NOT_A_CITIZEN: AccessRoute = { kind: 'refused', message: 'Only data about a citizen can be shared.' };
const OWN: AccessRoute = { kind: 'own' };

/**
 * The rules of access (README, "The rules enplan keeps", 1 and 7), in one place for the gateway and
 * the plan subgraph: a caseworker sees their own department's data; another department's data, and
 * the joint plan, only under consent; a citizen sees their own; nobody else sees case data.
 * `cpr` is the citizen the data is about, as the caller holds it (unknown: it may come off the wire).
 * A provider's staff reach only the joint plan, and there only what is assigned to them (rule 12).
 */
export function accessRoute(actor: Actor, owner: Department, cpr: unknown): DepartmentRoute;
export function accessRoute(actor: Actor, owner: Owner, cpr: unknown): AccessRoute;
export function accessRoute(actor: Actor, owner: Owner, cpr: unknown): AccessRoute {
  if (actor.role === 'CITIZEN') return cpr === actor.cpr ? OWN : NOT_THEIRS;
  if (actor.role === 'PROVIDER')
    return owner === JOINT_PLAN && typeof cpr === 'string' ? { kind: 'assigned', organisation: actor.organisation } : NO_ROLE;
  if (actor.role !== 'CASEWORKER') return NO_ROLE;
  if (owner === actor.department) return OWN;
  // Only a citizen's data can be shared under consent: anything without a CPR is never asked about.
  if (typeof cpr !== 'string') return NOT_A_CITIZEN;
  return { kind: 'consent', recipient: actor.department };
}

/**
 * The consent questions that make `recipient` a party to `cpr`'s joint plan: may it see another
 * department's PLAN data? A party if any answer allows (see `isJointPlanParty`).
 */
export function jointPlanQuestions(cpr: string, recipient: Department): DecisionQuestion[] {
  return departmentCodes()
    .filter((owner) => owner !== recipient)
    .map((owner) => ({
      cpr,
      owner,
      recipient,
      category: 'PLAN',
      purpose: 'ONE_PLAN',
    }));
}

export function isJointPlanParty(decisions: ReadonlyArray<{ allowed: boolean }>): boolean {
  return decisions.some((d) => d.allowed);
}
