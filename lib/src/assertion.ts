import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import { toActor, type Actor } from './actor';
import { DATA_CATEGORIES, type DataCategory } from './departments';
import { REPO_ROOT } from './repoRoot';

export type { JWK } from 'jose';

/**
 * Zero trust between the gateway and the subgraphs (docs/design.md, "Zero trust"): every call carries a
 * short-lived JWT signed with the caller's private key (ES256). It names one audience (the subgraph),
 * binds the method, path and a SHA-256 of the exact body, and has a unique `jti` the receiver refuses
 * to see twice. Receivers hold only public keys, so no subgraph can sign a call another accepts.
 */
export const ASSERTION_HEADER = 'x-enplan-assertion';

/** The gateway's issuer name; other callers (the plan and consent subgraphs) sign as themselves, `enplan-<name>`. */
export const GATEWAY_ISSUER = 'enplan-gateway';

const ALGORITHM = 'ES256';

/** @default 10 seconds: long enough for a slow network hop, short enough to bound a stolen header. */
export const DEFAULT_ASSERTION_TTL_SECONDS = 10;

/** The longest an assertion may live: signers refuse to make, and receivers to accept, a longer one (exp − iat, and exp − now). */
export const MAX_ASSERTION_TTL_SECONDS = DEFAULT_ASSERTION_TTL_SECONDS;

/** What the gateway allowed for one citizen of an entity fetch to another department. */
export interface CitizenCoverage {
  categories: readonly DataCategory[];
  /** The consent that covers them (null only when nothing is allowed). */
  consentId: string | null;
}

/** Per CPR: what the gateway allowed. The planner's output, passed to the signing data source as is. */
export type FetchCoverage = ReadonlyMap<string, CitizenCoverage>;

/** A verified call: who asked, and (for cross-department entity fetches) what consent covered. */
export interface VerifiedAssertion {
  actor: Actor;
  issuer: string;
  jti: string;
  /** Coverage per citizen reference (see `citizenRef`); undefined when the gateway sent none. */
  coverage?: ReadonlyMap<string, CitizenCoverage>;
}

/**
 * How a citizen is named in an assertion: a hash of the CPR salted with the call's `jti`, so a
 * header that ends up in a proxy's log neither holds a CPR nor links one citizen across calls.
 */
export function citizenRef(jti: string, cpr: string): string {
  return createHash('sha256').update(`${jti}:${cpr}`).digest('base64url').slice(0, 22);
}

export function bodyHash(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64url');
}

const coverageSchema = z.record(z.string(), z.object({ c: z.array(z.enum(DATA_CATEGORIES)), k: z.string().nullable() }).strict());

const claimsSchema = z.object({
  jti: z.string().min(16),
  htm: z.string(),
  htp: z.string(),
  bh: z.string(),
  act: z.unknown(),
  cov: coverageSchema.optional(),
});

/** A private key that signs calls, with its key id. */
export interface AssertionSigner {
  issuer: string;
  kid: string;
  sign(call: {
    audience: string;
    method: string;
    path: string;
    body: string;
    actor: Actor;
    coverage?: FetchCoverage;
  }): Promise<string>;
}

/** Imports a private ES256 JWK (it must carry its `kid`) as the signer of `issuer`. */
export async function createAssertionSigner(
  privateJwk: JWK,
  issuer: string,
  options: { ttlSeconds?: number; now?: () => number } = {},
): Promise<AssertionSigner> {
  if (!privateJwk.kid) throw new Error('the signing key has no "kid"');
  if (!privateJwk.d) throw new Error('the signing key is not a private key');
  const key = await importJWK(privateJwk, ALGORITHM);
  const kid = privateJwk.kid;
  const ttl = options.ttlSeconds ?? DEFAULT_ASSERTION_TTL_SECONDS;
  if (ttl > MAX_ASSERTION_TTL_SECONDS) throw new Error(`an assertion lives at most ${MAX_ASSERTION_TTL_SECONDS} s`);
  const now = options.now ?? Date.now;
  return {
    issuer,
    kid,
    async sign({ audience, method, path, body, actor, coverage }) {
      const jti = randomUUID();
      const iat = Math.floor(now() / 1000);
      const cov = coverage && coverageClaim(jti, coverage);
      return new SignJWT({ htm: method.toUpperCase(), htp: path, bh: bodyHash(body), act: actor, ...(cov && { cov }) })
        .setProtectedHeader({ alg: ALGORITHM, kid, typ: 'enplan-call+jwt' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setJti(jti)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttl)
        .sign(key as CryptoKey);
    },
  };
}

function coverageClaim(jti: string, coverage: FetchCoverage): z.infer<typeof coverageSchema> {
  const claim: z.infer<typeof coverageSchema> = {};
  for (const [cpr, { categories, consentId }] of coverage) claim[citizenRef(jti, cpr)] = { c: [...categories], k: consentId };
  return claim;
}

/**
 * `jti`s seen and not yet expired. Bounded; when full of live entries it refuses new calls rather
 * than forgetting one (an LRU would evict a live `jti` and let that call be replayed).
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 100_000) {}

  /** Records `jti` until `expiresAtMs`; false when it was seen already, or the cache is full. */
  add(jti: string, expiresAtMs: number, nowMs: number): 'fresh' | 'replayed' | 'full' {
    if (this.seen.has(jti)) return 'replayed';
    // Entries arrive in roughly expiry order (one TTL), so the expired ones are at the front.
    for (const [old, expiry] of this.seen) {
      if (expiry > nowMs) break;
      this.seen.delete(old);
    }
    if (this.seen.size >= this.maxEntries) return 'full';
    this.seen.set(jti, expiresAtMs);
    return 'fresh';
  }
}

/** Whose keys a receiver trusts: the gateway's for everything; another service's only to act as itself. */
export interface TrustedIssuer {
  issuer: string;
  keys: JWTVerifyGetKey;
  /** Only a SERVICE actor whose id is the issuer may be asserted (a service never speaks for a user). */
  serviceOnly: boolean;
}

export type AssertionCheck = { ok: true; assertion: VerifiedAssertion } | { ok: false; reason: string };

export interface AssertionVerifierOptions {
  /** This receiver's name: the only audience it accepts. */
  audience: string;
  trusted: readonly TrustedIssuer[];
  /** @default 2 seconds of clock skew */
  clockToleranceSeconds?: number;
  replayCache?: ReplayCache;
  now?: () => number;
}

export type AssertionVerifier = (call: {
  header: string | undefined;
  method: string;
  path: string;
  body: Buffer | string;
}) => Promise<AssertionCheck>;

/**
 * The receiving half: checks signature (by `kid` among the issuer's keys), issuer, audience, expiry,
 * method, path, body hash and the `jti` (once only). Never throws; the reason is for the log.
 */
export function createAssertionVerifier(options: AssertionVerifierOptions): AssertionVerifier {
  const replay = options.replayCache ?? new ReplayCache();
  const now = options.now ?? Date.now;
  const byIssuer = new Map(options.trusted.map((t) => [t.issuer, t]));
  const tolerance = options.clockToleranceSeconds ?? 2;
  return async ({ header, method, path, body }) => {
    if (!header) return { ok: false, reason: 'missing assertion' };
    let issuer: TrustedIssuer | undefined;
    try {
      const unverified = decodeJwt(header);
      issuer = typeof unverified.iss === 'string' ? byIssuer.get(unverified.iss) : undefined;
    } catch {
      return { ok: false, reason: 'malformed assertion' };
    }
    if (!issuer) return { ok: false, reason: 'untrusted issuer' };
    let payload;
    try {
      ({ payload } = await jwtVerify(header, issuer.keys, {
        algorithms: [ALGORITHM],
        issuer: issuer.issuer,
        audience: options.audience,
        requiredClaims: ['jti', 'exp', 'iat'],
        clockTolerance: tolerance,
        currentDate: new Date(now()),
        maxTokenAge: `${DEFAULT_ASSERTION_TTL_SECONDS * 6}s`,
      }));
    } catch (error) {
      return { ok: false, reason: verificationFailure(error) };
    }
    // jose accepts an audience array that contains ours; the protocol names exactly one.
    if (typeof payload.aud !== 'string') return { ok: false, reason: 'assertion must name exactly one audience' };
    if (outlives(payload.iat!, payload.exp!, now(), tolerance)) {
      return { ok: false, reason: `assertion lives longer than ${MAX_ASSERTION_TTL_SECONDS} s` };
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: 'malformed assertion claims' };
    const { jti, htm, htp, bh, act, cov } = claims.data;
    if (htm !== method.toUpperCase()) return { ok: false, reason: 'assertion is for another method' };
    if (htp !== path) return { ok: false, reason: 'assertion is for another path' };
    if (bh !== bodyHash(body)) return { ok: false, reason: 'assertion is for another body' };
    const actor = toActor(act);
    if (!actor) return { ok: false, reason: 'malformed actor' };
    if (issuer.serviceOnly && (actor.role !== 'SERVICE' || actor.id !== issuer.issuer)) {
      return { ok: false, reason: `issuer ${issuer.issuer} may only act as itself` };
    }
    const seen = replay.add(jti, ((payload.exp as number) + tolerance) * 1000, now());
    if (seen === 'replayed') return { ok: false, reason: 'replayed assertion (jti seen before)' };
    if (seen === 'full') return { ok: false, reason: 'replay cache full; refusing until entries expire' };
    const coverage = cov && new Map(Object.entries(cov).map(([ref, c]) => [ref, { categories: c.c, consentId: c.k }]));
    return { ok: true, assertion: { actor, issuer: issuer.issuer, jti, ...(coverage && { coverage }) } };
  };
}

/** Signed for longer than the protocol allows, or (a clock far ahead) expiring further ahead than that. */
function outlives(iat: number, exp: number, nowMs: number, toleranceSeconds: number): boolean {
  return exp - iat > MAX_ASSERTION_TTL_SECONDS || exp - nowMs / 1000 > MAX_ASSERTION_TTL_SECONDS + toleranceSeconds;
}

function verificationFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'assertion expired';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'unknown key id (kid)';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `assertion claim "${error.claim}" refused`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  return 'invalid assertion';
}

/** A key set from a file path or an http(s) URL (fetched and cached by jose, refreshed on an unknown `kid`). */
export function loadKeySet(source: string): JWTVerifyGetKey {
  if (/^https?:\/\//.test(source)) return createRemoteJWKSet(new URL(source));
  return createLocalJWKSet(parseKeySet(readFileSync(source, 'utf8'), source));
}

function parseKeySet(text: string, source: string): JSONWebKeySet {
  const parsed = z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }).safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${source} is not a JWKS ({"keys": [...]})`);
  if (parsed.data.keys.some((k) => 'd' in k)) throw new Error(`${source} holds a private key; receivers get public keys only`);
  return parsed.data as JSONWebKeySet;
}

/** Reads a private JWK from a file. */
export function readPrivateJwk(file: string): JWK {
  return JSON.parse(readFileSync(file, 'utf8')) as JWK;
}

/** The committed key pairs for local demos and tests. Production refuses them (see `isDevKey`). */
export const DEV_KEYS_DIR = join(REPO_ROOT, 'lib', 'dev-keys');
/** The services that sign their own calls: the gateway (every subgraph call), plan (consent decisions), consent (the inbox). */
export const SIGNING_SERVICES = ['gateway', 'plan', 'consent'] as const;
export type SigningService = (typeof SIGNING_SERVICES)[number];
/** A committed key pair by its name: a signing service's, or the gateway's for another organisation (lib/src/gatewayKeys.ts). */
export const devKeyFiles = (name: SigningService | `gateway-${string}`) => ({
  privateJwk: join(DEV_KEYS_DIR, `${name}.private.jwk.json`),
  jwks: join(DEV_KEYS_DIR, `${name}.jwks.json`),
});

/** True when `jwk` (private or public) is one of the committed dev keys, whoever's: same curve point. */
export function isDevKey(jwk: JWK): boolean {
  return readdirSync(DEV_KEYS_DIR)
    .filter((file) => file.endsWith('.jwks.json'))
    .some((file) => {
      const devKeys = JSON.parse(readFileSync(join(DEV_KEYS_DIR, file), 'utf8')) as JSONWebKeySet;
      return devKeys.keys.some((key) => key.x === jwk.x && key.y === jwk.y);
    });
}

/** The public keys of a key-set file, for start-up checks (a URL is checked by its owner). */
export function keysInFile(source: string): JWK[] {
  return /^https?:\/\//.test(source) ? [] : parseKeySet(readFileSync(source, 'utf8'), source).keys;
}

/**
 * Writes a fresh ES256 key pair: `<name>.private.jwk.json` (for its owner only, mode 0600) and
 * `<name>.jwks.json` (the public key, for the receivers). Rotation: add the new public key to the
 * receivers' JWKS, then switch the signer to the new private key, then drop the old public key.
 */
export async function writeSigningKeyPair(
  dir: string,
  name: string,
  kid: string,
): Promise<{ privateJwkFile: string; jwksFile: string; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM, use: 'sig' };
  const privateJwkFile = join(dir, `${name}.private.jwk.json`);
  const jwksFile = join(dir, `${name}.jwks.json`);
  writeFileSync(privateJwkFile, JSON.stringify(privateJwk, null, 2) + '\n', { mode: 0o600 });
  writeFileSync(
    jwksFile,
    JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' }] }, null, 2) + '\n',
  );
  return { privateJwkFile, jwksFile, privateJwk };
}
