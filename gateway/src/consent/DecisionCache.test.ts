import { DATA_CATEGORIES, PERSONAS, syntheticCitizen, type DataCategory, type Decision } from '@enplan/lib';
import { MemoryDecisionCache, type CachedDecisionSet } from './DecisionCache';

const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const PAIR = 'SOCIAL|EMPLOYMENT|ONE_PLAN';
const permitted: Decision = {
  allowed: true,
  consentId: 'CON-001000',
  reason: 'permitted by consent CON-001000',
  validUntil: NOW + 60_000,
  nextChangeAt: null,
};
const allow = Object.fromEntries(DATA_CATEGORIES.map((c) => [c, permitted])) as Record<DataCategory, Decision>;

const decisionsFor = (cpr: string): CachedDecisionSet => ({
  cpr,
  pair: PAIR,
  decisions: allow,
  expiresAt: NOW + 10_000,
  changeSequence: 1,
});

const cached = async (cache: MemoryDecisionCache, cpr: string) =>
  (await cache.getMany([{ cpr, pair: PAIR }], NOW))[0] !== undefined;

describe('the memory decision cache holds at most its bound of citizens', () => {
  it('forgets the citizen asked about least recently, not everyone, once the bound is passed', async () => {
    const cache = new MemoryDecisionCache(3);
    const [a, b, c, d] = [0, 1, 2, 3].map((i): string => syntheticCitizen(i).cpr) as [string, string, string, string];
    await cache.setMany([decisionsFor(a), decisionsFor(b), decisionsFor(c)]);
    expect(await cached(cache, a)).toBe(true); // a is now the most recent
    await cache.setMany([decisionsFor(d)]);
    expect(cache.citizens).toBe(3);
    expect([await cached(cache, a), await cached(cache, b), await cached(cache, c), await cached(cache, d)]).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  it('stays at the bound with 100,000 distinct citizens asked about, and a withdrawal still evicts', async () => {
    const cache = new MemoryDecisionCache(10_000);
    for (let from = 0; from < 100_000; from += 1_000)
      await cache.setMany(Array.from({ length: 1_000 }, (_, i) => decisionsFor(syntheticCitizen(from + i).cpr)));
    expect(cache.citizens).toBe(10_000);
    expect(await cached(cache, syntheticCitizen(99_999).cpr)).toBe(true);
    expect(await cached(cache, syntheticCitizen(0).cpr)).toBe(false);
    await cache.setMany([decisionsFor(PERSONAS.peter.cpr)]);
    await cache.evictCitizen(PERSONAS.peter.cpr);
    expect(await cached(cache, PERSONAS.peter.cpr)).toBe(false);
  });
});
