import type { CachedDecisionSet, DecisionCache, DecisionSet } from './DecisionCache';

/**
 * Keeps any decision cache honest with the consent service's change feed (rule 7):
 *
 * - while the feed is not live, nothing is read from or written to the cache (every request is
 *   decided by the consent service), and when it comes back the cache is emptied first: a change
 *   may have been announced while nobody listened;
 * - a decision asked before the feed came back, or before a change to that citizen was heard of,
 *   is not cached: it may have been evaluated before the change and answered after the eviction.
 */
export class FeedGuardedDecisionCache implements DecisionCache {
  private liveSince: number | undefined;
  /** CPR → when (real time) a change was last heard of; kept as long as a decision call can take. */
  private readonly changedAt = new Map<string, number>();

  constructor(
    readonly inner: DecisionCache,
    private readonly rememberChangesMs = 60_000,
    private readonly now: () => number = Date.now,
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

  async getMany(keys: ReadonlyArray<{ cpr: string; pair: string }>, now: number): Promise<Array<DecisionSet | undefined>> {
    if (!this.trusted) return keys.map(() => undefined);
    return this.inner.getMany(keys, now);
  }

  async setMany(entries: readonly CachedDecisionSet[]): Promise<void> {
    const liveSince = this.liveSince;
    if (liveSince === undefined) return;
    const fresh = entries.filter(
      (e) => e.askedAt !== undefined && e.askedAt > liveSince && e.askedAt > (this.changedAt.get(e.cpr) ?? -Infinity),
    );
    if (fresh.length > 0) await this.inner.setMany(fresh);
  }

  async evictCitizen(cpr: string): Promise<void> {
    const at = this.now();
    this.changedAt.delete(cpr); // re-inserted at the end: the map stays ordered by time
    this.changedAt.set(cpr, at);
    for (const [key, when] of this.changedAt) {
      if (at - when < this.rememberChangesMs) break;
      this.changedAt.delete(key);
    }
    await this.inner.evictCitizen(cpr);
  }

  clear(): Promise<void> {
    return this.inner.clear();
  }
}
