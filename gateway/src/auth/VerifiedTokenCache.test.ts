import type { Actor } from '@enplan/lib';
import { VERIFIED_TOKEN_TRUST_MS, VerifiedTokenCache } from './VerifiedTokenCache';

const anna: Actor = { role: 'AUDITOR', id: 'auditor-1', name: 'Revisor' };

describe('tokens verified once are taken on trust, never past their expiry', () => {
  let now = 1_000_000;
  const cache = new VerifiedTokenCache(() => now);

  it("knows the auditor's token until it expires, and not a moment after", () => {
    cache.set('auditors.token.sig', anna, now + 30_000);
    expect(cache.get('auditors.token.sig')).toBe(anna);
    now += 29_999;
    expect(cache.get('auditors.token.sig')).toBe(anna);
    now += 1;
    expect(cache.get('auditors.token.sig')).toBeUndefined();
  });

  it('verifies a long-lived token again after a minute (a withdrawn signing key takes effect)', () => {
    cache.set('long.lived.token', anna, now + 3_600_000);
    now += VERIFIED_TOKEN_TRUST_MS - 1;
    expect(cache.get('long.lived.token')).toBe(anna);
    now += 1;
    expect(cache.get('long.lived.token')).toBeUndefined();
  });

  it('keeps nothing for an already expired token, and knows only the exact token string', () => {
    cache.set('expired.token.sig', anna, now - 1);
    expect(cache.get('expired.token.sig')).toBeUndefined();
    cache.set('auditors.token.sig', anna, now + 30_000);
    expect(cache.get('auditors.token.sig2')).toBeUndefined();
    expect(cache.get('auditors.token.si')).toBeUndefined();
  });
});
