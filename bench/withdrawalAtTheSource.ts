/**
 * Rule 7 without Redis, from the source: two gateways (memory cache), two consent-service replicas
 * on one PostgreSQL. For each of N synthetic citizens: Anna's read is cached on both gateways
 * (checked), the consent is withdrawn where no gateway sees it (even citizens: an UPDATE in the
 * database; odd: the mutation sent straight to consent replica B), and both gateways are polled
 * until they deny. Reports the time from the committed change to the later gateway's first denial
 * (an upper bound: it includes one full request through each gateway), how many polls it took,
 * and the announcement alone: from the commit to the moment both gateways dropped the citizen.
 *
 *   npx tsx bench/withdrawalAtTheSource.ts [N=100]
 */
import { openPostgres, readPrivateJwk, syntheticCitizens, loadRegistry } from '@enplan/lib';
import { signedAsGateway } from '../test/src/devSigning';
import { startConsentReplica } from '../test/src/consentReplicas';
import { TestFederation, graphql, tokenFor } from '../test/src/federation';
import { PostgresServer } from '../test/src/postgresServer';
import { READ_SOCIAL_CASE, startAnotherGateway } from '../test/src/redisTestSupport';
import { summary } from './src/stats';

const count = Number(process.argv[2] ?? 100);

async function main(): Promise<void> {
  loadRegistry();
  const postgres = await PostgresServer.start({ durable: true });
  const databaseUrl = await postgres.createDatabase('bench');
  // Anna reads far faster than a caseworker's fair share: the rate limit is not what is measured here.
  const env = { DECISION_CACHE_TTL_MS: '600000', RATE_LIMIT_PER_SECOND: '0' };
  const federation = await TestFederation.start({ syntheticCitizens: count, consentDatabaseUrl: databaseUrl, gatewayEnv: env });
  const replicaB = await startConsentReplica(databaseUrl, {}, federation.gatewayKeys.jwksFile);
  const gatewayKey = readPrivateJwk(federation.gatewayKeys.privateJwkFile);
  const a = federation.gateway;
  const b = await startAnotherGateway(federation, { ...env, CONSENT_URL: replicaB.origin, SUBGRAPH_URL_CONSENT: replicaB.url });
  const sql = openPostgres(databaseUrl, { max: 1 });
  try {
    const anna = await tokenFor('cw-emp-1');
    const denied = async (url: string, cpr: string) => {
      const result = await graphql(url, READ_SOCIAL_CASE, { token: anna, variables: { cpr } });
      return (result.errors ?? []).some((e) => e.extensions?.code === 'CONSENT_REQUIRED');
    };
    // Observe (not change) when each gateway hears of a change: the announcement's own latency.
    const heardAt = new Map<string, number[]>();
    for (const gateway of [a, b]) {
      const evict = gateway.decisionCache.evictCitizen.bind(gateway.decisionCache);
      gateway.decisionCache.evictCitizen = (cpr: string, sequence?: number) => {
        heardAt.set(cpr, [...(heardAt.get(cpr) ?? []), performance.now()]);
        return evict(cpr, sequence);
      };
    }
    const announced: number[] = [];
    const byPath: Record<'sql' | 'service', number[]> = { sql: [], service: [] };
    const all: number[] = [];
    let firstPoll = 0;
    for (const citizen of syntheticCitizens(count)) {
      for (const gateway of [a, b]) {
        if (await denied(gateway.url, citizen.cpr)) throw new Error(`citizen #${citizen.index} is denied before the withdrawal`);
        const calls = gateway.consentClient.decisionCalls;
        await denied(gateway.url, citizen.cpr);
        if (gateway.consentClient.decisionCalls !== calls)
          throw new Error(`citizen #${citizen.index}: a gateway did not cache the decision`);
      }
      const id = `CON-${String(1000 + citizen.index).padStart(6, '0')}`;
      heardAt.delete(citizen.cpr);
      const changedAt = performance.now();
      const path = citizen.index % 2 === 0 ? 'sql' : 'service';
      if (path === 'sql') {
        await sql.query("UPDATE consents SET withdrawn_at = $1, withdrawn_by = 'bench' WHERE id = $2", [Date.now(), id]);
      } else {
        const body = JSON.stringify({ query: `mutation { withdrawConsent(id: "${id}") { status } }` });
        const actor = { role: 'CITIZEN', id: citizen.cpr, name: 'bench', cpr: citizen.cpr } as const;
        const signed = await signedAsGateway({ audience: 'consent', method: 'POST', url: replicaB.url, body, actor }, gatewayKey);
        const response = await fetch(replicaB.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signed },
          body,
        });
        const answer = (await response.json()) as { data?: { withdrawConsent?: { status: string } } };
        if (answer.data?.withdrawConsent?.status !== 'WITHDRAWN') throw new Error(`withdrawal failed: ${JSON.stringify(answer)}`);
      }
      const start = performance.now();
      const polls = await Promise.all(
        [a, b].map(async (gateway) => {
          let attempts = 1;
          while (!(await denied(gateway.url, citizen.cpr))) {
            if (++attempts > 1_000) throw new Error(`citizen #${citizen.index}: a gateway never denied`);
          }
          return { attempts, ms: performance.now() - start };
        }),
      );
      const ms = Math.max(...polls.map((p) => p.ms));
      const heard = heardAt.get(citizen.cpr) ?? [];
      if (heard.length >= 2) announced.push(Math.max(heard[0]!, heard[1]!) - changedAt);
      byPath[path].push(ms);
      all.push(ms);
      if (polls.every((p) => p.attempts === 1)) firstPoll += 1;
    }
    const report = {
      setup:
        'two gateways (memory cache, TTL 10 min), two consent replicas, one PostgreSQL; change made where no gateway sees it',
      announcementMs: summary(announced),
      propagationMs: { all: summary(all), bySql: summary(byPath.sql), atConsentService: summary(byPath.service) },
      deniedOnFirstPollByBoth: firstPoll,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    await sql.end();
    await b.stop();
    await federation.stop();
    await replicaB.close();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
