import { once } from 'node:events';
import { connect } from 'node:net';
import { PERSONAS } from '@enplan/lib';
import { DECISION_KEY_PREFIX } from '@enplan/gateway/src/cache/RedisDecisionStore';
import { createCitizenKeyer } from '@enplan/gateway/src/consent/citizenKey';
import type { RunningGateway } from '@enplan/gateway/src/server';
import { errorCodesByPath, graphql, TestFederation, tokenFor } from './federation';
import { RedisServer } from './redisServer';
import {
  READ_EMPLOYMENT_CASE,
  REDIS_UP,
  dumpRedis,
  eventually,
  healthBecomes,
  readSocialCase,
  redisCommand,
  startAnotherGateway,
  type Verdict,
} from './redisTestSupport';

const { peter, lars, sofie } = PERSONAS;
const SOCIAL_TO_EMPLOYMENT = 'SOCIAL|EMPLOYMENT|ONE_PLAN';
/** Longer than the change window of a gateway with the default consent timeout (2 s + 1 s): the attacker waited 3.3 s. */
const AFTER_THE_CHANGE_WINDOW_MS = 3_300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Redis is an untrusted store: whoever can write to it still cannot turn a denial into an allow. */
describe('Redis as an untrusted store', () => {
  let redis: RedisServer;
  let federation: TestFederation;
  let second: RunningGateway;

  beforeAll(async () => {
    redis = await RedisServer.start();
    federation = await TestFederation.start({ gatewayEnv: { REDIS_URL: redis.url } });
    await healthBecomes(federation.gateway, REDIS_UP);
    // A second gateway has no local copy: whatever it decides from the cache, it read from Redis.
    second = await startAnotherGateway(federation, { REDIS_URL: redis.url });
    await healthBecomes(second, REDIS_UP);
  });
  afterAll(async () => {
    await second?.stop();
    await federation?.stop();
    await redis?.stop();
  });

  it('answers nothing to a process on the network without the password', async () => {
    // Plain RESP over TCP, as any process could send it.
    const socket = connect(redis.port, '127.0.0.1');
    socket.write('GET enplan:decisions:epoch\r\n');
    const [reply] = (await once(socket, 'data')) as [Buffer];
    socket.destroy();
    expect(reply.toString()).toMatch(/^-NOAUTH /);
  });

  it('uses an authentic cached decision (no consent-service call), but ignores a forged denial→allow written straight into Redis', async () => {
    // Gateway 1 decides Peter (allowed) and Jonas (no consent: denied); both land in Redis.
    expect(await readSocialCase(federation.gateway.url, PERSONAS.peter.cpr)).toBe('allowed');
    expect(await readSocialCase(federation.gateway.url, PERSONAS.jonas.cpr)).toBe('denied');

    const before = second.consentClient.decisionCalls;
    expect(await readSocialCase(second.url, PERSONAS.peter.cpr)).toBe('allowed');
    expect(second.consentClient.decisionCalls).toBe(before); // served from Redis, MAC verified

    // The attacker flips every denial in every cached value to an allow, keeping the format.
    const hashes = (await dumpRedis(redis.url)).filter((d) => d.type === 'hash');
    let forged = 0;
    for (const { key, values } of hashes) {
      for (let i = 0; i < values.length; i += 2) {
        const [field, value] = [values[i] as string, values[i + 1] as string];
        if (!value.includes('"allowed":false')) continue;
        await redisCommand(
          redis.url,
          'HSET',
          key,
          field,
          value
            .replaceAll('"allowed":false', '"allowed":true')
            .replaceAll('"validUntil":null', `"validUntil":${Date.now() + 86_400_000}`),
        );
        forged += 1;
      }
    }
    expect(forged).toBeGreaterThan(0);

    const calls = second.consentClient.decisionCalls;
    expect(await readSocialCase(second.url, PERSONAS.jonas.cpr)).toBe('denied');
    expect(second.consentClient.decisionCalls).toBe(calls + 1); // the forged value was a miss: asked again
  });

  /** The citizen's Redis key, as the attacker learns it from the gateway's DEL. */
  const redisKeyOf = (cpr: string) => DECISION_KEY_PREFIX + createCitizenKeyer(federation.gatewayConfig.decisionCacheSecret)(cpr);

  /** Writes the copied value back, then reads on `gateway`: the verdict, and whether the consent service was asked. */
  async function replayThenRead(
    gateway: RunningGateway,
    cpr: string,
    copied: string,
  ): Promise<[Verdict, 'asked' | 'from the cache']> {
    await redisCommand(redis.url, 'HSET', redisKeyOf(cpr), SOCIAL_TO_EMPLOYMENT, copied);
    const calls = gateway.consentClient.decisionCalls;
    const verdict = await readSocialCase(gateway.url, cpr);
    return [verdict, gateway.consentClient.decisionCalls > calls ? 'asked' : 'from the cache'];
  }

  async function withdraw(cpr: string, consentId: string): Promise<void> {
    const withdrawal = await graphql(federation.gateway.url, `mutation { withdrawConsent(id: "${consentId}") { status } }`, {
      token: await tokenFor(cpr),
    });
    expect(withdrawal).toEqual({ status: 200, data: { withdrawConsent: { status: 'WITHDRAWN' } } });
  }

  it("refuses Lars's genuine cached allow, copied before his withdrawal and written back after it, on both gateways, at the first request", async () => {
    // 1. Anna reads Lars's social case; the allow is cached in Redis, and the second gateway serves it from there.
    expect(await readSocialCase(federation.gateway.url, lars.cpr)).toBe('allowed');
    const calls = second.consentClient.decisionCalls;
    expect(await readSocialCase(second.url, lars.cpr)).toBe('allowed');
    expect(second.consentClient.decisionCalls).toBe(calls);
    // 2. The attacker (the Redis password, not the gateway's secret) copies the value.
    const copied = (await redisCommand(redis.url, 'HGET', redisKeyOf(lars.cpr), SOCIAL_TO_EMPLOYMENT)) as string;
    expect(copied).toContain('"allowed":true');
    // 3. Lars withdraws (CON-000005); the gateway deletes the entry.
    await withdraw(lars.cpr, 'CON-000005');
    // 4. At once and again after the change window, the attacker writes the copied value back; 5. Anna reads.
    expect(await replayThenRead(federation.gateway, lars.cpr, copied)).toEqual(['denied', 'asked']);
    expect(await replayThenRead(second, lars.cpr, copied)).toEqual(['denied', 'asked']);
    await sleep(AFTER_THE_CHANGE_WINDOW_MS);
    expect(await replayThenRead(federation.gateway, lars.cpr, copied)).toEqual(['denied', 'asked']);
    expect(await replayThenRead(second, lars.cpr, copied)).toEqual(['denied', 'asked']);
    // The same genuine value moved to another citizen (Sofie, her consent expired) or another pair is no allow either.
    expect(await replayThenRead(second, sofie.cpr, copied)).toEqual(['denied', 'asked']);
    await redisCommand(redis.url, 'HSET', redisKeyOf(lars.cpr), 'EMPLOYMENT|SOCIAL|ONE_PLAN', copied);
    const bosCalls = second.consentClient.decisionCalls;
    const bosRead = await graphql(second.url, READ_EMPLOYMENT_CASE, {
      token: await tokenFor('cw-soc-1'),
      variables: { cpr: lars.cpr },
    });
    expect(errorCodesByPath(bosRead)).toEqual({ 'citizen.employment': 'CONSENT_REQUIRED' });
    expect(second.consentClient.decisionCalls).toBe(bosCalls + 1);
    // The denial made after the withdrawal is cached like any decision: the next read is not asked again.
    const denialCalls = second.consentClient.decisionCalls;
    expect(await readSocialCase(second.url, lars.cpr)).toBe('denied');
    expect(second.consentClient.decisionCalls).toBe(denialCalls);
  });

  it("with the consent change feed cut, decides uncached: Peter's copied allow written back after his withdrawal is never read", async () => {
    expect(await readSocialCase(federation.gateway.url, peter.cpr)).toBe('allowed');
    const copied = (await redisCommand(redis.url, 'HGET', redisKeyOf(peter.cpr), SOCIAL_TO_EMPLOYMENT)) as string;
    expect(copied).toContain('"allowed":true');
    for (const gateway of [federation.gateway, second]) gateway.consentFeed.close();
    expect(
      await eventually(
        async () => [federation.gateway.decisionCache.trusted, second.decisionCache.trusted],
        (trusted) => !trusted.some(Boolean),
      ),
    ).toEqual([false, false]);
    await withdraw(peter.cpr, 'CON-000001');
    await sleep(AFTER_THE_CHANGE_WINDOW_MS);
    expect(await replayThenRead(federation.gateway, peter.cpr, copied)).toEqual(['denied', 'asked']);
    expect(await replayThenRead(second, peter.cpr, copied)).toEqual(['denied', 'asked']);
  });
});
