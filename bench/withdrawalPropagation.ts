/**
 * How fast a withdrawal through one gateway reaches another (rule 7), with two gateways on one
 * Redis. For each of N synthetic citizens: Anna's read through gateway B is cached (checked), the
 * citizen withdraws their consent through gateway A, and B is polled until it denies. Reports the
 * time from A's answer to B's first denial (an upper bound of the propagation: it includes one
 * full request through B) and how many polls it took.
 *
 *   npx tsx bench/withdrawalPropagation.ts [N=100]
 */
import { syntheticCitizens, loadRegistry } from '@enplan/lib';
import { TestFederation, graphql, tokenFor } from '../test/src/federation';
import { RedisServer } from '../test/src/redisServer';
import { READ_SOCIAL_CASE, REDIS_UP, healthBecomes, startAnotherGateway } from '../test/src/redisTestSupport';
import { percentile } from './src/stats';

const count = Number(process.argv[2] ?? 100);

async function main(): Promise<void> {
  loadRegistry();
  const redis = await RedisServer.start();
  // Anna reads far faster than a caseworker's fair share: the rate limit is not what is measured here.
  const env = { REDIS_URL: redis.url, DECISION_CACHE_TTL_MS: '600000', RATE_LIMIT_PER_SECOND: '0' };
  const federation = await TestFederation.start({ syntheticCitizens: count, gatewayEnv: env });
  const [a, b] = [federation.gateway, await startAnotherGateway(federation, env)];
  try {
    for (const gateway of [a, b]) await healthBecomes(gateway, REDIS_UP);
    const anna = await tokenFor('cw-emp-1');
    const denied = async (cpr: string) => {
      const result = await graphql(b.url, READ_SOCIAL_CASE, { token: anna, variables: { cpr } });
      return (result.errors ?? []).some((e) => e.extensions?.code === 'CONSENT_REQUIRED');
    };

    const ms: number[] = [];
    const polls: number[] = [];
    for (const citizen of syntheticCitizens(count)) {
      if (await denied(citizen.cpr)) throw new Error(`citizen #${citizen.index} is denied before the withdrawal`);
      const calls = b.consentClient.decisionCalls;
      await denied(citizen.cpr);
      if (b.consentClient.decisionCalls !== calls) throw new Error(`citizen #${citizen.index}: B did not cache the decision`);

      const id = `CON-${String(1000 + citizen.index).padStart(6, '0')}`;
      const withdrawal = await graphql(a.url, `mutation { withdrawConsent(id: "${id}") { status } }`, {
        token: await tokenFor(citizen.cpr),
      });
      if (withdrawal.data?.withdrawConsent?.status !== 'WITHDRAWN')
        throw new Error(`withdrawal failed: ${JSON.stringify(withdrawal.errors)}`);
      const start = performance.now();
      let attempts = 1;
      while (!(await denied(citizen.cpr))) {
        if (++attempts > 1_000) throw new Error(`citizen #${citizen.index}: B never denied`);
      }
      ms.push(performance.now() - start);
      polls.push(attempts);
    }

    ms.sort((x, y) => x - y);
    const report = {
      withdrawals: ms.length,
      propagationMs: {
        p50: +percentile(ms, 50).toFixed(2),
        p99: +percentile(ms, 99).toFixed(2),
        max: +(ms.at(-1) ?? Number.NaN).toFixed(2),
      },
      deniedOnFirstPoll: polls.filter((p) => p === 1).length,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    await b.stop();
    await federation.stop();
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
