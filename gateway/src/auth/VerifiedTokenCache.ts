import type { Actor } from '@enplan/lib';

/** How long a verified token is taken on trust before it is verified again (a withdrawn signing key takes effect within this). */
export const VERIFIED_TOKEN_TRUST_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Tokens already verified, keyed by the whole token, each until its own expiry (at most
 * `VERIFIED_TOKEN_TRUST_MS`). A caller sends the same token with every request; verifying its
 * signature once instead of each time makes every request, a refused one above all, cheaper.
 * Only verified tokens are kept (a flood of forged ones cannot fill it), and the oldest entry
 * leaves when it is full.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(token: string): Actor | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.actor;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAt`: the token's `exp`, in milliseconds. */
  set(token: string, actor: Actor, expiresAt: number): void {
    const until = Math.min(expiresAt, this.now() + VERIFIED_TOKEN_TRUST_MS);
    if (until <= this.now()) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { actor, until });
  }
}
