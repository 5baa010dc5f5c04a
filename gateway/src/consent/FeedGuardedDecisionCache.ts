import type { CachedDecisions, CachedDecisionSet, DecisionCache } from './DecisionCache';

/** What the gateway last heard of a citizen's consents changing. */
interface HeardChange {
  /** Real time (this gateway's clock) it was heard of. */
  at: number;
  /** The newest change's sequence; 0 when only the gateway's own mutation told of it (the feed brings the number). */
  sequence: number;
}

/**
 * Keeps any decision cache honest with the consent service's change feed (rule 7):
 *
 * - while the feed is not live, nothing is read from or written to the cache (every request is
 *   decided by the consent service), and when it comes back the cache is emptied first: a change
 *   may have been announced while nobody listened;
 * - a decision asked before the feed came back, or before a change to that citizen was heard of,
 *   is not cached: it may have been evaluated before the change and answered after the eviction;
 * - a cached decision that reflects an older consent change than the newest one heard of for its
 *   citizen is refused, wherever it comes from. The sequence is the consent service's (it arrives
 *   on the feed, a direct connection), and the cache value's MAC binds it, so a genuine "allow"
 *   copied out of Redis before a withdrawal and written back after it is refused.
 *
 * A change is remembered for `rememberChangesMs` (longer than any decision it could outdate stays
 * cached); past `maxRemembered` citizens the oldest are forgotten early, and every decision that
 * reflects no newer change than those is refused from then on: more misses, never a stale allow.
 */
export class FeedGuardedDecisionCache implements DecisionCache {
  private liveSince: number | undefined;
  /** CPR → the newest change heard of; ordered by when, so forgetting starts at the front. */
  private readonly changes = new Map<string, HeardChange>();
  /** The newest sequence among changes forgotten early: a decision must reflect at least this. */
  private forgottenUpTo = 0;

  constructor(
    readonly inner: DecisionCache,
    private readonly rememberChangesMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxRemembered = 100_000,
  ) {}

  get trusted(): boolean {
    return this.liveSince !== undefined;
  }

  async feedLive(): Promise<void> {
    this.liveSince = undefined;
    await this.inner.clear();
    this.liveSince = this.now();
  }

  feedLost(): void {
    this.liveSince = undefined;
  }

  async getMany(keys: ReadonlyArray<{ cpr: string; pair: string }>, now: number): Promise<Array<CachedDecisions | undefined>> {
    if (!this.trusted) return keys.map(() => undefined);
    const found = await this.inner.getMany(keys, now);
    return found.map((hit, i) => (hit && this.current(keys[i]!.cpr, hit) ? hit : undefined));
  }

  async setMany(entries: readonly CachedDecisionSet[]): Promise<void> {
    const liveSince = this.liveSince;
    if (liveSince === undefined) return;
    const fresh = entries.filter(
      (e) =>
        e.askedAt !== undefined &&
        e.askedAt > liveSince &&
        e.askedAt > (this.changes.get(e.cpr)?.at ?? -Infinity) &&
        this.current(e.cpr, e),
    );
    if (fresh.length > 0) await this.inner.setMany(fresh);
  }

  /** A change to the citizen's consents: `sequence` from the feed; without it (the gateway's own mutation) only the time is kept. */
  async evictCitizen(cpr: string, sequence = 0): Promise<void> {
    const at = this.now();
    const newest = Math.max(sequence, this.changes.get(cpr)?.sequence ?? 0);
    this.changes.delete(cpr); // re-inserted at the end: the map stays ordered by time
    this.changes.set(cpr, { at, sequence: newest });
    for (const [key, change] of this.changes) {
      const overfull = this.changes.size > this.maxRemembered;
      if (!overfull && at - change.at < this.rememberChangesMs) break;
      if (overfull) this.forgottenUpTo = Math.max(this.forgottenUpTo, change.sequence);
      this.changes.delete(key);
    }
    await this.inner.evictCitizen(cpr);
  }

  clear(): Promise<void> {
    return this.inner.clear();
  }

  /** The decisions reflect the newest change heard of for the citizen (and every change forgotten early). */
  private current(cpr: string, decisions: CachedDecisions): boolean {
    return decisions.changeSequence >= Math.max(this.forgottenUpTo, this.changes.get(cpr)?.sequence ?? 0);
  }
}
