import { demoCaseworkers, organisationOf, PERSONAS, providerStaff, REPRESENTATIVES, tryParseCpr } from '@enplan/lib';
import { SignJWT } from 'jose';

/**
 * Claims of a demo identity, by caseworker or provider staff id (`cw-emp-1`, `prov-1`), CPR of a
 * persona or a representative, `sara`, `omb-1` (the personal ombud), `auditor` or `coordinator`.
 */
export function demoClaims(who: string): Record<string, string> | undefined {
  if (who === 'sara') return demoClaims(REPRESENTATIVES.sara.cpr);
  const { ole } = REPRESENTATIVES;
  if (who === ole.id) return { sub: ole.id, name: ole.name, role: 'OMBUD', organisation: ole.organisation };
  const caseworker = demoCaseworkers().find((c) => c.id === who);
  if (caseworker) {
    const { id: sub, name, department } = caseworker;
    const organisation = organisationOf(department)?.code ?? '';
    return { sub, name, role: 'CASEWORKER', department, organisation };
  }
  const staff = providerStaff().find((m) => m.id === who);
  if (staff) return { sub: staff.id, name: staff.name, role: 'PROVIDER', organisation: staff.organisation };
  const parsed = tryParseCpr(who);
  if (parsed) {
    const persona = [...Object.values(PERSONAS), REPRESENTATIVES.sara].find((p) => p.cpr === parsed.cpr);
    return { sub: `citizen-${parsed.cpr.slice(0, 6)}`, name: persona?.name ?? 'Borger', role: 'CITIZEN', cpr: parsed.cpr };
  }
  if (who === 'auditor') return { sub: 'auditor-1', name: 'Revisor Ida Lund', role: 'AUDITOR' };
  if (who === 'coordinator') return { sub: 'koord-1', name: 'Koordinerende funktion, Birthe Holm', role: 'COORDINATOR' };
  return undefined;
}

/** An HS256 demo token, valid for `ttlSeconds`. */
export async function issueDemoToken(
  claims: Record<string, string>,
  { secret, issuer, audience, ttlSeconds = 8 * 3600 }: { secret: string; issuer: string; audience: string; ttlSeconds?: number },
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub as string)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}
