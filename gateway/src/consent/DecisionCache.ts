import type { DataCategory, Decision } from '@enplan/lib';
import { LRUCache } from 'lru-cache';

/** Every category's decision for one (citizen, owner, recipient, purpose). */
export type DecisionSet = Readonly<Record<DataCategory, Decision>>;

export interface CachedDecisionSet {
  cpr: string;
  /** `${owner}|${recipient}|${purpose}` */
  pair: string;
  decisions: DecisionSet;
  /** Epoch ms; never later than the validUntil of a consent that allowed something. */
  expiresAt: number;
  /**
   * The newest consent change the decisions reflect (the consent service's `changeSequence`): a
   * cache refuses them once it has heard of a later change to the citizen, whoever stored them.
   */
  changeSequence: number;
  /** Real time (Date.now) the decision was asked: a cache refuses what was asked before a change it heard of. */
  askedAt?: number;
}

/** What a cache answers for one key: the decisions and the change they reflect. */
export type CachedDecisions = Pick<CachedDecisionSet, 'decisions' | 'changeSequence'>;

/**
 * Where the gateway keeps consent decisions between requests. In memory by default; Redis when
 * several gateway instances must agree.
 */
export interface DecisionCache {
  getMany(keys: ReadonlyArray<{ cpr: string; pair: string }>, now: number): Promise<Array<CachedDecisions | undefined>>;
  setMany(entries: readonly CachedDecisionSet[]): Promise<void>;
  /** Drops every cached decision about a citizen (withdrawal, new consent). */
  evictCitizen(cpr: string): Promise<void>;
  /** Drops every cached decision (a change may have been missed). */
  clear(): Promise<void>;
}

/**
 * The embedded default: per instance, grouped by citizen so eviction is one delete, and bounded by
 * the number of citizens (DECISION_CACHE_MAX_CITIZENS): past it, the citizen asked about least
 * recently is forgotten (a miss later, never a wrong answer), so memory stops growing at the bound.
 */
export class MemoryDecisionCache implements DecisionCache {
  private readonly byCitizen: LRUCache<string, Map<string, CachedDecisionSet>>;

  /** @param maxCitizens @default 100000 */
  constructor(maxCitizens = 100_000) {
    this.byCitizen = new LRUCache({ max: maxCitizens });
  }

  /** Citizens with decisions held now. */
  get citizens(): number {
    return this.byCitizen.size;
  }

  async getMany(keys: ReadonlyArray<{ cpr: string; pair: string }>, now: number): Promise<Array<CachedDecisions | undefined>> {
    return keys.map(({ cpr, pair }) => {
      const entry = this.byCitizen.get(cpr)?.get(pair);
      return entry && entry.expiresAt > now ? entry : undefined;
    });
  }

  async setMany(entries: readonly CachedDecisionSet[]): Promise<void> {
    for (const entry of entries) {
      let pairs = this.byCitizen.get(entry.cpr);
      if (!pairs) {
        pairs = new Map();
        this.byCitizen.set(entry.cpr, pairs);
      }
      pairs.set(entry.pair, entry);
    }
  }

  async evictCitizen(cpr: string): Promise<void> {
    this.byCitizen.delete(cpr);
  }

  async clear(): Promise<void> {
    this.byCitizen.clear();
  }
}
