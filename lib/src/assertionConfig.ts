import type { JWK } from 'jose';
import { isDevKey, keysInFile, readPrivateJwk } from './assertion';
import type { ConfigReader } from './config';

/**
 * A private signing key (a JWK file with `kid`): the committed dev key outside production; in
 * production required, and refused when it is a committed dev key. Problems go to `read`.
 */
export function readSigningKey(read: ConfigReader, name: string, devFile: string, production: boolean): JWK | undefined {
  const file = read.string(name, production ? undefined : devFile);
  if (!file) return undefined;
  try {
    const jwk = readPrivateJwk(file);
    if (!jwk.d || !jwk.kid || jwk.kty !== 'EC' || jwk.crv !== 'P-256') {
      read.problem(`${name} must name a private P-256 (ES256) JWK with a "kid"`);
      return undefined;
    }
    if (production && isDevKey(jwk))
      read.problem(`${name} is a development key committed to the repository; generate your own in production`);
    return jwk;
  } catch (error) {
    read.problem(`${name} could not be read as a JWK file (${(error as Error).message})`);
    return undefined;
  }
}

/**
 * Where a receiver finds a caller's public keys: a JWKS file or an http(s) URL. The committed dev
 * key set outside production; in production required, and a file holding a dev key is refused.
 */
export function readKeySetSource(read: ConfigReader, name: string, devFile: string, production: boolean): string {
  const source = read.string(name, production ? undefined : devFile);
  if (!source) return source;
  try {
    if (production && keysInFile(source).some(isDevKey)) {
      read.problem(`${name} trusts a development key committed to the repository; remove it in production`);
    }
  } catch (error) {
    read.problem(`${name} could not be read as a JWKS (${(error as Error).message})`);
  }
  return source;
}
