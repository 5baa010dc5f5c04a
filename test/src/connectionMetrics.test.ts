import { metrics } from '@enplan/lib';
import { TestFederation } from './federation';
import { RedisServer } from './redisServer';
import { healthBecomes, REDIS_DOWN, REDIS_UP } from './redisTestSupport';

/** The gauge as a scrape reads it (its values are taken at scrape time). */
async function connectionsUp(): Promise<Record<string, number>> {
  const { values } = await metrics.connectionUp.get();
  return Object.fromEntries(values.map((v) => [String(v.labels.connection), v.value]));
}

describe("the gateway's Redis connections as metrics (enplan_connection_up)", () => {
  let redis: RedisServer;
  let federation: TestFederation;

  beforeAll(async () => {
    redis = await RedisServer.start();
    federation = await TestFederation.start({ gatewayEnv: { REDIS_URL: redis.url } });
    await healthBecomes(federation.gateway, REDIS_UP);
  });
  afterAll(async () => {
    await federation?.stop();
    await redis?.stop();
  });

  it('reads 1 for the cache and the withdrawal subscription while Redis is up, 0 while it is down, 1 again when it is back', async () => {
    expect(await connectionsUp()).toEqual({ redis: 1, consent_invalidations: 1 });
    await redis.kill();
    await healthBecomes(federation.gateway, REDIS_DOWN);
    expect(await connectionsUp()).toEqual({ redis: 0, consent_invalidations: 0 });
    await redis.restart();
    await healthBecomes(federation.gateway, REDIS_UP);
    expect(await connectionsUp()).toEqual({ redis: 1, consent_invalidations: 1 });
  }, 30_000);
});
