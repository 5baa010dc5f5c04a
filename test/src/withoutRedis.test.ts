import { MemoryDecisionCache } from '@enplan/gateway/src/consent/DecisionCache';
import { TestFederation } from './federation';
import { healthOf, readSocialCase } from './redisTestSupport';

describe('a gateway without REDIS_URL', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  it('keeps consent decisions in memory, and /health says so', async () => {
    expect(await healthOf(federation.gateway)).toEqual({ status: 200, body: { status: 'ok', decisionCache: 'memory' } });
    expect(federation.gateway.decisionCache.inner).toBeInstanceOf(MemoryDecisionCache);

    expect(await readSocialCase(federation.gateway.url, '0101804321')).toBe('allowed');
    const calls = federation.gateway.consentClient.decisionCalls;
    expect(await readSocialCase(federation.gateway.url, '0101804321')).toBe('allowed');
    expect(federation.gateway.consentClient.decisionCalls).toBe(calls);
  });
});
