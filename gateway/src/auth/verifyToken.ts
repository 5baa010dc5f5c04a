import { errors, toActor, type Actor } from '@enplan/lib';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_CLAIM_MAPPING, mapClaims, type ClaimMapping } from './claimMapping';
import { VerifiedTokenCache } from './VerifiedTokenCache';

export interface TokenSettings {
  /** HS256 secret for local use. */
  secret?: string;
  /** JWKS endpoint of a production identity provider (RS256/ES256). */
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Which claims say who the caller is. @default the demo tokens' claims */
  claims?: ClaimMapping;
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Actor>;

/**
 * Bearer JWT → Actor. The algorithm is pinned by the kind of key (HS256 for a secret, RS256/ES256
 * for a JWKS), so `alg: none` and algorithm-confusion tokens fail. Issuer, audience, expiry and
 * not-before are checked; every failure is the same `UNAUTHENTICATED`. A token verified once is
 * taken on trust until its expiry, for at most a minute (`VerifiedTokenCache`).
 */
export function createTokenVerifier(settings: TokenSettings, now: () => number = Date.now): TokenVerifier {
  const verified = new VerifiedTokenCache(now);
  const verifyWith = settings.jwksUrl
    ? { key: createRemoteJWKSet(new URL(settings.jwksUrl)) as JWTVerifyGetKey, algorithms: ['RS256', 'ES256'] }
    : { key: new TextEncoder().encode(settings.secret), algorithms: ['HS256'] };
  return async (authorization) => {
    // The scheme is case-insensitive (RFC 7235).
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/i.exec(authorization ?? '');
    if (!match) throw errors.unauthenticated();
    const token = match[1] as string;
    const known = verified.get(token);
    if (known) return known;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, verifyWith.key as Parameters<typeof jwtVerify>[1], {
        algorithms: verifyWith.algorithms,
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch {
      throw errors.unauthenticated('The token is invalid or expired.');
    }
    const actor = toActor(mapClaims(payload, settings.claims ?? DEFAULT_CLAIM_MAPPING));
    // The SERVICE role is the gateway's own; no token may claim it.
    if (!actor || actor.role === 'SERVICE') throw errors.unauthenticated('The token does not name a valid role.');
    verified.set(token, actor, (payload.exp as number) * 1000);
    return actor;
  };
}
