import type { JWK } from 'jose';
import { z } from 'zod';
import type { Actor } from './actor';
import { ASSERTION_HEADER, createAssertionSigner, type AssertionSigner } from './assertion';
import {
  CONSENT_API,
  type AccessLogInput,
  type DecisionQuestion,
  type DecisionsResponse,
  type PersonalOmbudsAnswer,
  type RepresentationAnswer,
  type RepresentationQuestion,
} from './consentApi';
import { metrics, secondsSince } from './metrics';
import { representationSchema } from './representation';
import { currentRequestId } from './requestContext';
import { propagateRequest, SpanKind, withSpan } from './tracing';

const epochMs = z.number().int().nonnegative();
/** What crosses the process boundary is checked, not cast: a malformed answer is no answer (fail closed). */
const decisionsResponse = z.strictObject({
  evaluatedAt: epochMs,
  changeSequence: z.number().int().nonnegative(),
  decisions: z.array(
    z.strictObject({
      allowed: z.boolean(),
      consentId: z.string().nullable(),
      reason: z.string(),
      validUntil: epochMs.nullable(),
      nextChangeAt: epochMs.nullable(),
    }),
  ),
});

const representationAnswer = z.strictObject({
  evaluatedAt: epochMs,
  changeSequence: z.number().int().nonnegative(),
  representation: representationSchema.nullable(),
  nextChangeAt: epochMs.nullable(),
});

const personalOmbudsAnswer = z.strictObject({
  ombuds: z.array(z.strictObject({ name: z.string(), organisation: z.string() })),
});

/** The consent service could not answer in time, or at all: callers fail closed. */
export class ConsentUnavailableError extends Error {
  constructor(what: string, cause: unknown) {
    super(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ConsentUnavailableError';
  }
}

export interface ConsentClientOptions {
  /** Base URL of the consent service, e.g. http://127.0.0.1:4004 */
  baseUrl: string;
  /** The caller's private signing key; the consent service holds its public key. */
  signingKey: JWK;
  /** @default 2000 */
  timeoutMs: number;
  /** Who calls, e.g. "enplan-gateway": the issuer and the SERVICE actor the calls are signed as. */
  callerId: string;
}

/** A service's side of the consent service's internal API (the gateway, the plan subgraph): decisions and access-log writes. */
export class ConsentClient {
  /** How many decision calls were made: the batching promise is "one per plan step", and tests count. */
  decisionCalls = 0;
  /** How many power-of-representation lookups were made (ActFor caches them). */
  representationCalls = 0;

  private readonly caller: Actor;
  private signer: Promise<AssertionSigner> | undefined;

  constructor(private readonly options: ConsentClientOptions) {
    this.caller = { role: 'SERVICE', id: options.callerId, name: options.callerId };
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async decide(questions: DecisionQuestion[]): Promise<DecisionsResponse> {
    this.decisionCalls += 1;
    const owners = [...new Set(questions.map((q) => q.owner))].sort();
    return withSpan(
      'consent.decide',
      { 'enplan.departments': owners, 'enplan.consent.questions': questions.length },
      async (span) => {
        const answer = decisionsResponse.safeParse(
          await this.post<unknown>(CONSENT_API.decisions, { questions }, 'consent decisions', 'decisions'),
        );
        if (!answer.success || answer.data.decisions.length !== questions.length) {
          throw new ConsentUnavailableError('consent decisions', new Error('malformed answer from the consent service'));
        }
        const response = answer.data;
        const allowed = response.decisions.filter((d) => d.allowed).length;
        span.setAttributes({ 'enplan.consent.allowed': allowed, 'enplan.consent.denied': response.decisions.length - allowed });
        return response;
      },
      SpanKind.CLIENT,
    );
  }

  /** The power in force for a representative and a citizen (docs/design.md rule 13); a malformed answer is none (fail closed). */
  async representation(question: RepresentationQuestion): Promise<RepresentationAnswer> {
    this.representationCalls += 1;
    const answer = representationAnswer.safeParse(
      await this.post<unknown>(CONSENT_API.representation, question, 'powers of representation', 'representation'),
    );
    if (!answer.success) throw new ConsentUnavailableError('powers of representation', new Error('malformed answer'));
    return answer.data;
  }

  /** The citizen's personal ombuds in force (docs/design.md rule 13). */
  async personalOmbudsOf(cpr: string): Promise<PersonalOmbudsAnswer['ombuds']> {
    const answer = personalOmbudsAnswer.safeParse(
      await this.post<unknown>(CONSENT_API.personalOmbuds, { cpr }, 'personal ombuds', 'representation'),
    );
    if (!answer.success) throw new ConsentUnavailableError('personal ombuds', new Error('malformed answer'));
    return answer.data.ombuds;
  }

  /**
   * Stores access-log entries. An entry without a request id gets the id of the request being served:
   * the plan subgraph records a joint-plan read or change within the request that made it, so its
   * record names that request as the gateway's do (the gateway stamps its own before it batches).
   */
  async writeAccessLog(entries: AccessLogInput[]): Promise<void> {
    const requestId = currentRequestId();
    const stamped = requestId ? entries.map((entry) => (entry.requestId ? entry : { ...entry, requestId })) : entries;
    await withSpan(
      'access_log.write',
      { 'enplan.access_log.entries': entries.length },
      () => this.post(CONSENT_API.accessLog, { entries: stamped }, 'access log', 'access_log'),
      SpanKind.CLIENT,
    );
  }

  private async post<T>(
    path: string,
    body: unknown,
    what: string,
    call: 'decisions' | 'access_log' | 'representation',
  ): Promise<T> {
    const startedAt = performance.now();
    try {
      const url = new URL(path, this.options.baseUrl);
      const json = JSON.stringify(body);
      this.signer ??= createAssertionSigner(this.options.signingKey, this.options.callerId);
      const assertion = await (
        await this.signer
      ).sign({ audience: 'consent', method: 'POST', path: url.pathname, body: json, actor: this.caller });
      const headers: Record<string, string> = { 'content-type': 'application/json', [ASSERTION_HEADER]: assertion };
      propagateRequest(headers);
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: json,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const result = (await response.json()) as T;
      metrics.consentCallDuration.observe({ call, outcome: 'ok' }, secondsSince(startedAt));
      return result;
    } catch (error) {
      metrics.consentCallDuration.observe({ call, outcome: 'error' }, secondsSince(startedAt));
      throw new ConsentUnavailableError(what, error);
    }
  }
}
