import { PERSONAS, createLogger } from '@enplan/lib';
import { DECISION_EPOCH_KEY, DECISION_KEY_PREFIX } from '@enplan/gateway/src/cache/RedisDecisionStore';
import type { RunningGateway } from '@enplan/gateway/src/server';
import { TestFederation } from './federation';
import { RedisServer } from './redisServer';
import {
  REDIS_DOWN,
  REDIS_UP,
  dumpRedis,
  healthBecomes,
  healthOf,
  readSocialCase,
  redisCommand,
  withdrawPetersConsent,
} from './redisTestSupport';

const { peter, mette } = PERSONAS;
/** CONSENT_TIMEOUT_MS below + 1 s: how long after a change the gateway caches nothing about the citizen. */
const CHANGE_WINDOW_MS = 1_500;

/** The decisions stored in Redis: [epoch, allowed?, consent ids] per hash field. */
async function storedDecisions(url: string) {
  const epoch = String((await redisCommand(url, 'GET', DECISION_EPOCH_KEY)) ?? '0');
  const fields = (await dumpRedis(url))
    .filter(({ key, type }) => key.startsWith(DECISION_KEY_PREFIX) && type === 'hash')
    .flatMap(({ values }) => values.filter((_, i) => i % 2 === 1))
    // Each value is `<MAC>.<JSON>` (gateway/src/cache/RedisDecisionStore.ts).
    .map(
      (value) =>
        JSON.parse(value.slice(value.indexOf('.') + 1)) as {
          e: string;
          d: Record<string, { allowed: boolean; consentId: string | null }>;
        },
    );
  return {
    epoch,
    current: fields.filter((f) => f.e === epoch),
    staleAllows: fields.filter((f) => f.e !== epoch && Object.values(f.d).some((d) => d.allowed && d.consentId === 'CON-000001')),
    allowsUnder: (consentId: string) =>
      fields.filter((f) => Object.values(f.d).some((d) => d.allowed && d.consentId === consentId)),
  };
}

describe('the gateway when its Redis goes away and comes back', () => {
  let redis: RedisServer;
  let federation: TestFederation;
  let gateway: RunningGateway;
  const logLines: string[] = [];
  const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const value = await f();
    return [value, performance.now() - start];
  };

  beforeAll(async () => {
    redis = await RedisServer.start();
    federation = await TestFederation.start({
      gatewayEnv: { REDIS_URL: redis.url, DECISION_CACHE_TTL_MS: '600000', CONSENT_TIMEOUT_MS: '500' },
      gatewayDeps: { logger: createLogger('gateway', 'info', (line) => logLines.push(line)) },
    });
    gateway = federation.gateway;
    await healthBecomes(gateway, REDIS_UP);
  });
  afterAll(async () => {
    await federation?.stop();
    await redis?.stop();
  });

  it('keeps deciding correctly without Redis, honours a withdrawal at once, and uses Redis again once it is back', async () => {
    // Redis up: /health says so, and Anna's allowed read of Peter's social case is cached.
    expect(await healthOf(gateway)).toEqual({ status: 200, body: REDIS_UP });
    expect(await readSocialCase(gateway.url, peter.cpr)).toBe('allowed');
    let calls = gateway.consentClient.decisionCalls;
    expect(await readSocialCase(gateway.url, peter.cpr)).toBe('allowed');
    expect(gateway.consentClient.decisionCalls).toBe(calls);
    expect((await storedDecisions(redis.url)).allowsUnder('CON-000001')).toHaveLength(1);

    // A snapshot now holds that allow: the Redis that comes back will still have it.
    await redisCommand(redis.url, 'SAVE');
    await redis.kill();
    expect((await healthBecomes(gateway, REDIS_DOWN)).status).toBe(200);

    // Redis down: allowed stays allowed, decided by the consent service, without waiting on Redis.
    calls = gateway.consentClient.decisionCalls;
    const [verdict, ms] = await timed(() => readSocialCase(gateway.url, peter.cpr));
    expect(verdict).toBe('allowed');
    expect(gateway.consentClient.decisionCalls).toBe(calls + 1);
    expect(ms).toBeLessThan(1_000); // no hanging on a dead Redis (in practice a few ms)
    expect(await readSocialCase(gateway.url, mette.cpr)).toBe('allowed');

    // A withdrawal while Redis is down still takes effect on the very next request.
    expect((await withdrawPetersConsent(gateway.url)).data).toEqual({ withdrawConsent: { status: 'WITHDRAWN' } });
    const withdrawnAt = Date.now();
    expect(await readSocialCase(gateway.url, peter.cpr)).toBe('denied');

    // Redis comes back from its snapshot, with Peter's old allow in it; the gateway reconnects by itself.
    await redis.restart();
    expect((await healthBecomes(gateway, REDIS_UP)).body).toEqual(REDIS_UP);
    const afterRestart = await storedDecisions(redis.url);
    expect(afterRestart.staleAllows).toHaveLength(1); // still there, but of an earlier epoch
    expect(afterRestart.current).toHaveLength(0);

    // The stale allow is disregarded: Peter's withdrawal still holds, also once the short while after a
    // change in which nothing about the citizen is cached (consent timeout + 1 s) is over.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, withdrawnAt + CHANGE_WINDOW_MS + 100 - Date.now())));
    expect(await readSocialCase(gateway.url, peter.cpr)).toBe('denied');

    // And the cache is used again: Mette's decision is stored under the new epoch and reused.
    calls = gateway.consentClient.decisionCalls;
    expect(await readSocialCase(gateway.url, mette.cpr)).toBe('allowed');
    expect(gateway.consentClient.decisionCalls).toBe(calls + 1);
    expect(await readSocialCase(gateway.url, mette.cpr)).toBe('allowed');
    expect(gateway.consentClient.decisionCalls).toBe(calls + 1);
    const recovered = await storedDecisions(redis.url);
    // (Peter's fresh denial is not among them: for a few seconds after a consent change nothing about
    // the citizen is cached, since a decision taken just before the change may still be arriving.)
    expect(
      recovered.current
        .flatMap((f) => Object.values(f.d))
        .filter((d) => d.allowed)
        .map((d) => d.consentId),
    ).toContain('CON-000002');
    expect(recovered.allowsUnder('CON-000001').every((f) => f.e !== recovered.epoch)).toBe(true);

    // The logs tell the story, without a CPR number.
    const messages = logLines.map((line) => (JSON.parse(line) as { message: string }).message);
    expect(messages).toEqual(expect.arrayContaining(['redis connection lost', 'redis reconnected']));
    expect(messages.indexOf('redis connection lost')).toBeLessThan(messages.lastIndexOf('redis reconnected'));
    for (const { cpr } of Object.values(PERSONAS)) expect(logLines.join('\n')).not.toContain(cpr);
  });
});
