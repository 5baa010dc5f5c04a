import { Redis } from 'ioredis';
import { CONSENT_CHANGES_EXTENSION } from '@enplan/lib';
import { loadGatewayConfig } from '@enplan/gateway/src/config';
import { startGateway, type GatewayDependencies, type RunningGateway } from '@enplan/gateway/src/server';
import { errorCodesByPath, graphql, tokenFor, TestFederation, type GraphQLResult } from './federation';
import { RedisServer } from './redisServer';

/** A caseworker reading another department's CASE data about a citizen. */
export const READ_SOCIAL_CASE = /* GraphQL */ `
  query ReadSocialCase($cpr: ID!) {
    citizen(cpr: $cpr) {
      social {
        kind
      }
    }
  }
`;

export const READ_EMPLOYMENT_CASE = /* GraphQL */ `
  query ReadEmploymentCase($cpr: ID!) {
    citizen(cpr: $cpr) {
      employment {
        kind
      }
    }
  }
`;

/** Peter withdraws his written consent (CON-000001). */
export const WITHDRAW_PETERS_CONSENT = 'mutation WithdrawConsent { withdrawConsent(id: "CON-000001") { status } }';

export type Verdict = 'allowed' | 'denied' | { unexpected: GraphQLResult };

/** Anna's (or another caseworker's) view of a citizen's social case: shown, or CONSENT_REQUIRED. */
export async function readSocialCase(gatewayUrl: string, cpr: string, caseworker = 'cw-emp-1'): Promise<Verdict> {
  const result = await graphql(gatewayUrl, READ_SOCIAL_CASE, { token: await tokenFor(caseworker), variables: { cpr } });
  const social = result.data?.citizen?.social;
  if (social && typeof social.kind === 'string' && result.errors === undefined) return 'allowed';
  if (
    result.data?.citizen?.social === null &&
    JSON.stringify(errorCodesByPath(result)) === JSON.stringify({ 'citizen.social': 'CONSENT_REQUIRED' })
  ) {
    return 'denied';
  }
  return { unexpected: result };
}

/** Peter withdraws CON-000001 through the given gateway. */
export async function withdrawPetersConsent(gatewayUrl: string): Promise<GraphQLResult> {
  const result = await graphql(gatewayUrl, WITHDRAW_PETERS_CONSENT, { token: await tokenFor('0101804321') });
  // The internal extension naming changed citizens must never reach the client.
  expect(JSON.stringify(result)).not.toContain(CONSENT_CHANGES_EXTENSION);
  return result;
}

/** GET /health of a gateway, by its GraphQL URL. */
export async function healthOf(gateway: RunningGateway): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(gateway.url.replace(/\/graphql$/, '/health'));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls until `ok` holds (or fails with the last value seen). */
export async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const REDIS_UP = { status: 'ok', decisionCache: 'redis', redis: 'connected', invalidations: 'subscribed' };
export const REDIS_DOWN = { status: 'ok', decisionCache: 'redis', redis: 'disconnected', invalidations: 'not subscribed' };

/** Waits until the gateway's /health says `expected` and returns what it said last. */
export async function healthBecomes(gateway: RunningGateway, expected: Record<string, unknown>, timeoutMs = 10_000) {
  return eventually(
    () => healthOf(gateway),
    ({ body }) => JSON.stringify(body) === JSON.stringify(expected),
    timeoutMs,
  );
}

/** Another gateway instance over the same subgraphs as `federation`'s, with extra environment. */
export async function startAnotherGateway(
  federation: TestFederation,
  env: NodeJS.ProcessEnv,
  deps: GatewayDependencies = {},
): Promise<RunningGateway> {
  return startGateway(loadGatewayConfig({ PORT: '0', ...federation.gatewayEnv(), ...env }), deps);
}

/**
 * For a test file: a real Redis, the federation and two gateway instances sharing it ("every
 * gateway", rule 7), started before its tests and stopped after them. Decisions are cached for ten
 * minutes: only the change feed can explain a refusal. Read the fields inside the tests.
 */
export function twoGatewaysSharingRedis(): { federation: TestFederation; gatewayA: RunningGateway; gatewayB: RunningGateway } {
  const running = {} as { redis: RedisServer; federation: TestFederation; gatewayA: RunningGateway; gatewayB: RunningGateway };
  beforeAll(async () => {
    running.redis = await RedisServer.start();
    const env = { REDIS_URL: running.redis.url, DECISION_CACHE_TTL_MS: '600000' };
    running.federation = await TestFederation.start({ gatewayEnv: env });
    running.gatewayA = running.federation.gateway;
    running.gatewayB = await startAnotherGateway(running.federation, env);
    for (const gateway of [running.gatewayA, running.gatewayB])
      expect((await healthBecomes(gateway, REDIS_UP)).body).toEqual(REDIS_UP);
  });
  afterAll(async () => {
    await running.gatewayB?.stop();
    await running.federation?.stop();
    await running.redis?.stop();
  });
  return running;
}

/** Every key in Redis with every value it holds (strings, hash fields and values, set/list members). */
export async function dumpRedis(url: string): Promise<Array<{ key: string; type: string; values: string[] }>> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await redis.connect();
  try {
    const dump: Array<{ key: string; type: string; values: string[] }> = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const values =
          type === 'string'
            ? [(await redis.get(key)) ?? '']
            : type === 'hash'
              ? Object.entries(await redis.hgetall(key)).flat()
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'list'
                  ? await redis.lrange(key, '0', '-1')
                  : type === 'zset'
                    ? await redis.zrange(key, '0', '-1')
                    : [`<${type}>`];
        dump.push({ key, type, values });
      }
    } while (cursor !== '0');
    return dump;
  } finally {
    redis.disconnect();
  }
}

/** Runs one command on a fresh connection (for SAVE, GET and the like). */
export async function redisCommand(url: string, command: string, ...args: string[]): Promise<unknown> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await redis.connect();
  try {
    return await redis.call(command, ...args);
  } finally {
    redis.disconnect();
  }
}
