import { once } from 'node:events';
import { connect } from 'node:net';
import { PERSONAS } from '@enplan/lib';
import type { RunningGateway } from '@enplan/gateway/src/server';
import { TestFederation } from './federation';
import { RedisServer } from './redisServer';
import { REDIS_UP, dumpRedis, healthBecomes, readSocialCase, redisCommand, startAnotherGateway } from './redisTestSupport';

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
});
