import { countRefusal, type Logger } from '@enplan/lib';
import { closeRedisConnection, createRedisConnection } from '../cache/redisConnection';
import type { GatewayConfig } from '../config';
import { ConcurrencyLimiter } from './ConcurrencyLimiter';
import { CostModel } from './CostModel';
import { DemandGate } from './DemandGate';
import { MemoryRateLimiter, RedisRateLimiter, UNLIMITED, type RateLimiter } from './RateLimiter';

export interface DemandControl {
  gate: DemandGate;
  /** Closes the Redis connection of the shared rate limit, if any. */
  close(): Promise<void>;
}

/**
 * Demand control as configured: the cost model from the supergraph, the rate limit in memory or
 * Redis. Buckets run on real time, not on the gateway's injectable clock: that one places requests
 * at consent-validity instants in tests, and a frozen clock would never refill a bucket.
 */
export function createDemandControl(config: GatewayConfig, supergraphSdl: string, logger: Logger): DemandControl {
  const { demand, limits } = config;
  const redis =
    config.redisUrl && demand.ratePerSecond > 0 ? createRedisConnection(config.redisUrl, 'rate-limits', logger) : undefined;
  const bucket = { perSecond: demand.ratePerSecond, burst: demand.rateBurst };
  const rateLimiter: RateLimiter =
    demand.ratePerSecond === 0
      ? UNLIMITED
      : redis
        ? new RedisRateLimiter(redis, bucket, config.decisionCacheSecret, logger)
        : new MemoryRateLimiter(bucket);
  const gate = new DemandGate(
    new CostModel(supergraphSdl, { defaultListSize: demand.defaultListSize }),
    {
      maxQueryLength: limits.maxQueryLength,
      // Brackets also open inline fragments, arguments and list values: room for those beyond the field depth.
      maxNesting: 4 * limits.maxQueryDepth,
      maxTokens: limits.maxTokens,
      costLimit: demand.costLimit,
      expensiveCost: demand.expensiveCost,
    },
    rateLimiter,
    new ConcurrencyLimiter(demand.maxConcurrentExpensive),
    // Counted, and logged at debug only: a flood of refusals must not become a flood of log lines.
    (reason) => {
      countRefusal(reason);
      logger.debug('request refused', { reason });
    },
  );
  return { gate, close: async () => (redis ? closeRedisConnection(redis) : undefined) };
}
