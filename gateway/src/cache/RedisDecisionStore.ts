import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DATA_CATEGORIES, maskCprsInText, type Logger } from '@enplan/lib';
import { z } from 'zod';
import type { CitizenKey } from '../consent/citizenKey';
import type { DecisionSet } from '../consent/DecisionCache';

/** Every key the decision cache writes starts with this; nothing else in Redis is touched. */
export const DECISION_KEY_PREFIX = 'enplan:decisions:';
/** The current epoch: entries stored under another epoch are disregarded. */
export const DECISION_EPOCH_KEY = `${DECISION_KEY_PREFIX}epoch`;

/** One citizen's decisions for one `${owner}|${recipient}|${purpose}`, keyed by citizen key, not CPR. */
export interface StoredDecisionSet {
  citizen: CitizenKey;
  pair: string;
  decisions: DecisionSet;
  /** Epoch ms. */
  expiresAt: number;
  /** The newest consent change the decisions reflect (bound by the MAC, like everything in the value). */
  changeSequence: number;
}

const decisionSchema = z.object({
  allowed: z.boolean(),
  consentId: z.string().nullable(),
  reason: z.string(),
  validUntil: z.number().nullable(),
  nextChangeAt: z.number().nullable(),
});

/** The JSON of a hash field: epoch, expiry, change sequence, decisions (consent ids and reasons only, no CPR). */
const storedValueSchema = z.object({
  e: z.string(),
  x: z.number(),
  s: z.number().int().nonnegative(),
  d: z.object(
    Object.fromEntries(DATA_CATEGORIES.map((c) => [c, decisionSchema])) as Record<
      (typeof DATA_CATEGORIES)[number],
      typeof decisionSchema
    >,
  ),
});
type StoredValue = z.infer<typeof storedValueSchema>;

const citizenRedisKey = (citizen: CitizenKey) => `${DECISION_KEY_PREFIX}${citizen}`;

/**
 * Consent decisions in Redis: one hash per citizen (`enplan:decisions:<citizen key>`, fields =
 * pairs), so dropping a citizen is a single DEL, and a lookup of a whole batch is one MULTI.
 *
 * **Epochs, or why a reconnect starts afresh.** When Redis cannot be reached, a gateway that takes a
 * withdrawal cannot delete the citizen's entries, and Redis may come back with them (a partition, or
 * a restart from a snapshot). So every value records the epoch it was written under, a read returns
 * only values of the current epoch (read in the same MULTI), and every time this gateway (re)connects,
 * or a command fails (a drop, an announcement, a stalled read), it INCRements the epoch before it
 * trusts Redis again: whatever was written before is disregarded, by every gateway, at once. The cost
 * is a cold shared cache after an outage; decisions are cheap to ask again.
 */
export class RedisDecisionStore {
  /** The epoch last seen (a read, or a renewal): what writes are stamped with. */
  private epoch: string | undefined;
  /** Bumped whenever Redis may hold something stale; a renewal catches up with the value it started at. */
  private distrusted = 1;
  private renewed = 0;
  private renewal: Promise<void> | undefined;

  private readonly macKey: Buffer;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    /**
     * Runs once a new epoch is in place, before Redis is trusted again: drop local copies and tell
     * the other gateways to drop theirs. If it throws, the epoch is started again later.
     */
    private readonly onNewEpoch: () => Promise<void>,
    /** The gateway's secret (never given to Redis): every value is authenticated with a key derived from it. */
    secret: string,
  ) {
    this.macKey = createHmac('sha256', secret).update('enplan decision-cache-value').digest();
    redis.on('ready', () => this.distrust());
    redis.on('close', () => {
      this.distrusted += 1;
    });
  }

  /** The connection is up (whether or not a new epoch is in place yet). */
  get connected(): boolean {
    return this.redis.status === 'ready';
  }

  /** Reads and writes may use Redis: connected, and no entry from before a gap can be read. */
  get usable(): boolean {
    if (this.renewed < this.distrusted) this.startNewEpoch(); // retries a renewal that failed
    return this.connected && this.renewed >= this.distrusted;
  }

  /** Redis may hold something stale, or is failing: set it aside until a new epoch is in place. */
  distrust(): void {
    this.distrusted += 1;
    this.startNewEpoch();
  }

  /** The cached decisions for each key, in order; undefined for a miss, an expired entry, or any failure. */
  async read(
    keys: ReadonlyArray<{ citizen: CitizenKey; pair: string }>,
    now: number,
  ): Promise<Array<StoredDecisionSet | undefined>> {
    const misses = keys.map(() => undefined);
    if (keys.length === 0 || !this.usable) return misses;
    const pairSets = new Map<CitizenKey, Set<string>>();
    for (const { citizen, pair } of keys) pairSets.set(citizen, (pairSets.get(citizen) ?? new Set()).add(pair));
    const citizens = [...pairSets.keys()];
    const pairsOf = new Map(citizens.map((c) => [c, [...(pairSets.get(c) ?? [])]]));
    const multi = this.redis.multi().get(DECISION_EPOCH_KEY);
    for (const citizen of citizens) multi.hmget(citizenRedisKey(citizen), ...(pairsOf.get(citizen) ?? []));
    let replies: Array<[Error | null, unknown]> | null;
    try {
      replies = await multi.exec();
      const failed = replies?.find(([error]) => error)?.[0];
      if (!replies || failed) throw failed ?? new Error('transaction aborted');
    } catch (error) {
      // A failing (e.g. stalled) Redis is set aside until a new epoch can be started: one timeout,
      // not one per request.
      this.logger.warn('redis read failed; deciding through the consent service', { error: (error as Error).message });
      this.distrust();
      return misses;
    }
    const epoch = (replies[0]?.[1] as string | null) ?? '0';
    this.epoch = epoch;
    const found = new Map<string, StoredDecisionSet>();
    citizens.forEach((citizen, i) => {
      const values = (replies?.[i + 1]?.[1] ?? []) as Array<string | null>;
      (pairsOf.get(citizen) ?? []).forEach((pair, j) => {
        const value = this.parse(values[j], citizen, pair);
        if (value && value.e === epoch && value.x > now)
          found.set(`${citizen}|${pair}`, { citizen, pair, decisions: value.d, expiresAt: value.x, changeSequence: value.s });
      });
    });
    return keys.map((k) => found.get(`${k.citizen}|${k.pair}`));
  }

  /** Stores decisions under the epoch of the last read; failures are logged, never thrown. */
  async write(entries: readonly StoredDecisionSet[]): Promise<void> {
    const epoch = this.epoch;
    if (entries.length === 0 || epoch === undefined || !this.usable) return;
    const byCitizen = new Map<CitizenKey, StoredDecisionSet[]>();
    for (const entry of entries) byCitizen.set(entry.citizen, [...(byCitizen.get(entry.citizen) ?? []), entry]);
    const pipeline = this.redis.pipeline();
    for (const [citizen, own] of byCitizen) {
      const key = citizenRedisKey(citizen);
      pipeline.hset(key, Object.fromEntries(own.map((e) => [e.pair, this.serialize(e, epoch)])));
      // The hash's own TTL only collects garbage (each value carries its expiry): the latest write
      // sets it, which at worst ends another pair's entry early, never keeps one too long.
      pipeline.pexpireat(key, Math.max(...own.map((e) => e.expiresAt)));
    }
    try {
      const replies = await pipeline.exec();
      const failed = replies?.find(([error]) => error)?.[0];
      if (failed) throw failed;
    } catch (error) {
      this.logger.warn('redis write failed; decisions not shared', { error: (error as Error).message });
      this.distrust();
    }
  }

  /**
   * Deletes a citizen's entries. Returns false when that could not be done; then the current epoch
   * is no longer trusted (a new one is started as soon as Redis answers).
   */
  async drop(citizen: CitizenKey): Promise<boolean> {
    try {
      if (!this.connected) throw new Error('not connected');
      await this.redis.del(citizenRedisKey(citizen));
      return true;
    } catch (error) {
      this.logger.warn('redis delete failed; shared decisions will be disregarded once redis answers', {
        error: (error as Error).message,
      });
      this.distrust();
      return false;
    }
  }

  /**
   * `<MAC>.<JSON>`: the MAC binds the value to its citizen key, pair, epoch and change sequence
   * (inside the JSON), so a value written by anyone without the gateway's secret, or moved to
   * another citizen or pair, is a miss; a genuine value copied and written back after a consent
   * change carries the sequence from before it, and the gateway that heard of the change refuses it
   * (FeedGuardedDecisionCache).
   */
  private serialize(entry: StoredDecisionSet, epoch: string): string {
    // Reasons are free text from the consent service; make sure no CPR-shaped number is ever stored.
    const decisions = Object.fromEntries(
      Object.entries(entry.decisions).map(([category, d]) => [category, { ...d, reason: maskCprsInText(d.reason) }]),
    );
    const json = JSON.stringify({
      e: epoch,
      x: entry.expiresAt,
      s: entry.changeSequence,
      d: decisions as DecisionSet,
    } satisfies StoredValue);
    return `${this.mac(entry.citizen, entry.pair, json).toString('base64url')}.${json}`;
  }

  /** The stored value if its MAC holds and its shape is right; undefined (a miss) otherwise. */
  private parse(raw: string | null | undefined, citizen: CitizenKey, pair: string): StoredValue | undefined {
    const dot = raw?.indexOf('.') ?? -1;
    if (!raw || dot < 0) return undefined;
    const given = Buffer.from(raw.slice(0, dot), 'base64url');
    const json = raw.slice(dot + 1);
    const expected = this.mac(citizen, pair, json);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      this.logger.warn('decision cache: a value failed authentication; ignored', { pair });
      return undefined;
    }
    try {
      const value = storedValueSchema.safeParse(JSON.parse(json));
      return value.success ? value.data : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(citizen: CitizenKey, pair: string, json: string): Buffer {
    return createHmac('sha256', this.macKey).update(`${citizen}\n${pair}\n${json}`).digest();
  }

  /** INCR the epoch (one renewal at a time); until it is done, Redis is not used for decisions. */
  private startNewEpoch(): void {
    if (this.renewal || !this.connected) return;
    const target = this.distrusted;
    this.renewal = (async () => {
      try {
        const epoch = await this.redis.incr(DECISION_EPOCH_KEY);
        this.epoch = String(epoch);
        await this.onNewEpoch();
        this.renewed = target;
        this.logger.info('decision cache: new epoch; earlier shared decisions disregarded', { epoch });
      } catch (error) {
        this.logger.warn('decision cache: could not start a new epoch; redis unused until it can', {
          error: (error as Error).message,
        });
      } finally {
        this.renewal = undefined;
      }
      // Distrusted again while this renewal ran: what was written meanwhile may be stale too.
      if (this.renewed < this.distrusted && this.renewed === target) this.startNewEpoch();
    })();
  }
}
