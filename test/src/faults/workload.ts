import { randomBytes } from 'node:crypto';
import { PERSONAS, type DataCategory, type Department } from '@enplan/lib';
import { tokenFor, type GraphQLResult } from '../federation';

/**
 * A field a client received from another department than the caseworker's own, or the joint plan
 * (owner null), or a change a caseworker made to the joint plan: each must have its record.
 */
export interface ObservedDisclosure {
  requestId: string;
  gateway: number;
  actorId: string;
  cpr: string;
  owner: Department | null;
  categories: DataCategory[];
  sentAt: number;
  receivedAt: number;
}

/** A withdrawal the client saw succeed, and what reads after it showed. */
export interface ObservedWithdrawal {
  consentId: string;
  cpr: string;
  acknowledgedAt: number;
}

/** Everything the clients were told: what the checker holds the federation to. */
export class Observations {
  requests = 0;
  /** HTTP answers with a GraphQL body (data or typed errors), whatever they said. */
  answered = 0;
  readonly errorCodes = new Map<string, number>();
  readonly disclosures: ObservedDisclosure[] = [];
  readonly consentsGiven: Array<{ id: string; cpr: string }> = [];
  readonly withdrawals: ObservedWithdrawal[] = [];
  /** What the citizen reads about a consent after seeing its withdrawal succeed: WITHDRAWN, or it was undone. */
  readonly statusAfterWithdrawal: Array<{ requestId: string; consentId: string; status: string }> = [];
  /** Reads of a citizen's data sent after the client saw that citizen's consent withdrawn (and no newer one given). */
  readonly readsAfterWithdrawal: Array<{ requestId: string; cpr: string; consentId: string; disclosed: boolean }> = [];
  readonly planWrites: Array<{ version: number; date: string }> = [];
  /** Consents the client was refused (an error) that were stored all the same: found in force, then withdrawn. */
  readonly storedThoughRefused: string[] = [];

  countError(code: string): void {
    this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
  }
}

/** The caseworkers' departments, from the demo identities (docs/design.md). */
const CASEWORKERS: Readonly<Record<string, Department>> = { 'cw-emp-1': 'EMPLOYMENT', 'cw-soc-1': 'SOCIAL' };
/** The read the load sends; each department's field and its category as the supergraph declares it (`@category(is: CASE)`). */
const READ = 'query FaultRead($cpr: ID!) { citizen(cpr: $cpr) { employment { kind } social { kind } } }';
const READ_FIELDS: ReadonlyArray<{ field: 'employment' | 'social'; owner: Department; categories: DataCategory[] }> = [
  { field: 'employment', owner: 'EMPLOYMENT', categories: ['CASE'] },
  { field: 'social', owner: 'SOCIAL', categories: ['CASE'] },
];
const GIVE = 'mutation FaultGive($input: GiveConsentInput!) { giveConsent(input: $input) { id status } }';
const WITHDRAW = 'mutation FaultWithdraw($id: ID!) { withdrawConsent(id: $id) { id status } }';
export const CONSENTS = 'query FaultConsents($cpr: ID!) { citizen(cpr: $cpr) { consents { id status } } }';
const PLAN_VERSION = 'query FaultPlanVersion($cpr: ID!) { citizen(cpr: $cpr) { plan { joint { version } } } }';
const FOLLOW_UP = `mutation FaultFollowUp($cpr: ID!, $expectedVersion: Int!, $date: String!) {
  setNextFollowUp(cpr: $cpr, expectedVersion: $expectedVersion, date: $date) { version nextFollowUp } }`;

/** The request id and times of an answer, without the answer. */
const timesOf = ({ requestId, sentAt, receivedAt }: { requestId: string; sentAt: number; receivedAt: number }) => ({
  requestId,
  sentAt,
  receivedAt,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const REQUEST_TIMEOUT_MS = 15_000;

/** The clients: caseworkers reading across departments, citizens giving and withdrawing consent, a coordinator writing the plan. */
export class Workload {
  readonly observations = new Observations();
  private running = false;
  private readonly workers: Array<Promise<void>> = [];
  private sequence = 0;
  private readonly tokens = new Map<string, string>();

  constructor(private readonly gatewayUrls: readonly string[]) {}

  /** Sends one operation as `who` through gateway `gateway`, with a request id the access log will carry. */
  async ask(
    gateway: number,
    who: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<{ result?: GraphQLResult<any>; requestId: string; sentAt: number; receivedAt: number }> {
    const requestId = `fault-${++this.sequence}-${randomBytes(4).toString('hex')}`;
    let token = this.tokens.get(who);
    if (!token) this.tokens.set(who, (token = await tokenFor(who, { ttlSeconds: 3600 })));
    const sentAt = Date.now();
    this.observations.requests += 1;
    try {
      const response = await fetch(this.gatewayUrls[gateway]!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const result = { status: response.status, ...((await response.json()) as Omit<GraphQLResult, 'status'>) };
      this.observations.answered += 1;
      for (const error of result.errors ?? []) this.observations.countError(String(error.extensions?.code));
      return { result, requestId, sentAt, receivedAt: Date.now() };
    } catch {
      this.observations.countError('NO_ANSWER');
      return { requestId, sentAt, receivedAt: Date.now() };
    }
  }

  /** A caseworker reads a citizen's cases; every other department's field that arrives is noted. Returns whether SOCIAL's did. */
  async read(gateway: number, who: keyof typeof CASEWORKERS, cpr: string): Promise<{ requestId: string; disclosed: boolean }> {
    const { result, requestId, sentAt, receivedAt } = await this.ask(gateway, who, READ, { cpr });
    const citizen = result?.data?.citizen as Record<string, unknown> | null | undefined;
    let disclosed = false;
    for (const { field, owner, categories } of READ_FIELDS) {
      if (owner === CASEWORKERS[who] || citizen?.[field] == null) continue;
      disclosed = true;
      this.observations.disclosures.push({ requestId, gateway, actorId: who, cpr, owner, categories, sentAt, receivedAt });
    }
    return { requestId, disclosed };
  }

  /** Whether every gateway gives Anna both departments' data about Peter with no error: the federation serves. */
  async serves(): Promise<boolean> {
    const answers = await Promise.all(
      this.gatewayUrls.map((_, gateway) => this.ask(gateway, 'cw-emp-1', READ, { cpr: PERSONAS.peter.cpr })),
    );
    return answers.every(({ result, requestId, sentAt, receivedAt }, gateway) => {
      const social = result?.data?.citizen?.social;
      if (social) {
        this.observations.disclosures.push({
          requestId,
          gateway,
          actorId: 'cw-emp-1',
          cpr: PERSONAS.peter.cpr,
          owner: 'SOCIAL',
          categories: ['CASE'],
          sentAt,
          receivedAt,
        });
      }
      return !result?.errors && Boolean(result?.data?.citizen?.employment) && Boolean(social);
    });
  }

  start(): void {
    this.running = true;
    const { peter, mette, lars, jonas, sofie } = PERSONAS;
    this.workers.push(this.readers([peter.cpr, mette.cpr, lars.cpr]), this.readers([mette.cpr, peter.cpr]));
    this.workers.push(this.consentChurn(jonas.cpr), this.consentChurn(sofie.cpr));
    this.workers.push(this.planWriter(peter.cpr));
  }

  /** Stops the clients; the consent churn ends with every consent it gave withdrawn. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private gatewayFor(n: number): number {
    return n % this.gatewayUrls.length;
  }

  private async readers(cprs: readonly string[]): Promise<void> {
    for (let n = 0; this.running; n++) {
      await this.read(this.gatewayFor(n), n % 2 === 0 ? 'cw-emp-1' : 'cw-soc-1', cprs[n % cprs.length]!);
      await sleep(20);
    }
  }

  /**
   * The citizen gives Anna's and Bo's departments a consent for CASE, Anna reads, the citizen
   * withdraws; right after, and again a moment later, Anna must be denied on every gateway.
   */
  private async consentChurn(cpr: string): Promise<void> {
    for (let n = 0; this.running; n++) {
      // A careful client: a give that failed may still have been stored (the service died after its
      // commit, before its answer), so it looks for a consent in force before it gives another.
      const mine = await this.ask(this.gatewayFor(n), cpr, CONSENTS, { cpr });
      const consents = mine.result?.data?.citizen?.consents as Array<{ id: string; status: string }> | undefined;
      if (!consents) {
        await sleep(100);
        continue;
      }
      let id = consents.find((c) => c.status === 'ACTIVE' || c.status === 'SCHEDULED')?.id;
      if (id) {
        this.observations.storedThoughRefused.push(id);
      } else {
        const given = await this.ask(this.gatewayFor(n), cpr, GIVE, {
          input: {
            cpr,
            validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
            provisions: [
              {
                effect: 'PERMIT',
                ownerDepartments: ['EMPLOYMENT', 'SOCIAL'],
                recipientDepartments: ['EMPLOYMENT', 'SOCIAL'],
                categories: ['CASE'],
              },
            ],
          },
        });
        id = given.result?.data?.giveConsent?.id as string | undefined;
        if (!id) continue;
        this.observations.consentsGiven.push({ id, cpr });
      }
      await this.read(this.gatewayFor(n + 1), 'cw-emp-1', cpr);
      // Withdrawal is retried until it is acknowledged (it is idempotent): no consent of the load stays in force.
      let acknowledgedAt: number | undefined;
      for (let attempt = 0; acknowledgedAt === undefined && attempt < 200; attempt++) {
        const withdrawn = await this.ask(this.gatewayFor(n + attempt), cpr, WITHDRAW, { id });
        if (withdrawn.result?.data?.withdrawConsent?.status === 'WITHDRAWN') acknowledgedAt = withdrawn.receivedAt;
        else await sleep(100);
      }
      if (acknowledgedAt === undefined) throw new Error(`the withdrawal of ${id} was never acknowledged`);
      this.observations.withdrawals.push({ consentId: id, cpr, acknowledgedAt });
      for (const pause of [0, 2_000]) {
        await sleep(pause);
        for (let gateway = 0; gateway < this.gatewayUrls.length; gateway++) {
          const { requestId, disclosed } = await this.read(gateway, 'cw-emp-1', cpr);
          this.observations.readsAfterWithdrawal.push({ requestId, cpr, consentId: id, disclosed });
        }
      }
      const after = await this.ask(this.gatewayFor(n), cpr, CONSENTS, { cpr });
      const read = after.result?.data?.citizen?.consents as Array<{ id: string; status: string }> | undefined;
      const status = read?.find((c) => c.id === id)?.status;
      if (status) this.observations.statusAfterWithdrawal.push({ requestId: after.requestId, consentId: id, status });
    }
  }

  /** Anna, Peter's coordinator, sets the next follow-up on the version she read: each acknowledged change must survive. */
  private async planWriter(cpr: string): Promise<void> {
    for (let n = 0; this.running; n++) {
      const read = await this.ask(0, 'cw-emp-1', PLAN_VERSION, { cpr });
      const expectedVersion = read.result?.data?.citizen?.plan?.joint?.version as number | undefined;
      if (expectedVersion !== undefined) {
        this.observations.disclosures.push({
          ...timesOf(read),
          gateway: 0,
          actorId: 'cw-emp-1',
          cpr,
          owner: null,
          categories: ['PLAN'],
        });
        const date = new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const gateway = this.gatewayFor(n);
        const written = await this.ask(gateway, 'cw-emp-1', FOLLOW_UP, { cpr, expectedVersion, date });
        const saved = written.result?.data?.setNextFollowUp as { version: number; nextFollowUp: string } | undefined;
        if (saved) {
          this.observations.planWrites.push({ version: saved.version, date });
          // A caseworker's change is recorded before it is saved, as her own department's PLAN data.
          this.observations.disclosures.push({
            ...written,
            gateway,
            actorId: 'cw-emp-1',
            cpr,
            owner: 'EMPLOYMENT',
            categories: ['PLAN'],
          });
        }
      }
      await sleep(150);
    }
  }
}
