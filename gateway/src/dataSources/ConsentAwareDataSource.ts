import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  DATA_CATEGORIES,
  errors,
  type AccessLogInput,
  type Actor,
  type CitizenCoverage,
  type DataCategory,
  type Department,
  type Logger,
} from '@enplan/lib';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { AccessLogWriter } from '../consent/AccessLogWriter';
import type { DecisionSet } from '../consent/DecisionCache';
import type { GatewayContext } from '../context';
import { UNCLASSIFIED, withOperationName, type DeniedField, type EntityFetchCache, type Requirement } from '../enforcement/EntityFetch';
import { SignedActorDataSource, type CallSigning } from './SignedActorDataSource';

interface Representation {
  __typename: string;
  cpr?: unknown;
  [key: string]: unknown;
}

/** What the gateway decided for one citizen of a fetch, before anything is sent. */
type Verdict =
  /** Own data (own department, or the citizen themself): send the fetch as planned. */
  | { kind: 'whole' }
  /** Another department's data: send only what the consent covers. */
  | { kind: 'consent'; allowed: ReadonlySet<Requirement>; allowedKey: string; decisions: DecisionSet }
  /** Send nothing; every requested field is null with this error. */
  | { kind: 'refused'; error: (missing: readonly Requirement[]) => GraphQLError };

interface Group {
  query: string;
  indexes: number[];
  /** For citizens sent under consent: what it covers, signed into the call (the department checks it). */
  coverage?: Map<string, CitizenCoverage>;
}

const PURPOSE = 'ONE_PLAN';
const NOTHING_ALLOWED: ReadonlySet<Requirement> = new Set();

function formatted(error: GraphQLError, path: ReadonlyArray<string | number>): GraphQLFormattedError {
  return { message: error.message, path: [...path], extensions: error.extensions };
}

/** Every concrete response path (list indexes filled in) at which `path` exists in `data`. */
function concretePaths(data: unknown, path: readonly string[], prefix: Array<string | number> = []): Array<Array<string | number>> {
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

/**
 * The one place consent is enforced: the data source of a department subgraph. For every entity
 * fetch it decides per citizen *before* sending, sends each citizen only the fields their consent
 * covers (or nothing), records every cross-department disclosure and denial in the access log, and
 * answers denied fields with `null` and an error at their exact path.
 */
export class ConsentAwareDataSource extends SignedActorDataSource {
  private readonly consentRequiredErrors = new Map<string, GraphQLError>();

  constructor(
    url: string,
    signing: CallSigning,
    timeoutMs: number,
    private readonly department: Department,
    private readonly fetches: EntityFetchCache,
    private readonly accessLog: AccessLogWriter,
    private readonly logger: Logger,
  ) {
    super(department, url, signing, timeoutMs);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return super.process(options);
    const { actor } = options.context;
    const fetch = this.fetches.get(options.request.query ?? '');
    if (!fetch.isEntityFetch) {
      // A department's root fields serve that department only: they cannot be related to one citizen's consent.
      if (actor.role === 'CASEWORKER' && actor.department === this.department) return this.send(options, options.request.query ?? '');
      return { data: null, errors: [errors.forbidden(`Only ${this.department} caseworkers may use this.`).toJSON()] };
    }

    const representations = (options.request.variables?.representations ?? []) as Representation[];
    // Before any await, so the sibling fetches of this plan step all count as in flight.
    this.accessLog.begin(options.context);
    const verdicts = await this.decide(actor, representations, options.context).catch((error: unknown) => {
      void this.accessLog.write(options.context, []);
      throw error;
    });
    const entities: unknown[] = new Array(representations.length).fill(null);
    const responseErrors: GraphQLFormattedError[] = [];
    const groups = new Map<string, Group>();
    const logEntries: AccessLogInput[] = [];
    /** Citizens whose data will be fetched, with the record of that disclosure (written once it arrived). */
    const disclosing = new Map<number, AccessLogInput | undefined>();
    const deniedAfterFetch = new Map<number, readonly DeniedField[]>();

    const refuse = (i: number, error: (missing: readonly Requirement[]) => GraphQLError) => {
      const rep = representations[i] as Representation;
      deniedAfterFetch.delete(i); // every field gets this one error, none a second
      const all = fetch.prune(NOTHING_ALLOWED, '').byType.get(rep.__typename)?.denied ?? [];
      const entity: Record<string, unknown> = { __typename: rep.__typename };
      for (const denied of all) {
        entity[denied.path[0] as string] = null;
        responseErrors.push(formatted(error(denied.missing), ['_entities', i, ...denied.path]));
      }
      entities[i] = entity;
    };
    const consentRequired = (missing: readonly Requirement[]) => this.consentRequired(missing);

    verdicts.forEach((verdict, i) => {
      const rep = representations[i] as Representation;
      if (verdict.kind === 'refused') return refuse(i, verdict.error);
      if (verdict.kind === 'whole') return this.addToGroup(groups, 'whole', options.request.query ?? '', i);
      const pruned = fetch.prune(verdict.allowed, verdict.allowedKey);
      const typeFetch = pruned.byType.get(rep.__typename);
      const entry = (decision: 'DISCLOSED' | 'DENIED', categories: readonly DataCategory[]): AccessLogInput => ({
        actorId: actor.id,
        actorName: actor.name,
        actorDepartment: actor.role === 'CASEWORKER' ? actor.department : null,
        cpr: String(rep.cpr),
        ownerDepartment: this.department,
        categories: [...categories],
        purpose: PURPOSE,
        decision,
        consentId: categories.map((c) => verdict.decisions[c].consentId).find((id) => id !== null) ?? null,
        operationName: options.context.operationName,
        reason: [...new Set(categories.map((c) => verdict.decisions[c].reason))].join('; '),
      });
      if (typeFetch && typeFetch.deniedCategories.length > 0) logEntries.push(entry('DENIED', typeFetch.deniedCategories));
      if (!typeFetch?.sendable) return refuse(i, consentRequired);
      disclosing.set(i, typeFetch.disclosed.length > 0 ? entry('DISCLOSED', typeFetch.disclosed) : undefined);
      deniedAfterFetch.set(i, typeFetch.denied);
      const group = this.addToGroup(groups, verdict.allowedKey, withOperationName(pruned.query, options.request.operationName), i);
      const categories = DATA_CATEGORIES.filter((c) => verdict.allowed.has(c));
      const consentId = categories.map((c) => verdict.decisions[c].consentId).find((id) => id !== null) ?? null;
      (group.coverage ??= new Map()).set(String(rep.cpr), { categories, consentId });
    });

    const results = await Promise.all([...groups.values()].map((group) => this.sendGroup(options, group, representations)));
    for (const result of results) {
      if (result.kind === 'failed') {
        for (const i of result.group.indexes) {
          refuse(i, () => errors.departmentUnavailable(this.department));
          disclosing.delete(i); // nothing arrived, so nothing was disclosed
        }
        continue;
      }
      result.group.indexes.forEach((i, j) => {
        entities[i] = result.entities[j] ?? null;
      });
      responseErrors.push(...result.errors);
    }

    // No disclosure without a record: written after the data arrived (so the log holds only what was
    // really disclosed) and before it is returned; if the write fails, the data is withheld.
    for (const disclosure of disclosing.values()) if (disclosure) logEntries.push(disclosure);
    const logWritten = await this.accessLog.write(options.context, logEntries).then(
      () => true,
      (error: unknown) => {
        this.logger.error('access log write failed; withholding cross-department data', { department: this.department, message: String(error) });
        return false;
      },
    );
    if (!logWritten) {
      for (const i of disclosing.keys()) refuse(i, () => errors.consentUnavailable(this.department, 'the access log could not be written.'));
    } else {
      for (const [i, denied] of deniedAfterFetch) {
        for (const field of denied) {
          for (const path of concretePaths(entities[i], field.path)) {
            setAt(entities[i], path);
            responseErrors.push(formatted(consentRequired(field.missing), ['_entities', i, ...path]));
          }
        }
      }
    }
    return { data: { _entities: entities }, ...(responseErrors.length > 0 && { errors: responseErrors }) };
  }

  /** One error per set of missing categories, reused: a denied caseload repeats the same few many times. */
  private consentRequired(missing: readonly Requirement[]): GraphQLError {
    const key = missing.join(',');
    let error = this.consentRequiredErrors.get(key);
    if (!error) {
      const categories = missing.filter((m): m is DataCategory => m !== UNCLASSIFIED);
      error =
        categories.length > 0
          ? errors.consentRequired(this.department, categories)
          : errors.forbidden('This field has no data category, so it is never shared across departments.');
      this.consentRequiredErrors.set(key, error);
    }
    return error;
  }

  private addToGroup(groups: Map<string, Group>, key: string, query: string, index: number): Group {
    const group = groups.get(key);
    if (group) {
      group.indexes.push(index);
      return group;
    }
    const created = { query, indexes: [index] };
    groups.set(key, created);
    return created;
  }

  /** Decides every citizen of the fetch; cross-department questions go to the consent service in one batch. */
  private async decide(actor: Actor, representations: readonly Representation[], context: GatewayContext): Promise<Verdict[]> {
    const forbidden = (message: string): Verdict => ({ kind: 'refused', error: () => errors.forbidden(message) });
    const whole: Verdict = { kind: 'whole' };
    if (actor.role === 'CITIZEN') {
      const notTheirs = forbidden('A citizen can only see their own data.');
      return representations.map((r) => (r.cpr === actor.cpr ? whole : notTheirs));
    }
    if (actor.role !== 'CASEWORKER') return representations.map(() => forbidden('Your role gives no access to case data.'));
    if (actor.department === this.department) return representations.map(() => whole);

    // Only a citizen's data can be shared under consent: anything without a CPR is never asked about.
    const notACitizen = forbidden('Only data about a citizen can be shared.');
    const citizens = representations.flatMap((r, i) => (typeof r.cpr === 'string' ? [{ i, cpr: r.cpr }] : []));
    const results = await context.decisions.loadMany(
      citizens.map(({ cpr }) => ({ cpr, owner: this.department, recipient: actor.department, purpose: PURPOSE })),
    );
    const verdicts: Verdict[] = representations.map(() => notACitizen);
    const unavailable: Verdict = { kind: 'refused', error: () => errors.consentUnavailable(this.department, 'consent could not be checked.') };
    const byAllowedSet = new Map<string, ReadonlySet<Requirement>>();
    let failure: Error | undefined;
    results.forEach((result, k) => {
      const { i } = citizens[k] as { i: number };
      if (result instanceof Error) {
        failure = result;
        verdicts[i] = unavailable;
        return;
      }
      const allowedKey = DATA_CATEGORIES.filter((c) => result[c].allowed).join(',');
      let allowed = byAllowedSet.get(allowedKey);
      if (!allowed) {
        allowed = new Set(allowedKey ? (allowedKey.split(',') as Requirement[]) : []);
        byAllowedSet.set(allowedKey, allowed);
      }
      verdicts[i] = { kind: 'consent', allowed, allowedKey, decisions: result };
    });
    if (failure) this.logger.warn('consent undecidable; failing closed', { department: this.department, message: failure.message });
    return verdicts;
  }

  private async sendGroup(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    group: Group,
    representations: readonly Representation[],
  ): Promise<{ kind: 'ok'; group: Group; entities: unknown[]; errors: GraphQLFormattedError[] } | { kind: 'failed'; group: Group }> {
    const subset = group.indexes.map((i) => representations[i]);
    const response = await this.send(
      { ...options, request: { ...options.request, variables: { ...options.request.variables, representations: subset } } },
      group.query,
      group.coverage,
    ).catch((error: unknown) => {
      this.logger.warn('department subgraph failed', { department: this.department, message: String(error) });
      return undefined;
    });
    const received = (response?.data as { _entities?: unknown[] } | null | undefined)?._entities;
    if (!response || !Array.isArray(received) || received.length !== subset.length) return { kind: 'failed', group };
    // Subgraph errors point at positions in the subset; move them to the citizen's position in the fetch.
    const remapped = (response.errors ?? []).map((error) => {
      const path = error.path;
      if (path?.[0] === '_entities' && typeof path[1] === 'number') {
        return { ...error, path: ['_entities', group.indexes[path[1]] as number, ...path.slice(2)] };
      }
      return error;
    });
    return { kind: 'ok', group, entities: received, errors: remapped };
  }

  private send(options: GraphQLDataSourceProcessOptions<GatewayContext>, query: string, coverage?: Map<string, CitizenCoverage>): Promise<GatewayGraphQLResponse> {
    const covered = { ...options, request: { ...options.request, query } };
    return coverage ? this.processCovered(covered, coverage) : super.process(covered);
  }
}
