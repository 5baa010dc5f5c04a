import { createHmac } from 'node:crypto';

/** A citizen's name in shared infrastructure (Redis keys, invalidation messages): never the CPR itself. */
export type CitizenKey = string & { readonly __brand: 'CitizenKey' };

/** 64 lowercase hex digits: the shape of every `CitizenKey`. */
export const CITIZEN_KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Keyed HMAC-SHA256 of a CPR number. The HMAC key is derived from the gateway's secret (itself an
 * HMAC, so the secret is not reused as-is for another purpose). Without the secret the 10-digit CPR
 * space cannot be enumerated against the keys, as it could be against a plain hash.
 */
export function createCitizenKeyer(secret: string): (cpr: string) => CitizenKey {
  const key = createHmac('sha256', secret).update('enplan decision-cache-key').digest();
  return (cpr) => createHmac('sha256', key).update(cpr.replace('-', '')).digest('hex') as CitizenKey;
}
