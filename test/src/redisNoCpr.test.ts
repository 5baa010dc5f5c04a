import { Redis } from 'ioredis';
import { PERSONAS } from '@enplan/lib';
import { TestFederation, graphql, tokenFor } from './federation';
import { RedisServer } from './redisServer';
import {
  READ_EMPLOYMENT_CASE,
  READ_SOCIAL_CASE,
  REDIS_UP,
  dumpRedis,
  healthBecomes,
  withdrawPetersConsent,
} from './redisTestSupport';

const CPRS = Object.values(PERSONAS).map((p) => p.cpr);

/** Every form in which a persona's CPR could leak: whole, with a dash, or DDMMYY followed by any 4 digits. */
function cprLeaks(text: string): string[] {
  return CPRS.filter((cpr) => {
    const [birth, serial] = [cpr.slice(0, 6), cpr.slice(6)];
    return text.includes(cpr) || text.includes(`${birth}-${serial}`) || new RegExp(`${birth}-?\\d{4}`).test(text);
  });
}

describe('the shared decision cache never holds a CPR number', () => {
  let redis: RedisServer;
  let federation: TestFederation;
  let listener: Redis;
  const messages: string[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    federation = await TestFederation.start({ gatewayEnv: { REDIS_URL: redis.url } });
    await healthBecomes(federation.gateway, REDIS_UP);
    // Everything published on any channel, as an eavesdropper on Redis would see it.
    listener = new Redis(redis.url, { maxRetriesPerRequest: 0 });
    listener.on('pmessage', (_pattern: string, channel: string, message: string) => messages.push(`${channel} ${message}`));
    await listener.psubscribe('*');
  });
  afterAll(async () => {
    listener?.disconnect();
    await federation?.stop();
    await redis?.stop();
  });

  it('in any key, value or invalidation message, after traffic about every persona and a withdrawal', async () => {
    const { url } = federation.gateway;
    for (const cpr of CPRS) {
      await graphql(url, READ_SOCIAL_CASE, { token: await tokenFor('cw-emp-1'), variables: { cpr } });
      await graphql(url, READ_EMPLOYMENT_CASE, { token: await tokenFor('cw-soc-1'), variables: { cpr } });
      await graphql(url, READ_EMPLOYMENT_CASE, { token: await tokenFor('cw-chi-1'), variables: { cpr } });
    }
    expect((await withdrawPetersConsent(url)).data).toEqual({ withdrawConsent: { status: 'WITHDRAWN' } });
    await graphql(url, READ_SOCIAL_CASE, { token: await tokenFor('cw-emp-1'), variables: { cpr: PERSONAS.mette.cpr } });

    const dump = await dumpRedis(redis.url);
    const decisionHashes = dump.filter((d) => d.type === 'hash');
    expect(decisionHashes.length).toBeGreaterThanOrEqual(CPRS.length - 1); // all but Peter, just evicted
    for (const { key, values } of dump) {
      expect({ key, leaks: cprLeaks(key) }).toEqual({ key, leaks: [] });
      for (const value of values) expect({ key, value, leaks: cprLeaks(value) }).toEqual({ key, value, leaks: [] });
    }

    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message).toMatch(/^enplan:consent-invalidations (\*|[0-9a-f]{64})$/);
      expect(cprLeaks(message)).toEqual([]);
    }
  });
});
