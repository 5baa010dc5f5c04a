import { Redis } from 'ioredis';
import type { Logger } from '@enplan/lib';

export interface RedisConnectionOptions {
  /** How long one connection attempt may take. @default 1000 */
  connectTimeoutMs?: number;
  /** How long one command may take before it counts as failed (a stalled Redis). @default 250 */
  commandTimeoutMs?: number;
  /** The cap of the exponential back-off between reconnection attempts. @default 1000 */
  maxReconnectDelayMs?: number;
}

/**
 * An ioredis connection for the decision cache, tuned so that Redis is never on the critical path:
 * while it is unreachable, commands fail at once instead of queueing (`enableOfflineQueue: false`,
 * `maxRetriesPerRequest: 0`), a stalled server costs at most `commandTimeoutMs`, and the connection
 * keeps reconnecting by itself with a capped back-off. Callers catch every failure and decide
 * through the consent service instead (rule 4: fail closed, never fail the request).
 *
 * Logs one line per transition ("redis connection lost" / "redis reconnected"), never the URL
 * (it may hold a password) and never a CPR.
 */
export function createRedisConnection(
  url: string,
  role: 'commands' | 'invalidations' | 'rate-limits',
  logger: Logger,
  options: RedisConnectionOptions = {},
): Redis {
  const maxDelay = options.maxReconnectDelayMs ?? 1_000;
  const redis = new Redis(url, {
    connectionName: `enplan-gateway-${role}`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResubscribe: false, // the invalidation bus subscribes itself, so it knows when it is really subscribed
    autoResendUnfulfilledCommands: false,
    connectTimeout: options.connectTimeoutMs ?? 1_000,
    commandTimeout: options.commandTimeoutMs ?? 250,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 10), maxDelay),
  });
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  let lastError: string | undefined;
  redis.on('ready', () => {
    logger.info(state === 'down' ? 'redis reconnected' : 'redis connected', { connection: role });
    state = 'up';
  });
  redis.on('close', () => {
    if (state === 'up') logger.warn('redis connection lost', { connection: role, ...(lastError && { error: lastError }) });
    else if (state === 'connecting')
      logger.warn('redis unavailable; deciding through the consent service until it is back', { connection: role });
    state = 'down';
  });
  // Without a listener ioredis prints every failed attempt; the transitions above say what matters.
  redis.on('error', (error: Error) => {
    lastError = error.message;
    logger.debug('redis error', { connection: role, error: error.message });
  });
  return redis;
}

/** Closes a connection politely if it is up, at once otherwise; never throws. */
export async function closeRedisConnection(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => undefined);
  redis.disconnect();
}
