import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  DATA_CATEGORIES,
  accessRoute,
  errors,
  type Actor,
  type CitizenCoverage,
  type DataCategory,
  type Department,
  type Logger,
} from '@enplan/lib';
import type { GraphQLError } from 'graphql';
import type { AccessLogSession, AccessLogWriter } from '../consent/AccessLogWriter';
import type { GatewayContext } from '../context';
import { UNCLASSIFIED, type EntityFetch, type EntityFetchCache, type Requirement } from '../enforcement/EntityFetch';
import {
  answerFetch,
  planFetch,
  recordsToWrite,
  type FetchPlanInput,
  type Representation,
  type Send,
  type SendOutcome,
  type Verdict,
} from '../enforcement/FetchPlanner';
import { EntityFetchBatcher } from './EntityFetchBatcher';
import { SignedActorDataSource, type CallSigning } from './SignedActorDataSource';

const PURPOSE = 'ONE_PLAN';

/**
 * The one place consent is enforced: the data source of a department subgraph. For every entity
 * fetch it decides per citizen *before* sending (the rules of access, then the consent service),
 * lets the pure fetch planner (enforcement/FetchPlanner.ts) say what to send, what to answer with
 * null and which error, and what to record; it does the I/O around that: the sends, the access-log
 * write, and the answer.
 */
export class ConsentAwareDataSource extends SignedActorDataSource {
  private readonly consentRequiredErrors = new Map<string, GraphQLError>();
  /** A request's sibling entity fetches to this department, sent as one call. */
  private readonly batcher = new EntityFetchBatcher((options, coverage) => this.transmit(options, coverage));
  private readonly planErrors: FetchPlanInput['errors'] = {
    consentRequired: (missing) => this.consentRequired(missing),
    departmentUnavailable: () => errors.departmentUnavailable(this.department),
    notRecorded: () => errors.consentUnavailable(this.department, 'the access log could not be written.'),
  };

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
      if (actor.role === 'CASEWORKER' && actor.department === this.department) return this.transmit(options);
      return { data: null, errors: [errors.forbidden(`Only ${this.department} caseworkers may use this.`).toJSON()] };
    }

    // Before any await, so the sibling fetches of this plan step all count as in flight.
    const session = this.accessLog.open(options.context);
    try {
      return await this.processEntityFetch(options, options.context, fetch, session);
    } finally {
      session.close();
    }
  }

  private async processEntityFetch(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    context: GatewayContext,
    fetch: EntityFetch,
    session: AccessLogSession,
  ): Promise<GatewayGraphQLResponse> {
    const { actor } = context;
    const representations = (options.request.variables?.representations ?? []) as Representation[];
    const verdicts = await this.decide(actor, representations, context);
    const input: FetchPlanInput = {
      fetch,
      query: options.request.query ?? '',
      operationName: options.request.operationName,
      representations,
      verdicts,
      owner: this.department,
      actor: { id: actor.id, name: actor.name, department: actor.role === 'CASEWORKER' ? actor.department : null },
      clientOperationName: context.operationName,
      errors: this.planErrors,
    };
    const plan = planFetch(input);
    const outcomes = await Promise.all(plan.sends.map((send) => this.sendOne(options, send, representations)));
    // No disclosure without a record: written after the data arrived (so the log holds only what was
    // really disclosed) and before it is returned; if the write fails, the data is withheld.
    const recorded = await session.write(recordsToWrite(plan, outcomes)).then(
      () => true,
      (error: unknown) => {
        this.logger.error('access log write failed; withholding cross-department data', {
          department: this.department,
          message: String(error),
        });
        return false;
      },
    );
    return answerFetch(input, plan, outcomes, recorded);
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

  /** Decides every citizen of the fetch by the rules of access; cross-department questions go to the consent service in one batch. */
  private async decide(actor: Actor, representations: readonly Representation[], context: GatewayContext): Promise<Verdict[]> {
    const whole: Verdict = { kind: 'whole' };
    const refusals = new Map<string, Verdict>();
    const verdicts: Verdict[] = [];
    const citizens: Array<{ i: number; cpr: string; recipient: string }> = [];
    representations.forEach((r, i) => {
      const route = accessRoute(actor, this.department, r.cpr);
      if (route.kind === 'own') verdicts[i] = whole;
      else if (route.kind === 'consent') citizens.push({ i, cpr: r.cpr as string, recipient: route.recipient });
      else {
        let refused = refusals.get(route.message);
        if (!refused) {
          const error = errors.forbidden(route.message);
          refused = { kind: 'refused', error: () => error };
          refusals.set(route.message, refused);
        }
        verdicts[i] = refused;
      }
    });
    if (citizens.length === 0) return verdicts;
    const results = await context.decisions.loadMany(
      citizens.map(({ cpr, recipient }) => ({ cpr, owner: this.department, recipient, purpose: PURPOSE })),
    );
    const unavailable: Verdict = {
      kind: 'refused',
      error: () => errors.consentUnavailable(this.department, 'consent could not be checked.'),
    };
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
    if (failure)
      this.logger.warn('consent undecidable; failing closed', { department: this.department, message: failure.message });
    return verdicts;
  }

  /** Sends one group of citizens; a failure (down, slow, malformed) is an outcome, not an exception. */
  private async sendOne(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    send: Send,
    representations: readonly Representation[],
  ): Promise<SendOutcome> {
    const subset = send.indexes.map((i) => representations[i]);
    const variables = { ...options.request.variables, representations: subset };
    const response = await this.batcher
      .fetch({ ...options, request: { ...options.request, query: send.query, variables } }, send.coverage)
      .catch((error: unknown) => {
        this.logger.warn('department subgraph failed', { department: this.department, message: String(error) });
        return undefined;
      });
    const received = (response?.data as { _entities?: unknown[] } | null | undefined)?._entities;
    if (!response || !Array.isArray(received) || received.length !== subset.length) return { ok: false };
    return { ok: true, entities: received, errors: response.errors ?? [] };
  }

  private transmit(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    coverage?: ReadonlyMap<string, CitizenCoverage>,
  ): Promise<GatewayGraphQLResponse> {
    return coverage ? this.processCovered(options, coverage) : super.process(options);
  }
}
