import type { Logger } from '@enplan/lib';
import { closeRedisConnection, createRedisConnection, type RedisConnectionOptions } from '../cache/redisConnection';
import { RedisDecisionStore, type StoredDecisionSet } from '../cache/RedisDecisionStore';
import { createCitizenKeyer, type CitizenKey } from './citizenKey';
import { ALL_CITIZENS, ConsentInvalidationBus } from './ConsentInvalidationBus';
import { MemoryDecisionCache, type CachedDecisions, type CachedDecisionSet, type DecisionCache } from './DecisionCache';

export interface RedisDecisionCacheOptions extends RedisConnectionOptions {
  redisUrl: string;
  /** The gateway's own secret (DECISION_CACHE_SECRET): citizen keys and value MACs are derived from it. */
  secret: string;
  logger: Logger;
  /**
   * For this long after a citizen's consents change, decisions about them are neither read from nor
   * written to any cache. It must exceed the longest a decision call can take (the consent timeout):
   * a decision evaluated just before the change, by any gateway, may only arrive after it.
   * @default 3000
   */
  changeWindowMs?: number;
}

/** What GET /health says about the decision cache. */
export type DecisionCacheHealth =
  | { decisionCache: 'memory' | 'custom' }
  | { decisionCache: 'redis'; redis: 'connected' | 'disconnected'; invalidations: 'subscribed' | 'not subscribed' };

/**
 * The decision cache shared by several gateway instances: Redis (shared, keyed by a keyed HMAC of
 * the CPR) fronted by a small per-instance memory layer, kept honest by the invalidation bus.
 *
 * - The memory layer is trusted only while the invalidation subscription is in place (and Redis is
 *   healthy), and is emptied whenever it (re)subscribes, since it may have missed announcements meanwhile.
 * - `evictCitizen` (a consent change seen by this gateway) drops the citizen here and in Redis and
 *   announces it, before the mutation's response is returned; every gateway drops it on the announcement.
 * - When Redis is unreachable, every call resolves at once with "not cached" and requests are decided
 *   through the consent service; nothing here ever throws to a request.
 */
export class RedisDecisionCache implements DecisionCache {
  private local = new MemoryDecisionCache(10_000);
  /** Citizen key → when (real time) and at which `generation` their consents last changed. */
  private readonly changes = new Map<CitizenKey, { at: number; generation: number }>();
  /** Bumped on every local drop, so a lookup can tell whether one happened while it waited on Redis. */
  private generation = 0;
  private clearedAt = 0;
  private readonly citizenKey: (cpr: string) => CitizenKey;
  private readonly changeWindowMs: number;

  private constructor(
    private readonly store: RedisDecisionStore,
    private readonly bus: ConsentInvalidationBus,
    private readonly closeConnections: () => Promise<void>,
    secret: string,
    changeWindowMs: number,
  ) {
    this.citizenKey = createCitizenKeyer(secret);
    this.changeWindowMs = changeWindowMs;
  }

  /** Connects in the background: the gateway starts, and decides without a cache, while Redis is away. */
  static create(options: RedisDecisionCacheOptions): RedisDecisionCache {
    const { logger } = options;
    const commands = createRedisConnection(options.redisUrl, 'commands', logger, options);
    const subscriber = createRedisConnection(options.redisUrl, 'invalidations', logger, options);
    // eslint-disable-next-line prefer-const -- the bus's callbacks close over the cache, which is built after the bus
    let cache: RedisDecisionCache | undefined;
    const bus = new ConsentInvalidationBus(
      commands,
      subscriber,
      {
        citizen: (citizen) => cache?.dropCitizen(citizen),
        all: () => cache?.clearLocal(),
        subscribed: () => cache?.clearLocal(),
      },
      logger,
    );
    const store = new RedisDecisionStore(
      commands,
      logger,
      async () => {
        cache?.clearLocal();
        await bus.publish(ALL_CITIZENS);
      },
      options.secret,
    );
    const close = async () => {
      bus.close();
      await Promise.all([closeRedisConnection(subscriber), closeRedisConnection(commands)]);
    };
    cache = new RedisDecisionCache(store, bus, close, options.secret, options.changeWindowMs ?? 3_000);
    return cache;
  }

  async getMany(keys: ReadonlyArray<{ cpr: string; pair: string }>, now: number): Promise<Array<CachedDecisions | undefined>> {
    const realNow = Date.now();
    const lookups = keys.map((k) => ({ citizen: this.citizenKey(k.cpr), pair: k.pair }));
    const result: Array<CachedDecisions | undefined> = keys.map(() => undefined);
    const local = this.localTrusted
      ? await this.local.getMany(
          lookups.map(({ citizen, pair }) => ({ cpr: citizen, pair })),
          now,
        )
      : [];
    const remote: number[] = [];
    lookups.forEach(({ citizen }, i) => {
      if (this.changedRecently(citizen, realNow)) return;
      if (local[i]) result[i] = local[i];
      else remote.push(i);
    });
    if (remote.length === 0) return result;

    const before = this.generation;
    const found = await this.store.read(
      remote.map((i) => lookups[i]!),
      now,
    );
    const keepLocally: CachedDecisionSet[] = [];
    remote.forEach((i, j) => {
      const entry = found[j];
      // A drop that arrived while Redis answered may concern exactly this entry.
      if (!entry || this.changedSince(entry.citizen, before)) return;
      const { citizen, ...kept } = entry;
      result[i] = kept;
      keepLocally.push({ cpr: citizen, ...kept });
    });
    if (this.localTrusted) await this.local.setMany(keepLocally);
    return result;
  }

  async setMany(entries: readonly CachedDecisionSet[]): Promise<void> {
    const realNow = Date.now();
    const fresh: StoredDecisionSet[] = entries
      .map(({ cpr, pair, decisions, expiresAt, changeSequence }) => ({
        citizen: this.citizenKey(cpr),
        pair,
        decisions,
        expiresAt,
        changeSequence,
      }))
      .filter((e) => !this.changedRecently(e.citizen, realNow));
    if (fresh.length === 0) return;
    if (this.localTrusted) await this.local.setMany(fresh.map(({ citizen, ...kept }) => ({ cpr: citizen, ...kept })));
    await this.store.write(fresh);
  }

  /**
   * A consent change seen by this gateway: drop the citizen here, in Redis, and on every other
   * gateway (announced). If Redis cannot be reached, the local drop still holds, and the store
   * disregards everything written before, as soon as Redis is back (see RedisDecisionStore).
   */
  async evictCitizen(cpr: string): Promise<void> {
    const citizen = this.citizenKey(cpr);
    this.forgetLocally(citizen);
    // Both go over the command connection in this order: the DEL is done before anyone hears of it.
    const [dropped, announced] = await Promise.all([
      this.store.drop(citizen),
      this.bus.publish(citizen).then(
        () => true,
        () => false,
      ),
    ]);
    if (dropped && !announced) this.store.distrust();
  }

  /** A change may have been missed (the consent change feed was lost): a new epoch disregards every shared and local decision. */
  async clear(): Promise<void> {
    this.clearLocal();
    this.store.distrust();
  }

  health(): Extract<DecisionCacheHealth, { decisionCache: 'redis' }> {
    return {
      decisionCache: 'redis',
      redis: this.store.connected ? 'connected' : 'disconnected',
      invalidations: this.bus.subscribed ? 'subscribed' : 'not subscribed',
    };
  }

  /** Closes both Redis connections. */
  close(): Promise<void> {
    return this.closeConnections();
  }

  /**
   * The memory layer may answer only while no announcement can have been missed: the subscription is
   * in place and Redis itself is healthy (a stalled Redis keeps a subscription that looks alive while
   * it delivers nothing; a failed command sets Redis aside until a new epoch, which empties this layer).
   */
  private get localTrusted(): boolean {
    return this.bus.subscribed && this.store.usable;
  }

  /** Another gateway (or this one) announced a change. */
  private dropCitizen(citizen: CitizenKey): void {
    this.forgetLocally(citizen);
    // An entry written by a request that was deciding when the change happened may have landed in
    // Redis after the announcer's DEL; each gateway deletes again once it has heard of the change.
    void this.store.drop(citizen);
  }

  private forgetLocally(citizen: CitizenKey): void {
    void this.local.evictCitizen(citizen);
    this.generation += 1;
    this.changes.delete(citizen); // re-insert at the end: the map stays ordered by time
    this.changes.set(citizen, { at: Date.now(), generation: this.generation });
    for (const [key, change] of this.changes) {
      if (Date.now() - change.at < this.changeWindowMs) break;
      this.changes.delete(key);
    }
  }

  private clearLocal(): void {
    this.local = new MemoryDecisionCache(10_000);
    this.generation += 1;
    this.clearedAt = this.generation;
  }

  private changedRecently(citizen: CitizenKey, realNow: number): boolean {
    const change = this.changes.get(citizen);
    return change !== undefined && realNow - change.at < this.changeWindowMs;
  }

  private changedSince(citizen: CitizenKey, generation: number): boolean {
    return this.clearedAt > generation || (this.changes.get(citizen)?.generation ?? 0) > generation;
  }
}

/** What GET /health reports about a decision cache. */
export function describeDecisionCache(cache: DecisionCache): DecisionCacheHealth {
  if (cache instanceof RedisDecisionCache) return cache.health();
  return { decisionCache: cache instanceof MemoryDecisionCache ? 'memory' : 'custom' };
}
