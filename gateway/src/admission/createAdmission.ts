import type { Logger } from '@enplan/lib';
import type { RequestHandler } from 'express';
import type { TokenVerifier } from '../auth/verifyToken';
import { closeRedisConnection, createRedisConnection } from '../cache/redisConnection';
import type { GatewayConfig } from '../config';
import type { OnRefusal } from '../http/refusals';
import { admission } from './admission';
import { MemoryRateLimiter, RedisRateLimiter, UNLIMITED, type RateLimiter } from './RateLimiter';
import { RefusalPacer } from './RefusalPacer';

export interface AdmissionStage {
  handler: RequestHandler;
  /** Closes the Redis connection of the shared rate limit, if any. */
  close(): Promise<void>;
}

/**
 * The admission stage as configured: the rate limit in memory or in Redis (shared by every
 * gateway). Buckets run on real time, not on the gateway's injectable clock: that one places
 * requests at consent-validity instants in tests, and a frozen clock would never refill a bucket.
 */
export function createAdmission(
  config: GatewayConfig,
  verifyToken: TokenVerifier,
  onRefusal: OnRefusal,
  logger: Logger,
): AdmissionStage {
  const { demand } = config;
  const redis =
    config.redisUrl && demand.ratePerSecond > 0 ? createRedisConnection(config.redisUrl, 'rate-limits', logger) : undefined;
  const bucket = { perSecond: demand.ratePerSecond, burst: demand.rateBurst };
  const rate: RateLimiter =
    demand.ratePerSecond === 0
      ? UNLIMITED
      : redis
        ? new RedisRateLimiter(redis, bucket, config.decisionCacheSecret, logger)
        : new MemoryRateLimiter(bucket);
  const handler = admission({
    verifyToken,
    rate,
    pacer: new RefusalPacer(demand.refusalPacing),
    authFailures: demand.authFailures.perSecond > 0 ? new MemoryRateLimiter(demand.authFailures) : undefined,
    onRefusal,
  });
  return { handler, close: async () => (redis ? closeRedisConnection(redis) : undefined) };
}
