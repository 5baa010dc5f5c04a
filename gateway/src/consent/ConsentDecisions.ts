import DataLoader from 'dataloader';
import {
  DATA_CATEGORIES,
  metrics,
  type ConsentClient,
  type DataCategory,
  type Decision,
  type DecisionQuestion,
  type Department,
  type Purpose,
} from '@enplan/lib';
import type { CachedDecisions, CachedDecisionSet, DecisionCache, DecisionSet } from './DecisionCache';

export interface DecisionKey {
  cpr: string;
  owner: Department;
  recipient: Department;
  purpose: Purpose;
}

export interface ConsentDecisionsOptions {
  client: ConsentClient;
  cache: DecisionCache;
  /** How long a decision may be reused. 0 disables caching. */
  ttlMs: number;
  now: () => number;
}

const pairOf = (k: DecisionKey) => `${k.owner}|${k.recipient}|${k.purpose}`;

/**
 * Consent decisions for one request. Every question asked while a plan step runs is gathered into
 * one DataLoader batch (scheduled on setImmediate, so the parallel fetches of a step share it), looked
 * up in the cache, and what is missing is asked in **one** call, for all categories at once.
 */
export function createDecisionLoader({
  client,
  cache,
  ttlMs,
  now,
}: ConsentDecisionsOptions): DataLoader<DecisionKey, DecisionSet, string> {
  return new DataLoader<DecisionKey, DecisionSet, string>(
    async (keys) => {
      const askedAt = now();
      const askedAtRealTime = Date.now();
      const cacheKeys = keys.map((k) => ({ cpr: k.cpr, pair: pairOf(k) }));
      const cached = ttlMs > 0 ? await cache.getMany(cacheKeys, askedAt) : keys.map(() => undefined);
      const missing = keys.filter((_, i) => cached[i] === undefined);
      if (ttlMs > 0) {
        metrics.decisionCacheLookups.inc({ result: 'hit' }, keys.length - missing.length);
        metrics.decisionCacheLookups.inc({ result: 'miss' }, missing.length);
      }
      if (missing.length === 0) return cached.map((hit) => (hit as CachedDecisions).decisions);

      const questions: DecisionQuestion[] = missing.flatMap((k) =>
        DATA_CATEGORIES.map((category) => ({ cpr: k.cpr, owner: k.owner, recipient: k.recipient, category, purpose: k.purpose })),
      );
      const { decisions, changeSequence } = await client.decide(questions);
      const fresh: CachedDecisionSet[] = missing.map((k, i) => {
        const set = Object.fromEntries(
          DATA_CATEGORIES.map((category, j) => [category, decisions[i * DATA_CATEGORIES.length + j] as Decision]),
        ) as Record<DataCategory, Decision>;
        // An allow must not outlive the consent behind it (a consent expiring at T is denied at T), and
        // no decision, a denial included, outlives the next instant one of the citizen's consents starts or ends.
        const holdsUntil = Math.min(
          ...Object.values(set).map((d) =>
            Math.min(d.allowed && d.validUntil !== null ? d.validUntil : Infinity, d.nextChangeAt ?? Infinity),
          ),
        );
        return {
          cpr: k.cpr,
          pair: pairOf(k),
          decisions: set,
          expiresAt: Math.min(askedAt + ttlMs, holdsUntil),
          changeSequence,
          askedAt: askedAtRealTime,
        };
      });
      if (ttlMs > 0) await cache.setMany(fresh);
      let next = 0;
      return cached.map((hit) => (hit ?? (fresh[next++] as CachedDecisionSet)).decisions);
    },
    {
      cacheKeyFn: (k) => `${k.cpr}|${pairOf(k)}`,
      batchScheduleFn: (callback) => setImmediate(callback),
      maxBatchSize: 1_000,
    },
  );
}
