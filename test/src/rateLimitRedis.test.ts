import type { RunningGateway } from '@enplan/gateway/src/server';
import { TestFederation, graphql, tokenFor } from './federation';
import { RedisServer } from './redisServer';
import { REDIS_UP, dumpRedis, healthBecomes, startAnotherGateway } from './redisTestSupport';

const READ = '{ citizen(cpr: "0101804321") { cpr } }';

describe('fair shares across gateways: one token bucket per actor in Redis', () => {
  let redis: RedisServer;
  let federation: TestFederation;
  let gatewayA: RunningGateway;
  let gatewayB: RunningGateway;
  let bo: string;
  let anna: string;

  beforeAll(async () => {
    redis = await RedisServer.start();
    // A bucket of 4, refilled by one request a second; refusals sent at once (pacing is tested in demandControl).
    const env = { REDIS_URL: redis.url, RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '4', RATE_LIMIT_REFUSAL_DELAY_MS: '0' };
    federation = await TestFederation.start({ gatewayEnv: env });
    gatewayA = federation.gateway;
    gatewayB = await startAnotherGateway(federation, env);
    for (const gateway of [gatewayA, gatewayB]) await healthBecomes(gateway, REDIS_UP);
    [bo, anna] = [await tokenFor('cw-soc-1'), await tokenFor('cw-emp-1')];
  });
  afterAll(async () => {
    await gatewayB?.stop();
    await federation?.stop();
    await redis?.stop();
  });

  it("Bo's share is the same however many gateways he spreads his requests over; Anna's is her own", async () => {
    const statuses: number[] = [];
    for (const gateway of [gatewayA, gatewayB, gatewayA, gatewayB, gatewayA, gatewayB]) {
      statuses.push((await graphql(gateway.url, READ, { token: bo })).status);
    }
    // The bucket refills by one a second: allow for one refill during the six requests.
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.slice(4).filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    const refused = await graphql(gatewayB.url, READ, { token: bo });
    expect([refused.status, refused.errors?.[0]?.extensions?.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await graphql(gatewayB.url, READ, { token: anna })).status).toBe(200);
  });

  it('keeps no actor id in Redis: bucket keys are keyed hashes', async () => {
    const keys = (await dumpRedis(redis.url)).map((entry) => entry.key).filter((key) => key.startsWith('enplan:rate:'));
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^enplan:rate:[0-9a-f]{64}$/);
  });

  it('still limits, per gateway, while Redis is down, and never fails a request for it', async () => {
    await redis.kill();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await graphql(gatewayA.url, READ, { token: anna })).status);
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    await redis.restart();
  });
});
