import type { Server } from 'node:http';
import { listen } from '@enplan/lib';
import express from 'express';
import { demoClaims, issueDemoToken } from '../auth/demoTokens';
import { createTokenVerifier } from '../auth/verifyToken';
import type { RefusalReason } from '../http/refusals';
import { admission, admittedActor } from './admission';
import { MemoryRateLimiter } from './RateLimiter';
import { RefusalPacer } from './RefusalPacer';

const jwt = { secret: 'admission-test-secret', issuer: 'enplan-test', audience: 'enplan' };
const tokenFor = (who: string) => issueDemoToken(demoClaims(who) ?? {}, jwt);

describe('admission: who asks, and whether their bucket allows it, before the body is read', () => {
  const refusals: RefusalReason[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.use(
      admission({
        verifyToken: createTokenVerifier(jwt),
        // A frozen clock: Bo's bucket of two never refills during the test.
        rate: new MemoryRateLimiter({ perSecond: 1, burst: 2 }, () => 0),
        pacer: new RefusalPacer({ delayMs: 0, maxHeldPerActor: 1, maxHeld: 1 }),
        authFailures: undefined,
        onRefusal: (reason) => refusals.push(reason),
      }),
      (_req, res) => res.json({ admitted: admittedActor(res)?.id ?? null }),
    );
    const listening = await listen(app, 0, '127.0.0.1');
    server = listening.server;
    url = `http://127.0.0.1:${listening.port}/graphql`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const post = async (token: string | undefined) => {
    const response = await fetch(url, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
    type Answer = { admitted?: string | null; errors: Array<{ extensions: Record<string, unknown> }> };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Answer };
  };

  it('admits Bo twice from his bucket, refuses his third with RATE_LIMITED and Retry-After, and still admits Anna', async () => {
    const bo = await tokenFor('cw-soc-1');
    expect((await post(bo)).body).toEqual({ admitted: 'cw-soc-1' });
    expect((await post(bo)).body).toEqual({ admitted: 'cw-soc-1' });
    const refused = await post(bo);
    expect([refused.status, refused.retryAfter, refused.body.errors[0]?.extensions]).toEqual([
      429,
      '1',
      { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
    ]);
    expect((await post(await tokenFor('cw-emp-1'))).body).toEqual({ admitted: 'cw-emp-1' });
    expect(refusals).toEqual(['rate']);
  });

  it('refuses a request without a token as UNAUTHENTICATED, and a forged one the same way', async () => {
    const forged = await issueDemoToken(demoClaims('cw-emp-1') ?? {}, { ...jwt, secret: 'not-the-gateway-secret' });
    for (const token of [undefined, forged]) {
      const refused = await post(token);
      expect([refused.status, refused.body.errors[0]?.extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });
});
