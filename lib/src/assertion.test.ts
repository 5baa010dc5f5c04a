import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import {
  bodyHash,
  citizenRef,
  createAssertionSigner,
  createAssertionVerifier,
  devKeyFiles,
  GATEWAY_ISSUER,
  isDevKey,
  loadKeySet,
  readPrivateJwk,
  ReplayCache,
  writeSigningKeyPair,
  type AssertionVerifier,
} from './assertion';
import type { Actor } from './actor';

const ANNA: Actor = {
  role: 'CASEWORKER',
  id: 'cw-emp-1',
  name: 'Anna Larsen',
  department: 'EMPLOYMENT',
  organisation: 'KOEBENHAVNS_KOMMUNE',
};
const PETER = '0101804321';
const BODY = JSON.stringify({
  query: '{ _entities { __typename } }',
  variables: { representations: [{ __typename: 'Citizen', cpr: PETER }] },
});
const call = { audience: 'social', method: 'POST', path: '/graphql', body: BODY, actor: ANNA };

async function freshKeyPair(kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' },
  };
}

describe('the signed assertion of a gateway→subgraph call', () => {
  let now = Date.now();
  let verify: AssertionVerifier;
  const gatewaySigner = () =>
    createAssertionSigner(readPrivateJwk(devKeyFiles('gateway').privateJwk), GATEWAY_ISSUER, { now: () => now });

  beforeEach(() => {
    now = Date.now();
    verify = createAssertionVerifier({
      audience: 'social',
      trusted: [{ issuer: GATEWAY_ISSUER, keys: loadKeySet(devKeyFiles('gateway').jwks), serviceOnly: false }],
      now: () => now,
    });
  });

  it('is accepted once, for the audience, method, path and body it was signed for', async () => {
    const header = await (await gatewaySigner()).sign(call);
    const first = await verify({ header, method: 'POST', path: '/graphql', body: BODY });
    expect(first).toEqual({ ok: true, assertion: { actor: ANNA, issuer: GATEWAY_ISSUER, jti: expect.any(String) } });
    expect(await verify({ header, method: 'POST', path: '/graphql', body: BODY })).toEqual({
      ok: false,
      reason: 'replayed assertion (jti seen before)',
    });
  });

  it.each([
    ['another body', { body: BODY.replace('__typename }', '__typename social { kind } }') }, 'assertion is for another body'],
    ['another method', { method: 'GET' }, 'assertion is for another method'],
    ['another path', { path: '/internal/decisions' }, 'assertion is for another path'],
  ])('is refused with %s', async (_what, change, reason) => {
    const header = await (await gatewaySigner()).sign(call);
    expect(await verify({ header, method: 'POST', path: '/graphql', body: BODY, ...change })).toEqual({ ok: false, reason });
  });

  it('is refused by another subgraph (audience)', async () => {
    const header = await (await gatewaySigner()).sign({ ...call, audience: 'employment' });
    expect(await verify({ header, method: 'POST', path: '/graphql', body: BODY })).toEqual({
      ok: false,
      reason: 'assertion claim "aud" refused',
    });
  });

  /** Made with the gateway's own key, but not as its signer makes them: only the protocol's checks can refuse it. */
  async function signedByHand(aud: string | string[], iat: number, exp: number): Promise<string> {
    const jwk = readPrivateJwk(devKeyFiles('gateway').privateJwk);
    return new SignJWT({ htm: 'POST', htp: '/graphql', bh: bodyHash(BODY), act: ANNA })
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid!, typ: 'enplan-call+jwt' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(aud)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign((await importJWK(jwk, 'ES256')) as CryptoKey);
  }

  it.each([
    ['an audience array that includes the subgraph', ['social', 'employment'], 0, 10, 'assertion must name exactly one audience'],
    ['a one-element audience array', ['social'], 0, 10, 'assertion must name exactly one audience'],
    ['a lifetime of an hour', 'social', 0, 3_600, 'assertion lives longer than 10 s'],
    ['a lifetime of 11 s', 'social', 0, 11, 'assertion lives longer than 10 s'],
    [
      'an expiry an hour ahead of the receiver (issued "in the future", so exp − now is an hour too)',
      'social',
      3_590,
      3_600,
      'assertion claim "iat" refused',
    ],
  ])('is refused with %s, though signed with the gateway key', async (_what, aud, iatOffset, expOffset, reason) => {
    const iat = Math.floor(now / 1000);
    const header = await signedByHand(aud, iat + iatOffset, iat + expOffset);
    expect(await verify({ header, method: 'POST', path: '/graphql', body: BODY })).toEqual({ ok: false, reason });
  });

  it('is accepted with one audience and the documented 10 s, made by hand the same way', async () => {
    const iat = Math.floor(now / 1000);
    const header = await signedByHand('social', iat, iat + 10);
    expect(await verify({ header, method: 'POST', path: '/graphql', body: BODY })).toMatchObject({ ok: true });
  });

  it('cannot be made to live longer than 10 s', async () => {
    await expect(
      createAssertionSigner(readPrivateJwk(devKeyFiles('gateway').privateJwk), GATEWAY_ISSUER, { ttlSeconds: 3_600 }),
    ).rejects.toThrow('an assertion lives at most 10 s');
  });

  it('is refused after it expired (10 s + 2 s clock skew)', async () => {
    const header = await (await gatewaySigner()).sign(call);
    now += 12_001;
    expect(await verify({ header, method: 'POST', path: '/graphql', body: BODY })).toEqual({
      ok: false,
      reason: 'assertion expired',
    });
  });

  it('is refused when signed with a key of another kid, or with a key the subgraph does not know under that kid', async () => {
    const stranger = await freshKeyPair('enplan-other-1');
    const withUnknownKid = await (await createAssertionSigner(stranger.privateJwk, GATEWAY_ISSUER)).sign(call);
    expect(await verify({ header: withUnknownKid, method: 'POST', path: '/graphql', body: BODY })).toEqual({
      ok: false,
      reason: 'unknown key id (kid)',
    });
    const dev = readPrivateJwk(devKeyFiles('gateway').privateJwk);
    const impostor = await (await createAssertionSigner({ ...stranger.privateJwk, kid: dev.kid }, GATEWAY_ISSUER)).sign(call);
    expect(await verify({ header: impostor, method: 'POST', path: '/graphql', body: BODY })).toEqual({
      ok: false,
      reason: 'bad signature',
    });
  });

  it('rotates by kid: while the JWKS lists the old and the new key both verify; once the old is dropped, only the new', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enplan-rotation-'));
    try {
      const next = await writeSigningKeyPair(dir, 'next', 'enplan-gateway-2');
      const old = JSON.parse(readFileSync(devKeyFiles('gateway').jwks, 'utf8')) as { keys: JWK[] };
      const fresh = JSON.parse(readFileSync(next.jwksFile, 'utf8')) as { keys: JWK[] };
      const both = join(dir, 'both.jwks.json');
      writeFileSync(both, JSON.stringify({ keys: [...old.keys, ...fresh.keys] }));
      const verifierOf = (jwks: string) =>
        createAssertionVerifier({
          audience: 'social',
          trusted: [{ issuer: GATEWAY_ISSUER, keys: loadKeySet(jwks), serviceOnly: false }],
        });
      const byOld = () => gatewaySigner().then((s) => s.sign(call));
      const byNew = () => createAssertionSigner(next.privateJwk, GATEWAY_ISSUER).then((s) => s.sign(call));
      const during = verifierOf(both);
      expect((await during({ header: await byOld(), method: 'POST', path: '/graphql', body: BODY })).ok).toBe(true);
      expect((await during({ header: await byNew(), method: 'POST', path: '/graphql', body: BODY })).ok).toBe(true);
      const after = verifierOf(next.jwksFile);
      expect(await after({ header: await byOld(), method: 'POST', path: '/graphql', body: BODY })).toEqual({
        ok: false,
        reason: 'unknown key id (kid)',
      });
      expect((await after({ header: await byNew(), method: 'POST', path: '/graphql', body: BODY })).ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is refused when signed with the plan subgraph's key, even naming the gateway as issuer", async () => {
    const plan = await createAssertionSigner(readPrivateJwk(devKeyFiles('plan').privateJwk), GATEWAY_ISSUER);
    const header = await plan.sign(call);
    expect((await verify({ header, method: 'POST', path: '/graphql', body: BODY })).ok).toBe(false);
  });

  it('lets a service issuer act only as itself', async () => {
    const consentVerify = createAssertionVerifier({
      audience: 'consent',
      trusted: [{ issuer: 'enplan-plan', keys: loadKeySet(devKeyFiles('plan').jwks), serviceOnly: true }],
    });
    const plan = await createAssertionSigner(readPrivateJwk(devKeyFiles('plan').privateJwk), 'enplan-plan');
    const asAnna = await plan.sign({ ...call, audience: 'consent' });
    expect(await consentVerify({ header: asAnna, method: 'POST', path: '/graphql', body: BODY })).toEqual({
      ok: false,
      reason: 'issuer enplan-plan may only act as itself',
    });
    const asItself = await plan.sign({
      ...call,
      audience: 'consent',
      actor: { role: 'SERVICE', id: 'enplan-plan', name: 'enplan-plan' },
    });
    expect((await consentVerify({ header: asItself, method: 'POST', path: '/graphql', body: BODY })).ok).toBe(true);
  });

  it('carries what the gateway allowed per citizen, naming each by a salted hash, never the CPR', async () => {
    const header = await (
      await gatewaySigner()
    ).sign({ ...call, coverage: new Map([[PETER, { categories: ['CASE', 'PLAN'], consentId: 'CON-000001' }]]) });
    expect(Buffer.from(header.split('.')[1]!, 'base64url').toString()).not.toContain(PETER);
    const result = await verify({ header, method: 'POST', path: '/graphql', body: BODY });
    if (!result.ok) throw new Error(result.reason);
    expect([...result.assertion.coverage!]).toEqual([
      [citizenRef(result.assertion.jti, PETER), { categories: ['CASE', 'PLAN'], consentId: 'CON-000001' }],
    ]);
  });

  it('recognises the committed dev keys (production refuses them) and no other', async () => {
    expect(isDevKey(readPrivateJwk(devKeyFiles('gateway').privateJwk))).toBe(true);
    // The gateway's dev key for the region's calls (lib/src/gatewayKeys.ts) too.
    expect(isDevKey(readPrivateJwk(devKeyFiles('gateway-region-hovedstaden').privateJwk))).toBe(true);
    expect(isDevKey((await freshKeyPair('prod-1')).publicJwk)).toBe(false);
  });
});

describe('the replay cache', () => {
  it('forgets a jti only after it expired, and refuses new ones rather than evicting live ones when full', () => {
    const cache = new ReplayCache(2);
    expect(cache.add('a', 1_000, 0)).toBe('fresh');
    expect(cache.add('b', 1_000, 0)).toBe('fresh');
    expect(cache.add('c', 1_000, 500)).toBe('full');
    expect(cache.add('a', 1_000, 500)).toBe('replayed');
    expect(cache.add('c', 2_000, 1_000)).toBe('fresh');
  });
});
