import {
  ConsentUnavailableError,
  errors,
  onBehalfOf,
  representativeRefOf,
  tryParseCpr,
  type Actor,
  type ConsentClient,
  type RepresentationAnswer,
} from '@enplan/lib';
import { LRUCache } from 'lru-cache';

/**
 * The powers the gateway verified, reused only while the consent change feed is live and no change
 * to the citizen's consents or powers has been heard since they were asked for (rule 7 for powers:
 * a revocation stops the representative's next request on every gateway).
 */
export class RepresentationCache {
  private readonly answers = new LRUCache<string, { answer: RepresentationAnswer; askedAt: number }>({ max: 10_000 });
  /** CPR → when a change was last heard of, and its sequence. */
  private readonly heard = new LRUCache<string, { at: number; sequence: number }>({ max: 100_000 });

  constructor(
    private readonly feedLive: () => boolean,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, cpr: string): RepresentationAnswer | undefined {
    if (!this.feedLive()) return undefined;
    const hit = this.answers.get(key);
    if (!hit) return undefined;
    const now = this.now();
    const change = this.heard.get(cpr);
    const stale =
      now - hit.askedAt > this.ttlMs ||
      (hit.answer.nextChangeAt !== null && now >= hit.answer.nextChangeAt) ||
      (change !== undefined && (change.at >= hit.askedAt || change.sequence > hit.answer.changeSequence));
    return stale ? undefined : hit.answer;
  }

  set(key: string, answer: RepresentationAnswer, askedAt: number): void {
    if (this.feedLive()) this.answers.set(key, { answer, askedAt });
  }

  /** A change to the citizen's consents or powers (the feed's sequence; 0 from the gateway's own mutation). */
  changed(cpr: string, sequence = 0): void {
    const previous = this.heard.get(cpr)?.sequence ?? 0;
    this.heard.set(cpr, { at: this.now(), sequence: Math.max(previous, sequence) });
  }

  clear(): void {
    this.answers.clear();
  }
}

/**
 * "Act for" (docs/design.md, Identity): a signed-in person names, in the `X-Act-For` header, the
 * citizen they act for. With a power in force the request's actor becomes that citizen, carrying
 * the representative and the power (lib/src/representation.ts); the rules of access then apply as
 * if the citizen asked, within the powers. Without one (no power, revoked, expired, not a citizen,
 * a malformed header) the request goes on as the person themself: exactly a stranger's answer.
 * A power never comes from the token: only the consent service's answer counts.
 */
export function createActFor(client: ConsentClient, cache: RepresentationCache, now: () => number = Date.now) {
  return async (self: Actor, header: string | undefined): Promise<Actor> => {
    if (header === undefined || header === '') return self;
    const citizen = tryParseCpr(header);
    const representative = representativeRefOf(self);
    if (!citizen || !representative) return self;
    const key = `${representative.kind}:${representative.ref}|${citizen.cpr}`;
    let answer = cache.get(key, citizen.cpr);
    if (!answer) {
      const askedAt = now();
      try {
        answer = await client.representation({ ...representative, representativeId: self.id, cpr: citizen.cpr });
      } catch (error) {
        if (error instanceof ConsentUnavailableError) throw errors.representationUnavailable();
        throw error;
      }
      cache.set(key, answer, askedAt);
    }
    const representation = answer.representation;
    if (!representation || representation.representativeId !== self.id) return self;
    return {
      role: 'CITIZEN',
      id: self.id,
      name: onBehalfOf(self.name, representation.citizenName),
      cpr: citizen.cpr,
      representation: { ...representation, representativeName: self.name },
    };
  };
}
