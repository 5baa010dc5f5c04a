import {
  DATA_CATEGORIES,
  departmentAccessKind,
  type AccessLogInput,
  type CitizenCoverage,
  type DataCategory,
  type Department,
} from '@enplan/lib';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { DecisionSet } from '../consent/DecisionCache';
import { withOperationName, type DeniedField, type EntityFetch, type Requirement } from './EntityFetch';

/** One `_entities` representation as the query planner sends it. */
export interface Representation {
  __typename: string;
  cpr?: unknown;
  [key: string]: unknown;
}

/** The error a field is answered with, by what it would have needed. */
export type ErrorFor = (missing: readonly Requirement[]) => GraphQLError;

/** What the gateway decided for one citizen of a fetch, before anything is sent. */
export type Verdict =
  /** Own data (own department, or the citizen themself): send the fetch as planned. */
  | { kind: 'whole' }
  /** Another department's data: send only what the consent covers. */
  | { kind: 'consent'; allowed: ReadonlySet<Requirement>; allowedKey: string; decisions: DecisionSet }
  /** Send nothing; every requested field is null with this error. */
  | { kind: 'refused'; error: ErrorFor };

/** Everything the planner needs: the fetch, the verdicts, and who asks (for the access log). */
export interface FetchPlanInput {
  fetch: EntityFetch;
  /** The query planner's own query and operation name: sent as is for whole verdicts. */
  query: string;
  operationName: string | undefined;
  representations: readonly Representation[];
  verdicts: readonly Verdict[];
  owner: Department;
  actor: { id: string; name: string; department: Department | null };
  /** The client's operation name, for the access log. */
  clientOperationName: string | null;
  errors: {
    consentRequired: ErrorFor;
    departmentUnavailable: ErrorFor;
    /** The access log could not be written: the data is withheld. */
    notRecorded: ErrorFor;
  };
}

/** One request to the subgraph: these citizens (indexes into the representations), this query. */
export interface Send {
  query: string;
  indexes: number[];
  /** What the gateway allowed each of these citizens: every field (`ALL`, own data) or these categories. */
  allowed: 'ALL' | readonly Requirement[];
  /** Per CPR, for citizens sent under consent: what it covers and which consent, signed into the call (the department checks it). */
  coverage?: Map<string, CitizenCoverage>;
}

/** What to do with a fetch, decided before anything is sent. */
export interface FetchPlan {
  sends: readonly Send[];
  /** Citizens answered at once, without asking the subgraph. */
  refusals: ReadonlyArray<{ index: number; error: ErrorFor }>;
  /** Denials to record whatever happens next. */
  denials: readonly AccessLogInput[];
  /** Disclosures to record once their data has arrived (undefined: nothing but keys disclosed). */
  disclosures: ReadonlyMap<number, AccessLogInput | undefined>;
  /** Fields to answer with null and an error after the data arrives (a nested field the consent does not cover). */
  deniedAfterFetch: ReadonlyMap<number, readonly DeniedField[]>;
}

/** What came back for one `Send`, in its order. */
export type SendOutcome = { ok: true; entities: readonly unknown[]; errors: readonly GraphQLFormattedError[] } | { ok: false };

const PURPOSE = 'ONE_PLAN';
const NOTHING_ALLOWED: ReadonlySet<Requirement> = new Set();

/** Decides what to send for each citizen of an entity fetch, what to answer at once, and what to record. Pure. */
export function planFetch(input: FetchPlanInput): FetchPlan {
  const { fetch, representations, verdicts } = input;
  const sends = new Map<string, Send>();
  const refusals: Array<{ index: number; error: ErrorFor }> = [];
  const denials: AccessLogInput[] = [];
  const disclosures = new Map<number, AccessLogInput | undefined>();
  const deniedAfterFetch = new Map<number, readonly DeniedField[]>();
  const addTo = (key: string, query: string, allowed: Send['allowed'], index: number): Send => {
    let send = sends.get(key);
    if (send) send.indexes.push(index);
    else sends.set(key, (send = { query, indexes: [index], allowed }));
    return send;
  };

  verdicts.forEach((verdict, i) => {
    const rep = representations[i] as Representation;
    if (verdict.kind === 'refused') return void refusals.push({ index: i, error: verdict.error });
    if (verdict.kind === 'whole') return void addTo('whole', input.query, 'ALL', i);
    const pruned = fetch.prune(verdict.allowed, verdict.allowedKey);
    const typeFetch = pruned.byType.get(rep.__typename);
    const record = (decision: AccessLogInput['decision'], categories: readonly DataCategory[]): AccessLogInput => ({
      actorId: input.actor.id,
      actorName: input.actor.name,
      actorDepartment: input.actor.department,
      cpr: String(rep.cpr),
      ownerDepartment: input.owner,
      categories: [...categories],
      purpose: PURPOSE,
      decision,
      kind: departmentAccessKind(categories),
      consentId: categories.map((c) => verdict.decisions[c].consentId).find((id) => id !== null) ?? null,
      operationName: input.clientOperationName,
      reason: [...new Set(categories.map((c) => verdict.decisions[c].reason))].join('; '),
    });
    if (typeFetch && typeFetch.deniedCategories.length > 0) denials.push(record('DENIED', typeFetch.deniedCategories));
    if (!typeFetch?.sendable) return void refusals.push({ index: i, error: input.errors.consentRequired });
    disclosures.set(i, typeFetch.disclosed.length > 0 ? record('DISCLOSED', typeFetch.disclosed) : undefined);
    deniedAfterFetch.set(i, typeFetch.denied);
    const send = addTo(verdict.allowedKey, withOperationName(pruned.query, input.operationName), [...verdict.allowed].sort(), i);
    const categories = DATA_CATEGORIES.filter((c) => verdict.allowed.has(c));
    const consentId = categories.map((c) => verdict.decisions[c].consentId).find((id) => id !== null) ?? null;
    (send.coverage ??= new Map()).set(String(rep.cpr), { categories, consentId });
  });
  return { sends: [...sends.values()], refusals, denials, disclosures, deniedAfterFetch };
}

/** The records to write once the sends are back: every denial, and the disclosures whose data arrived. Pure. */
export function recordsToWrite(plan: FetchPlan, outcomes: readonly SendOutcome[]): AccessLogInput[] {
  const failed = new Set(plan.sends.flatMap((send, k) => (outcomes[k]?.ok ? [] : send.indexes)));
  const arrived = [...plan.disclosures].flatMap(([i, record]) => (record && !failed.has(i) ? [record] : []));
  return [...plan.denials, ...arrived];
}

/** The `_entities` answer: what arrived, with null and an error wherever the plan or a failure says so. Pure. */
export function answerFetch(
  input: FetchPlanInput,
  plan: FetchPlan,
  outcomes: readonly SendOutcome[],
  recorded: boolean,
): { data: { _entities: unknown[] }; errors?: GraphQLFormattedError[] } {
  const entities: unknown[] = new Array(input.representations.length).fill(null);
  const responseErrors: GraphQLFormattedError[] = [];
  const afterFetch = new Map(plan.deniedAfterFetch);
  const refuse = (i: number, error: ErrorFor) => {
    const rep = input.representations[i] as Representation;
    afterFetch.delete(i); // every field gets this one error, none a second
    const all = input.fetch.prune(NOTHING_ALLOWED, '').byType.get(rep.__typename)?.denied ?? [];
    const entity: Record<string, unknown> = { __typename: rep.__typename };
    for (const denied of all) {
      entity[denied.path[0] as string] = null;
      responseErrors.push(formatted(error(denied.missing), ['_entities', i, ...denied.path]));
    }
    entities[i] = entity;
  };

  for (const { index, error } of plan.refusals) refuse(index, error);
  const disclosed = new Set(plan.disclosures.keys());
  plan.sends.forEach((send, k) => {
    const outcome = outcomes[k];
    if (!outcome?.ok) {
      for (const i of send.indexes) {
        refuse(i, input.errors.departmentUnavailable);
        disclosed.delete(i); // nothing arrived, so nothing was disclosed
      }
      return;
    }
    send.indexes.forEach((i, j) => {
      entities[i] = outcome.entities[j] ?? null;
    });
    // Subgraph errors point at positions in the send; move them to the citizen's position in the fetch.
    for (const error of outcome.errors) {
      const path = error.path;
      responseErrors.push(
        path?.[0] === '_entities' && typeof path[1] === 'number'
          ? { ...error, path: ['_entities', send.indexes[path[1]] as number, ...path.slice(2)] }
          : error,
      );
    }
  });

  if (!recorded) {
    // No disclosure without a record: the data is withheld.
    for (const i of disclosed) refuse(i, input.errors.notRecorded);
  } else {
    for (const [i, denied] of afterFetch) {
      for (const field of denied) {
        for (const path of concretePaths(entities[i], field.path)) {
          setAt(entities[i], path);
          responseErrors.push(formatted(input.errors.consentRequired(field.missing), ['_entities', i, ...path]));
        }
      }
    }
  }
  return { data: { _entities: entities }, ...(responseErrors.length > 0 && { errors: responseErrors }) };
}

function formatted(error: GraphQLError, path: ReadonlyArray<string | number>): GraphQLFormattedError {
  return { message: error.message, path: [...path], extensions: error.extensions };
}

/** Every concrete response path (list indexes filled in) at which `path` exists in `data`. */
function concretePaths(
  data: unknown,
  path: readonly string[],
  prefix: Array<string | number> = [],
): Array<Array<string | number>> {
  if (data === null || data === undefined) return [];
  if (Array.isArray(data)) return data.flatMap((item, i) => concretePaths(item, path, [...prefix, i]));
  const [head, ...rest] = path;
  if (head === undefined) return [prefix];
  if (rest.length === 0) return [[...prefix, head]];
  return concretePaths((data as Record<string, unknown>)[head], rest, [...prefix, head]);
}

function setAt(data: unknown, path: ReadonlyArray<string | number>): void {
  let node = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string] = null;
}
