import { tryParseCpr, type Cpr } from './cpr';
import { isDepartment, type Department } from './departments';
import { organisationOf, providerOrganisation } from './registry';
import { representationSchema, type Representation } from './representation';

/** Who is asking, as the gateway established it from the caller's token. */
export type Actor =
  /**
   * `organisation`: the data controller whose staff they are (docs/design.md, "Identity"), always the
   * registry's organisation of their department: set by `toActor`, never taken on a token's word.
   */
  | { role: 'CASEWORKER'; id: string; name: string; department: Department; organisation?: string }
  /**
   * The citizen, or a representative acting for them (docs/design.md rule 13): then `cpr` is the
   * represented citizen's, `id` and `name` the representative's ("Sara Holm on behalf of Lars Holm"),
   * and `representation` the verified power; the rules apply as if the citizen asked, within its powers.
   */
  | { role: 'CITIZEN'; id: string; name: string; cpr: Cpr; representation?: Representation }
  /** A personal ombud (staff of an organisation): sees nothing as themself, only acting for a citizen. */
  | { role: 'OMBUD'; id: string; name: string; organisation: string }
  /** Reads access logs for oversight; sees no case data. */
  | { role: 'AUDITOR'; id: string; name: string }
  /**
   * The municipality's coordinating function (docs/design.md rule 14): sees the candidate finder's
   * candidates as a masked CPR and a count, and may only invite them. Sees no case data.
   */
  | { role: 'COORDINATOR'; id: string; name: string }
  /**
   * Staff of a provider (docs/design.md rule 12): a botilbud or støttetilbud carrying out measures of
   * the plan. No department: the rules of access give them no case data, consent or log of anyone.
   */
  | { role: 'PROVIDER'; id: string; name: string; organisation: string }
  /** The gateway itself, calling a subgraph's internal API (consent decisions, access log). */
  | { role: 'SERVICE'; id: string; name: string };

/** Narrows untrusted JSON to an Actor, or undefined. */
export function toActor(value: unknown): Actor | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '' || typeof v.name !== 'string') return undefined;
  const { id, name } = v;
  switch (v.role) {
    case 'CASEWORKER': {
      if (!isDepartment(v.department)) return undefined;
      // A claimed organisation must be the department's own: region staff cannot pass as the municipality's, nor the reverse.
      const organisation = organisationOf(v.department)?.code;
      if (v.organisation !== undefined && v.organisation !== organisation) return undefined;
      return { role: 'CASEWORKER', id, name, department: v.department, organisation };
    }
    case 'CITIZEN': {
      const parsed = tryParseCpr(v.cpr);
      if (!parsed) return undefined;
      if (v.representation === undefined) return { role: 'CITIZEN', id, name, cpr: parsed.cpr };
      const representation = representationSchema.safeParse(v.representation);
      return representation.success
        ? { role: 'CITIZEN', id, name, cpr: parsed.cpr, representation: representation.data }
        : undefined;
    }
    case 'OMBUD':
      return typeof v.organisation === 'string' && v.organisation !== ''
        ? { role: 'OMBUD', id, name, organisation: v.organisation }
        : undefined;
    case 'PROVIDER':
      return providerOrganisation(v.organisation)
        ? { role: 'PROVIDER', id, name, organisation: v.organisation as string }
        : undefined;
    case 'AUDITOR':
    case 'COORDINATOR':
    case 'SERVICE':
      return { role: v.role, id, name };
    default:
      return undefined;
  }
}

/** A short description for logs: never a whole CPR. */
export function describeActor(actor: Actor): string {
  return actor.role === 'CASEWORKER' ? `${actor.id} (${actor.department})` : `${actor.id} (${actor.role})`;
}
