import { PERSONAS } from '@enplan/lib';
import { readSocialCase, twoGatewaysSharingRedis, withdrawPetersConsent, type Verdict } from './redisTestSupport';

const { peter } = PERSONAS;

describe('several gateway instances sharing one Redis', () => {
  const running = twoGatewaysSharingRedis();

  it("Peter's withdrawal through gateway A denies Anna's very next request through gateway B", async () => {
    const { gatewayA, gatewayB } = running;
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
    expect(await readSocialCase(running.gatewayA.url, peter.cpr)).toBe('denied');
  });
});
