import { createHmac } from 'node:crypto';
import type { Logger } from '@enplan/lib';
import type { Redis } from 'ioredis';

/** The answer for one request: go ahead, or wait this many seconds. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A token bucket per actor: `burst` requests at once, refilled by `perSecond`. */
export interface RateLimiter {
  take(actorKey: string): Promise<RateVerdict>;
}

export interface TokenBucketSettings {
  perSecond: number;
  burst: number;
}

function retryAfter(missingTokens: number, perSecond: number): number {
  return Math.max(1, Math.ceil(missingTokens / perSecond));
}

/** Buckets above this many are pruned of full ones (a full bucket is the same as none). */
const PRUNE_ABOVE = 10_000;

/** The embedded default: buckets in this gateway's memory. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly settings: TokenBucketSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async take(actorKey: string): Promise<RateVerdict> {
    return this.takeNow(actorKey);
  }

  takeNow(actorKey: string): RateVerdict {
    const { perSecond, burst } = this.settings;
    const now = this.now();
    const bucket = this.buckets.get(actorKey) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(actorKey, bucket);
      return { allowed: false, retryAfterSeconds: retryAfter(1 - bucket.tokens, perSecond) };
    }
    bucket.tokens -= 1;
    this.buckets.set(actorKey, bucket);
    if (this.buckets.size > PRUNE_ABOVE) this.prune(now);
    return { allowed: true };
  }

  private prune(now: number): void {
    const { perSecond, burst } = this.settings;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
  }
}

/**
 * One atomic step of a bucket kept in Redis, timed by Redis's own clock so every gateway agrees.
 * Returns {1, 0} when allowed, {0, ms until one token} when not. The key expires once the bucket
 * would be full again, so idle actors leave nothing behind.
 */
const TAKE_SCRIPT = `
local perSecond = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (math.max(0, now - at) / 1000) * perSecond)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) / perSecond * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perSecond * 1000) + 1000)
return {allowed, wait}
`;

/** Checks the script's answer (Redis is an untrusted store): [allowed 0 | 1, wait in ms]. */
function parseAnswer(answer: unknown): { allowed: boolean; waitMs: number } {
  if (!Array.isArray(answer) || answer.length !== 2) throw new Error('unexpected rate-limit answer from redis');
  const [allowed, waitMs] = answer as unknown[];
  if ((allowed !== 0 && allowed !== 1) || !Number.isSafeInteger(waitMs) || (waitMs as number) < 0) {
    throw new Error('unexpected rate-limit answer from redis');
  }
  return { allowed: allowed === 1, waitMs: waitMs as number };
}

/**
 * Buckets shared by every gateway through Redis (REDIS_URL), so an actor's share does not grow with
 * the number of gateways. Keys hold a keyed hash of the actor id, never the id itself. While Redis
 * is unreachable each gateway falls back to its own memory buckets: the limit still holds per
 * gateway, and no request fails because of Redis.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback: MemoryRateLimiter;
  private readonly hashKey: Buffer;

  /** `secret`: the gateway's own Redis secret (DECISION_CACHE_SECRET), from which the key of the actor-id hash is derived. */
  constructor(
    private readonly redis: Redis,
    private readonly settings: TokenBucketSettings,
    secret: string,
    private readonly logger: Logger,
  ) {
    this.fallback = new MemoryRateLimiter(settings);
    this.hashKey = createHmac('sha256', secret).update('enplan rate-limit-key').digest();
  }

  /** The Redis key of an actor's bucket. */
  keyOf(actorKey: string): string {
    return `enplan:rate:${createHmac('sha256', this.hashKey).update(actorKey).digest('hex')}`;
  }

  async take(actorKey: string): Promise<RateVerdict> {
    try {
      const { allowed, waitMs } = parseAnswer(
        await this.redis.eval(TAKE_SCRIPT, 1, this.keyOf(actorKey), String(this.settings.perSecond), String(this.settings.burst)),
      );
      return allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    } catch (error) {
      this.logger.debug('rate limit decided in memory: redis failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      return this.fallback.takeNow(actorKey);
    }
  }
}

/** No rate limit (RATE_LIMIT_PER_SECOND=0). */
export const UNLIMITED: RateLimiter = { take: async () => ({ allowed: true }) };
