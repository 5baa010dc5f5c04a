import { z } from 'zod';

/**
 * Powers of representation (docs/design.md rule 13, after Digital Fuldmagt): what a citizen lets a
 * representative do for them, each named, from one date until another, revocable at once.
 */
export const POWERS = [
  /** Read my plan: every department's section and the joint part. */
  'READ_PLAN',
  /** Read who saw my data (the access log). */
  'READ_ACCESS_LOG',
  /** Give, withdraw and read my consents. */
  'MANAGE_CONSENTS',
  /** Ask for a plan, follow the request, and answer (agree to) the plan. */
  'REQUEST_PLAN',
  /** Write in my plan as me (my own goals). */
  'WRITE_PLAN',
  /** Receive my inbox (receipts and notifications). */
  'RECEIVE_INBOX',
  /** Complain for me about my joint decision (a legal act of its own: given by name, never implied by another power). */
  'FILE_COMPLAINT',
] as const;
export type Power = (typeof POWERS)[number];

/**
 * Who may represent: a person by their own CPR (signing in as a citizen), or a personal ombud
 * (signing in as staff of their organisation, by id).
 */
export const REPRESENTATIVE_KINDS = ['PERSON', 'PERSONAL_OMBUD'] as const;
export type RepresentativeKind = (typeof REPRESENTATIVE_KINDS)[number];

/** The request header in which a signed-in representative names the citizen they act for (a CPR). */
export const ACT_FOR_HEADER = 'x-act-for';

/**
 * What the gateway verified with the consent service for one request: the power in force, and who
 * holds it. Carried inside the CITIZEN actor of the signed assertion, so every subgraph sees both
 * the represented citizen (the actor's `cpr`) and the representative.
 */
export const representationSchema = z.strictObject({
  powerId: z.string().min(1),
  kind: z.enum(REPRESENTATIVE_KINDS),
  /** The representative's own actor id (their token's `sub`). */
  representativeId: z.string().min(1),
  representativeName: z.string(),
  /** The ombud's organisation; null for a person. */
  organisation: z.string().nullable(),
  /** The represented citizen's name, for "X on behalf of Y". */
  citizenName: z.string(),
  powers: z.array(z.enum(POWERS)).min(1),
});
export type Representation = z.infer<typeof representationSchema>;

/** How a representative is named to the consent service: a person's CPR, or an ombud's staff id. */
export interface RepresentativeRef {
  kind: RepresentativeKind;
  /** A CPR for PERSON, a staff id for PERSONAL_OMBUD. */
  ref: string;
}

const ON_BEHALF_OF = ' on behalf of ';

/** "Sara Holm on behalf of Lars Holm": how every record names a representative's act. */
export function onBehalfOf(representativeName: string, citizenName: string): string {
  return `${representativeName}${ON_BEHALF_OF}${citizenName}`;
}

/**
 * The two names of a record's "X on behalf of Y" (the inverse of onBehalfOf), so a reader's app
 * can say it in the reader's language; undefined for someone who acted as themself. Only for records
 * of no department (a representative acts as the citizen): a caseworker's name is never read as one.
 */
export function namesOnBehalfOf(
  actorName: string,
  actorDepartment: string | null,
): { representativeName: string; representedName: string } | undefined {
  const at = actorName.lastIndexOf(ON_BEHALF_OF);
  if (actorDepartment !== null || at <= 0 || at + ON_BEHALF_OF.length >= actorName.length) return undefined;
  return { representativeName: actorName.slice(0, at), representedName: actorName.slice(at + ON_BEHALF_OF.length) };
}

/** The same in Danish, as the citizen reads it: "Sara Holm på vegne af Lars Holm". */
export function paaVegneAf(representativeName: string, citizenName: string): string {
  return `${representativeName} på vegne af ${citizenName}`;
}

/**
 * What a representative needs to select each field of the public graph that is the citizen's
 * (schema coordinates). A field of `Query`, `Mutation` or `Citizen` missing here is refused to every
 * representative (fail closed: a new field is no one's to use on the citizen's behalf until it is
 * listed); `null` needs no power. Any Citizen field with a data category (a department's section)
 * needs READ_PLAN. Nested fields go with the field they are under.
 */
const POWER_OF_FIELD: Readonly<Record<string, Power | null>> = {
  'Query.citizen': null,
  'Query.citizens': null,
  'Query.finding': null,
  'Citizen.cpr': null,
  'Citizen.plan': 'READ_PLAN',
  'Citizen.accessLog': 'READ_ACCESS_LOG',
  'Citizen.consents': 'MANAGE_CONSENTS',
  'Citizen.inbox': 'RECEIVE_INBOX',
  'Citizen.planRequests': 'REQUEST_PLAN',
  'Mutation.giveConsent': 'MANAGE_CONSENTS',
  'Mutation.withdrawConsent': 'MANAGE_CONSENTS',
  'Mutation.requestOnePlan': 'REQUEST_PLAN',
  'Mutation.cancelPlanRequest': 'REQUEST_PLAN',
  'Mutation.activateOnePlan': 'REQUEST_PLAN',
  'Mutation.setCitizenGoals': 'WRITE_PLAN',
  'Mutation.fileComplaint': 'FILE_COMPLAINT',
};

/** The types whose fields the table above governs. */
export const REPRESENTED_ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Citizen']);

/**
 * The power a representative needs for `type.field`: a power, `null` for none, or `'never'`.
 * `hasCategory`: the field carries a department's data category (lib/src/categoryClassifier.ts).
 */
export function powerForField(type: string, field: string, hasCategory: boolean): Power | null | 'never' {
  const coordinate = `${type}.${field}`;
  if (coordinate in POWER_OF_FIELD) return POWER_OF_FIELD[coordinate] ?? null;
  if (type === 'Citizen' && hasCategory) return 'READ_PLAN';
  return 'never';
}
