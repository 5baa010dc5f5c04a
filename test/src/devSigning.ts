import {
  ASSERTION_HEADER,
  createAssertionSigner,
  createAssertionVerifier,
  devKeyFiles,
  GATEWAY_ISSUER,
  loadKeySet,
  readPrivateJwk,
  type Actor,
  type AssertionVerifier,
} from '@enplan/lib';
import type { JWK } from 'jose';

/** The committed development key of the gateway, as tests that call a subgraph directly sign with it. */
export const devGatewayKey = () => readPrivateJwk(devKeyFiles('gateway').privateJwk);

/** A subgraph's check of calls, trusting the gateway's development key (and no service keys). */
export function devGatewayVerifier(audience: string): AssertionVerifier {
  return createAssertionVerifier({
    audience,
    trusted: [{ issuer: GATEWAY_ISSUER, keys: loadKeySet(devKeyFiles('gateway').jwks), serviceOnly: false }],
  });
}

/** The assertion header of one call, signed as the gateway would for `actor`: for this subgraph, method, path and body only. */
export async function signedAsGateway(
  call: { audience: string; method: string; url: string; body: string; actor: Actor },
  key: JWK = devGatewayKey(),
): Promise<Record<string, string>> {
  const signer = await createAssertionSigner(key, GATEWAY_ISSUER);
  const assertion = await signer.sign({
    audience: call.audience,
    method: call.method,
    path: new URL(call.url).pathname,
    body: call.body,
    actor: call.actor,
  });
  return { [ASSERTION_HEADER]: assertion };
}
