import type { JWK } from 'jose';
import type { Actor } from './actor';
import { ASSERTION_HEADER, createAssertionSigner, type AssertionSigner } from './assertion';
import { CONSENT_API, type AccessLogInput, type DecisionQuestion, type DecisionsResponse } from './consentApi';

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
    return this.post<DecisionsResponse>(CONSENT_API.decisions, { questions }, 'consent decisions');
  }

  async writeAccessLog(entries: AccessLogInput[]): Promise<void> {
    await this.post(CONSENT_API.accessLog, { entries }, 'access log');
  }

  private async post<T>(path: string, body: unknown, what: string): Promise<T> {
    try {
      const url = new URL(path, this.options.baseUrl);
      const json = JSON.stringify(body);
      this.signer ??= createAssertionSigner(this.options.signingKey, this.options.callerId);
      const assertion = await (await this.signer).sign({ audience: 'consent', method: 'POST', path: url.pathname, body: json, actor: this.caller });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [ASSERTION_HEADER]: assertion },
        body: json,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as T;
    } catch (error) {
      throw new ConsentUnavailableError(what, error);
    }
  }
}
