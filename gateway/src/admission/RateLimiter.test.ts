import { MemoryRateLimiter } from './RateLimiter';
import { ConcurrencyLimiter } from './ConcurrencyLimiter';

describe('a token bucket per actor, in memory', () => {
  it('lets a burst through, then refuses with the seconds until the next token, and refills', async () => {
    let now = 1_000_000;
    const limiter = new MemoryRateLimiter({ perSecond: 2, burst: 3 }, () => now);
    for (let i = 0; i < 3; i++) expect(await limiter.take('cw-soc-1')).toEqual({ allowed: true });
    expect(await limiter.take('cw-soc-1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 499;
    expect(await limiter.take('cw-soc-1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1;
    expect(await limiter.take('cw-soc-1')).toEqual({ allowed: true });
    expect(await limiter.take('cw-soc-1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("does not let one actor's flood touch another actor's bucket", async () => {
    const limiter = new MemoryRateLimiter({ perSecond: 1, burst: 2 }, () => 0);
    for (let i = 0; i < 50; i++) await limiter.take('cw-soc-1');
    expect(await limiter.take('cw-soc-1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await limiter.take('cw-emp-1')).toEqual({ allowed: true });
  });

  it('says how long to wait when the refill is slow', async () => {
    const limiter = new MemoryRateLimiter({ perSecond: 0.25, burst: 1 }, () => 0);
    await limiter.take('cw-chi-1');
    expect(await limiter.take('cw-chi-1')).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });
});

describe('concurrent expensive requests per actor', () => {
  it('holds at most the bound in flight, per actor, and frees a slot on release (once)', () => {
    const limiter = new ConcurrencyLimiter(2);
    const first = limiter.tryAcquire('cw-emp-1');
    const second = limiter.tryAcquire('cw-emp-1');
    expect(first && second).toBeDefined();
    expect(limiter.tryAcquire('cw-emp-1')).toBeUndefined();
    expect(limiter.tryAcquire('cw-soc-1')).toBeDefined();
    first?.();
    first?.();
    expect(limiter.tryAcquire('cw-emp-1')).toBeDefined();
    expect(limiter.tryAcquire('cw-emp-1')).toBeUndefined();
  });
});
