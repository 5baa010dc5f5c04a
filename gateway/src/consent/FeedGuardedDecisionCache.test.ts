import { DATA_CATEGORIES, PERSONAS, type DataCategory, type Decision } from '@enplan/lib';
import type { CachedDecisionSet, DecisionSet } from './DecisionCache';
import { MemoryDecisionCache } from './DecisionCache';
import { FeedGuardedDecisionCache } from './FeedGuardedDecisionCache';

const { peter, mette, lars, jonas, sofie } = PERSONAS;
const PAIR = 'SOCIAL|EMPLOYMENT|ONE_PLAN';
const allow: Decision = { allowed: true, consentId: 'CON-000001', reason: 'permit', validUntil: null, nextChangeAt: null };
const decisions = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, allow])) as Record<DataCategory, Decision> as DecisionSet;
const FAR = 10_000_000_000_000;

function setup(maxRemembered?: number) {
  let now = 1_000;
  const inner = new MemoryDecisionCache();
  const cache = new FeedGuardedDecisionCache(inner, 60_000, () => now, maxRemembered);
  const entry = (cpr: string, askedAt: number | undefined, changeSequence = 7): CachedDecisionSet => ({
    cpr,
    pair: PAIR,
    decisions,
    expiresAt: FAR,
    changeSequence,
    ...(askedAt !== undefined && { askedAt }),
  });
  const cached = async (cpr: string) => (await cache.getMany([{ cpr, pair: PAIR }], 0))[0] !== undefined;
  return { cache, inner, entry, cached, tick: (ms: number) => (now += ms), at: () => now };
}

describe('the decision cache, kept honest by the consent change feed', () => {
  it('neither reads nor writes while the feed has never been live', async () => {
    const { cache, entry, cached } = setup();
    await cache.setMany([entry(peter.cpr, 5_000)]);
    expect(await cached(peter.cpr)).toBe(false);
    expect(cache.trusted).toBe(false);
  });

  it('caches a decision asked after the feed went live', async () => {
    const { cache, entry, cached, tick, at } = setup();
    await cache.feedLive();
    tick(1);
    await cache.setMany([entry(peter.cpr, at())]);
    expect(await cached(peter.cpr)).toBe(true);
  });

  it.each([
    ['asked before the feed went live', -1],
    ['asked in the same millisecond the feed went live', 0],
  ])('refuses a decision %s', async (_case, offset) => {
    const { cache, entry, cached, at } = setup();
    await cache.feedLive();
    await cache.setMany([entry(peter.cpr, at() + offset)]);
    expect(await cached(peter.cpr)).toBe(false);
  });

  it('refuses a decision without the time it was asked', async () => {
    const { cache, entry, cached, tick } = setup();
    await cache.feedLive();
    tick(5);
    await cache.setMany([entry(peter.cpr, undefined)]);
    expect(await cached(peter.cpr)).toBe(false);
  });

  it("refuses a decision about Peter asked before his withdrawal was announced, and keeps caching Mette's", async () => {
    const { cache, entry, cached, tick, at } = setup();
    await cache.feedLive();
    tick(10);
    const askedBeforeChange = at();
    tick(10);
    await cache.evictCitizen(peter.cpr);
    await cache.setMany([entry(peter.cpr, askedBeforeChange), entry(mette.cpr, askedBeforeChange)]);
    expect([await cached(peter.cpr), await cached(mette.cpr)]).toEqual([false, true]);
    tick(1);
    await cache.setMany([entry(peter.cpr, at())]);
    expect(await cached(peter.cpr)).toBe(true);
  });

  it('stops answering from the cache when the feed is lost, and comes back empty', async () => {
    const { cache, entry, cached, tick, at } = setup();
    await cache.feedLive();
    tick(1);
    await cache.setMany([entry(peter.cpr, at())]);
    cache.feedLost();
    expect(await cached(peter.cpr)).toBe(false);
    await cache.feedLive();
    expect(await cached(peter.cpr)).toBe(false);
  });

  describe('a cached decision is refused once a later consent change is heard of, whoever stored it', () => {
    it("refuses Lars's allow from before his withdrawal (change 8) when it is written back into the cache, and takes one made after", async () => {
      const { cache, inner, entry, cached, tick, at } = setup();
      await cache.feedLive();
      tick(1);
      const beforeWithdrawal = entry(lars.cpr, at(), 7);
      await cache.setMany([beforeWithdrawal, entry(mette.cpr, at(), 7)]);
      expect(await cached(lars.cpr)).toBe(true);
      tick(10);
      await cache.evictCitizen(lars.cpr, 8);
      // What an attacker with write access to the store does: put the genuine old value back.
      await inner.setMany([beforeWithdrawal]);
      tick(60_000 - 12);
      expect([await cached(lars.cpr), await cached(mette.cpr)]).toEqual([false, true]);
      await cache.setMany([entry(lars.cpr, at(), 8)]);
      expect(await cached(lars.cpr)).toBe(true);
    });

    it("keeps the newest sequence when changes are heard out of order, or without a number (the gateway's own mutation)", async () => {
      const { cache, inner, entry, cached, at } = setup();
      await cache.feedLive();
      await cache.evictCitizen(lars.cpr, 9);
      await cache.evictCitizen(lars.cpr, 8);
      await cache.evictCitizen(lars.cpr);
      await inner.setMany([entry(lars.cpr, at(), 8)]);
      expect(await cached(lars.cpr)).toBe(false);
      await inner.setMany([entry(lars.cpr, at(), 9)]);
      expect(await cached(lars.cpr)).toBe(true);
    });

    it('forgets a change once no decision from before it can still be cached', async () => {
      const { cache, inner, entry, cached, tick, at } = setup();
      await cache.feedLive();
      await cache.evictCitizen(lars.cpr, 8);
      await inner.setMany([entry(lars.cpr, at(), 7)]);
      tick(59_999);
      await cache.evictCitizen(mette.cpr, 9); // forgetting happens as changes arrive
      expect(await cached(lars.cpr)).toBe(false);
      tick(1);
      await cache.evictCitizen(jonas.cpr, 10);
      expect(await cached(lars.cpr)).toBe(true);
    });

    it('past its bound, forgets the oldest change early and refuses every decision that is not newer than it', async () => {
      const { cache, inner, entry, cached, at } = setup(2);
      await cache.feedLive();
      await inner.setMany([entry(peter.cpr, at(), 7), entry(mette.cpr, at(), 9)]);
      await cache.evictCitizen(lars.cpr, 8);
      await cache.evictCitizen(jonas.cpr, 9);
      await cache.evictCitizen(sofie.cpr, 10); // Lars's change is forgotten early: nothing before 8 is trusted
      expect([await cached(peter.cpr), await cached(mette.cpr)]).toEqual([false, true]);
    });
  });
});
