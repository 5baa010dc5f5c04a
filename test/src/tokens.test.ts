import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { demoClaims } from '@enplan/gateway/src/auth/demoTokens';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEV_JWT_SECRET, loadGatewayConfig } from '@enplan/gateway/src/config';
import { startGateway, type RunningGateway } from '@enplan/gateway/src/server';
import { PERSONAS } from '@enplan/lib';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { TestFederation, graphql, type GraphQLResult } from './federation';

const PETER = PERSONAS.peter.cpr;
const QUERY = `{ citizen(cpr: "${PETER}") { cpr } }`;
const ANNA = demoClaims('cw-emp-1') as Record<string, string>;
const PETER_HIMSELF = demoClaims(PETER) as Record<string, string>;

interface TokenOptions {
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  /** Seconds from now. */
  expiresIn?: number;
  /** Seconds from now. */
  notBeforeIn?: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A JWT with the claims and registered claims the gateway expects unless told otherwise. */
function jwt({
  claims = ANNA,
  issuer = DEFAULT_ISSUER,
  audience = DEFAULT_AUDIENCE,
  expiresIn = 600,
  notBeforeIn,
}: TokenOptions = {}) {
  const { sub, ...rest } = claims;
  const token = new SignJWT(rest)
    .setSubject(String(sub))
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(nowSeconds() + expiresIn);
  return notBeforeIn === undefined ? token : token.setNotBefore(nowSeconds() + notBeforeIn);
}

const hs256 = (options: TokenOptions = {}, secret = DEV_JWT_SECRET) =>
  jwt(options).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));

/**
 * A token the gateway would accept, with its header swapped for `{"alg":"none"}` and its signature
 * dropped (`header.payload.`): built by hand, as no JWT library will make one.
 */
async function unsigned(options: TokenOptions = {}): Promise<string> {
  const [, payload] = (await hs256(options)).split('.');
  return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
}

function expectAccepted(result: GraphQLResult) {
  expect(result.status).toBe(200);
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({ citizen: { cpr: PETER } });
}

/** 401, one UNAUTHENTICATED error, no data: the same answer whatever is wrong with the token. */
function expectRefused(result: GraphQLResult) {
  expect(result.status).toBe(401);
  expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  expect(result).not.toHaveProperty('data');
}

describe('bearer tokens at the gateway (HS256 with the configured secret)', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  const ask = (token: string) => graphql(federation.gateway.url, QUERY, { token });

  // The tokens below differ from these in one respect each, so a refusal is for that respect.
  it('accepts a well-formed caseworker token built the same way as the refused ones', async () => {
    expectAccepted(await ask(await hs256()));
  });

  it('accepts a well-formed citizen token for Peter', async () => {
    expectAccepted(await ask(await hs256({ claims: PETER_HIMSELF })));
  });

  it('a token with alg none is refused', async () => {
    expectRefused(await ask(await unsigned()));
  });

  it('an expired token is refused', async () => {
    expectRefused(await ask(await hs256({ expiresIn: -60 })));
  });

  it('a token that is not yet valid (nbf in the future) is refused', async () => {
    expectRefused(await ask(await hs256({ notBeforeIn: 300 })));
  });

  it('a token from another issuer is refused', async () => {
    expectRefused(await ask(await hs256({ issuer: 'https://idp.example.org' })));
  });

  it('a token for another audience is refused', async () => {
    expectRefused(await ask(await hs256({ audience: 'another-service' })));
  });

  it('a token without a role is refused', async () => {
    const { role: _role, ...claims } = ANNA;
    expectRefused(await ask(await hs256({ claims })));
  });

  it('a caseworker token without a department is refused', async () => {
    const { department: _department, ...claims } = ANNA;
    expectRefused(await ask(await hs256({ claims })));
  });

  it('a caseworker token with an unknown department is refused', async () => {
    expectRefused(await ask(await hs256({ claims: { ...ANNA, department: 'FINANCE' } })));
  });

  it('a citizen token with a malformed CPR is refused', async () => {
    expectRefused(await ask(await hs256({ claims: { ...PETER_HIMSELF, cpr: '3202804321' } })));
  });

  it('a token claiming the SERVICE role is refused: only the gateway itself is SERVICE', async () => {
    expectRefused(await ask(await hs256({ claims: { sub: 'gateway', name: 'enplan gateway', role: 'SERVICE' } })));
  });

  it('a token signed with another secret is refused', async () => {
    expectRefused(await ask(await hs256({}, 'another-secret-'.repeat(4))));
  });

  it('a valid token in another scheme than Bearer is refused', async () => {
    const token = await hs256();
    for (const authorization of [`Basic ${token}`, `Token ${token}`, token]) {
      expectRefused(await graphql(federation.gateway.url, QUERY, { headers: { authorization } }));
    }
  });

  it('Basic credentials are refused', async () => {
    const basic = Buffer.from('cw-emp-1:password').toString('base64');
    expectRefused(await graphql(federation.gateway.url, QUERY, { headers: { authorization: `Basic ${basic}` } }));
  });

  describe('with an identity provider publishing RS256 keys (JWKS_URL)', () => {
    const KID = 'enplan-test-rs256';
    let jwks: Server;
    let jwksGateway: RunningGateway;
    let privateKey: CryptoKey;
    let publicKeyPem: string;

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      publicKeyPem = await exportSPKI(pair.publicKey);
      const keys = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };
      jwks = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys));
      });
      jwks.listen(0, '127.0.0.1');
      await once(jwks, 'listening');
      const config = loadGatewayConfig({
        PORT: '0',
        JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
        ...federation.gatewayEnv(),
      });
      expect(config.jwt.secret).toBeUndefined();
      jwksGateway = await startGateway(config);
    });
    afterAll(async () => {
      await jwksGateway?.stop();
      jwks?.closeAllConnections();
      jwks?.close();
    });

    const askIdp = (token: string) => graphql(jwksGateway.url, QUERY, { token });

    it('accepts a token signed with the provider’s private key', async () => {
      expectAccepted(await askIdp(await jwt().setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' }).sign(privateKey)));
    });

    it('an HS256 token whose HMAC secret is the provider’s public key PEM is refused (algorithm confusion)', async () => {
      const forged = await jwt()
        .setProtectedHeader({ alg: 'HS256', kid: KID, typ: 'JWT' })
        .sign(new TextEncoder().encode(publicKeyPem));
      expectRefused(await askIdp(forged));
    });

    it('a token with alg none is refused', async () => {
      expectRefused(await askIdp(await unsigned()));
    });

    it('an HS256 token signed with the development secret is refused once JWKS is configured', async () => {
      expectRefused(await askIdp(await hs256()));
    });

    it('an RS256 token signed with a key the provider does not publish is refused', async () => {
      const stranger = await generateKeyPair('RS256');
      expectRefused(await askIdp(await jwt().setProtectedHeader({ alg: 'RS256', kid: KID }).sign(stranger.privateKey)));
    });
  });
});
