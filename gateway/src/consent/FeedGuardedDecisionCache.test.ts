import { DATA_CATEGORIES, PERSONAS, type DataCategory, type Decision } from '@enplan/lib';
import type { CachedDecisionSet, DecisionSet } from './DecisionCache';
import { MemoryDecisionCache } from './DecisionCache';
import { FeedGuardedDecisionCache } from './FeedGuardedDecisionCache';

const { peter, mette } = PERSONAS;
const PAIR = 'SOCIAL|EMPLOYMENT|ONE_PLAN';
const allow: Decision = { allowed: true, consentId: 'CON-000001', reason: 'permit', validUntil: null, nextChangeAt: null };
const decisions = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, allow])) as Record<DataCategory, Decision> as DecisionSet;
const FAR = 10_000_000_000_000;

function setup() {
  let now = 1_000;
  const cache = new FeedGuardedDecisionCache(new MemoryDecisionCache(), 60_000, () => now);
  const entry = (cpr: string, askedAt: number | undefined): CachedDecisionSet => ({
    cpr,
    pair: PAIR,
    decisions,
    expiresAt: FAR,
    ...(askedAt !== undefined && { askedAt }),
  });
  const cached = async (cpr: string) => (await cache.getMany([{ cpr, pair: PAIR }], 0))[0] !== undefined;
  return { cache, entry, cached, tick: (ms: number) => (now += ms), at: () => now };
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
});
