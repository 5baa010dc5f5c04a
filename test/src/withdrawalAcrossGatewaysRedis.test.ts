import { PERSONAS } from '@enplan/lib';
import type { RunningGateway } from '@enplan/gateway/src/server';
import { TestFederation } from './federation';
import { RedisServer } from './redisServer';
import {
  REDIS_UP,
  healthBecomes,
  readSocialCase,
  startAnotherGateway,
  withdrawPetersConsent,
  type Verdict,
} from './redisTestSupport';

const { peter } = PERSONAS;

describe('several gateway instances sharing one Redis', () => {
  let redis: RedisServer;
  let federation: TestFederation;
  let gatewayA: RunningGateway;
  let gatewayB: RunningGateway;

  beforeAll(async () => {
    redis = await RedisServer.start();
    // A cached decision would live for ten minutes: only the invalidation can explain a denial.
    const env = { REDIS_URL: redis.url, DECISION_CACHE_TTL_MS: '600000' };
    federation = await TestFederation.start({ gatewayEnv: env });
    gatewayA = federation.gateway;
    gatewayB = await startAnotherGateway(federation, env);
    for (const gateway of [gatewayA, gatewayB]) expect((await healthBecomes(gateway, REDIS_UP)).body).toEqual(REDIS_UP);
  });
  afterAll(async () => {
    await gatewayB?.stop();
    await federation?.stop();
    await redis?.stop();
  });

  it("Peter's withdrawal through gateway A denies Anna's very next request through gateway B", async () => {
    expect(await readSocialCase(gatewayB.url, peter.cpr)).toBe('allowed');
    const callsOnB = gatewayB.consentClient.decisionCalls;
    expect(await readSocialCase(gatewayB.url, peter.cpr)).toBe('allowed');
    expect(gatewayB.consentClient.decisionCalls).toBe(callsOnB); // B answers from its cache now

    const withdrawal = await withdrawPetersConsent(gatewayA.url);
    const withdrawnAt = performance.now();
    expect(withdrawal.data).toEqual({ withdrawConsent: { status: 'WITHDRAWN' } });

    // Poll B (it should never take more than the first attempt) and time the propagation.
    const verdicts: Verdict[] = [];
    let deniedAfterMs = Number.NaN;
    while (verdicts.length < 100) {
      const verdict = await readSocialCase(gatewayB.url, peter.cpr);
      verdicts.push(verdict);
      if (verdict !== 'allowed') {
        deniedAfterMs = performance.now() - withdrawnAt;
        break;
      }
    }
    console.log(
      `withdrawal propagation A → B: ${Number.isNaN(deniedAfterMs) ? 'never denied' : `denied on attempt ${verdicts.length}, ${deniedAfterMs.toFixed(1)} ms after A answered`}`,
    );
    expect(verdicts).toEqual(['denied']);
    expect(gatewayB.consentClient.decisionCalls).toBeGreaterThan(callsOnB); // decided afresh, not from the cache
  });

  it('gateway A, which took the withdrawal, denies as well', async () => {
    expect(await readSocialCase(gatewayA.url, peter.cpr)).toBe('denied');
  });
});
