import { PERSONAS, openPostgres, readPrivateJwk, type PgPool } from '@enplan/lib';
import { signedAsGateway } from './devSigning';
import type { RunningGateway } from '@enplan/gateway/src/server';
import { startConsentReplica, type ConsentReplica } from './consentReplicas';
import { TestFederation } from './federation';
import { PostgresServer } from './postgresServer';
import { eventually, readSocialCase, startAnotherGateway, type Verdict } from './redisTestSupport';

const { peter, mette, lars } = PERSONAS;

/**
 * Rule 7 without Redis: two gateways with in-memory caches, two consent-service replicas on one
 * PostgreSQL. A withdrawal that no gateway saw (made at the consent service, or by SQL) must still
 * deny on both gateways; a cached allow would otherwise live for ten minutes.
 */
describe('withdrawal announced at the source: two gateways (memory cache), two consent replicas, one PostgreSQL', () => {
  let postgres: PostgresServer;
  let databaseUrl: string;
  let federation: TestFederation;
  let replicaB: ConsentReplica;
  let gatewayA: RunningGateway;
  let gatewayB: RunningGateway;
  let sql: PgPool;

  const both = async (cpr: string, caseworker = 'cw-emp-1'): Promise<Verdict[]> =>
    Promise.all([gatewayA, gatewayB].map((g) => readSocialCase(g.url, cpr, caseworker)));
  /** Both gateways deny, polled for at most 5 s (the bench measures how fast; here only that it happens). */
  const bothDeny = (cpr: string) =>
    eventually(
      () => both(cpr),
      (v) => v.every((x) => x === 'denied'),
      5_000,
    );
  const cachedOnBoth = async (cpr: string) => {
    expect(await both(cpr)).toEqual(['allowed', 'allowed']);
    const calls = [gatewayA, gatewayB].map((g) => g.consentClient.decisionCalls);
    expect(await both(cpr)).toEqual(['allowed', 'allowed']);
    expect([gatewayA, gatewayB].map((g) => g.consentClient.decisionCalls)).toEqual(calls); // answered from each cache
  };

  beforeAll(async () => {
    postgres = await PostgresServer.start();
    databaseUrl = await postgres.createDatabase('withdrawal');
    const env = { DECISION_CACHE_TTL_MS: '600000' };
    federation = await TestFederation.start({ consentDatabaseUrl: databaseUrl, gatewayEnv: env });
    gatewayA = federation.gateway;
    replicaB = await startConsentReplica(databaseUrl, {}, federation.gatewayKeys.jwksFile);
    gatewayB = await startAnotherGateway(federation, {
      ...env,
      CONSENT_URL: replicaB.origin,
      SUBGRAPH_URL_CONSENT: replicaB.url,
    });
    sql = openPostgres(databaseUrl, { max: 2 });
    expect([gatewayA.consentFeed.live, gatewayB.consentFeed.live]).toEqual([true, true]);
  });
  afterAll(async () => {
    await sql?.end();
    await gatewayB?.stop();
    await federation?.stop();
    await replicaB?.close();
    await postgres?.stop();
  });

  it('Peter withdraws directly at consent replica B (no gateway involved): Anna is denied on both gateways', async () => {
    await cachedOnBoth(peter.cpr);
    const body = JSON.stringify({ query: 'mutation { withdrawConsent(id: "CON-000001") { status } }' });
    const actor = { role: 'CITIZEN', id: peter.cpr, name: 'Peter Hansen', cpr: peter.cpr } as const;
    const response = await fetch(replicaB.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await signedAsGateway(
          { audience: 'consent', method: 'POST', url: replicaB.url, body, actor },
          readPrivateJwk(federation.gatewayKeys.privateJwkFile),
        )),
      },
      body,
    });
    expect(((await response.json()) as { data: unknown }).data).toEqual({ withdrawConsent: { status: 'WITHDRAWN' } });
    expect(await bothDeny(peter.cpr)).toEqual(['denied', 'denied']);
  });

  it("Mette's consent withdrawn by SQL in the database: Anna is denied on both gateways", async () => {
    await cachedOnBoth(mette.cpr);
    await sql.query("UPDATE consents SET withdrawn_at = $1, withdrawn_by = 'import' WHERE id = 'CON-000002'", [Date.now()]);
    expect(await bothDeny(mette.cpr)).toEqual(['denied', 'denied']);
  });

  it('a gateway whose feed is cut stops trusting its cache, and empties it when the feed is back', async () => {
    await cachedOnBoth(lars.cpr);
    // Cut every replica's LISTEN connection: the replicas end their feeds; the gateways reconnect.
    await sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'enplan-consent-listener'");
    await eventually(
      async () => [gatewayA.consentFeed.live, gatewayB.consentFeed.live],
      (live) => live.every((l) => !l),
      5_000,
    );
    // Withdrawn while nobody listens: no announcement will ever arrive for it.
    await sql.query("UPDATE consents SET withdrawn_at = $1, withdrawn_by = 'import' WHERE cpr = $2", [Date.now(), lars.cpr]);
    expect(await both(lars.cpr)).toEqual(['denied', 'denied']); // decided by the consent service, not the cache
    await eventually(
      async () => [gatewayA.consentFeed.live, gatewayB.consentFeed.live],
      (live) => live.every(Boolean),
      10_000,
    );
    expect(await both(lars.cpr)).toEqual(['denied', 'denied']);
  });
});
