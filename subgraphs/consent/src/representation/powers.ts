import { errors, maskCpr, parseCpr, type Actor, type Power, type Representation, type RepresentativeKind } from '@enplan/lib';
import type { EvidenceMethod, RepresentativeAct } from '../consentModel';
import { instant } from '../consentInput';
import { CONTROLLER } from '../consentReceipt';
import type { PowerRecord, PowerStore } from './PowerStore';
import { actingRepresentativeView } from './representativeActView';

export type PowerStatus = 'SCHEDULED' | 'ACTIVE' | 'REVOKED' | 'EXPIRED';

export function powerStatus(power: PowerRecord, now: number): PowerStatus {
  if (power.revokedAt !== null) return 'REVOKED';
  if (now < power.validFrom) return 'SCHEDULED';
  if (now >= power.validUntil) return 'EXPIRED';
  return 'ACTIVE';
}

/**
 * The power in force for one representative and citizen at `now`, as the gateway carries it in the
 * signed assertion; undefined when there is none. Two powers in force (a change in flight) give the
 * newest: a change replaces, it never adds.
 */
export function representationInForce(
  powers: readonly PowerRecord[],
  now: number,
  representativeId: string,
): Representation | undefined {
  const power = powers.find((p) => powerStatus(p, now) === 'ACTIVE');
  return (
    power && {
      powerId: power.id,
      kind: power.representativeKind,
      representativeId,
      representativeName: power.representativeName,
      organisation: power.organisation,
      citizenName: power.citizenName,
      powers: power.powers,
    }
  );
}

/** The next instant a representative's answer may change by time alone (a power starts or ends); null when none will. */
export function nextPowerChangeAt(powers: readonly PowerRecord[], now: number): number | null {
  const instants = powers
    .filter((p) => p.revokedAt === null)
    .flatMap((p) => [p.validFrom, p.validUntil])
    .filter((t) => t > now);
  return instants.length > 0 ? Math.min(...instants) : null;
}

export interface GivePowerInput {
  cpr: string;
  representativeKind: RepresentativeKind;
  representativeCpr?: string | null;
  representativeId?: string | null;
  representativeName: string;
  organisation?: string | null;
  powers: Power[];
  validFrom?: string | null;
  validUntil: string;
  evidenceMethod?: EvidenceMethod | null;
  documentRef?: string | null;
  supersedes?: string | null;
}

/**
 * Who acts for the citizen (the actor's CPR) in this request, from the consent service's own power store
 * (the power the gateway verified and signed into the assertion, still in force and this citizen's): null when the
 * actor is no representative. A power revoked since the gateway asked is refused (fail closed).
 */
export async function representativeAct(actor: Actor, store: PowerStore, now: number): Promise<RepresentativeAct | null> {
  if (actor.role !== 'CITIZEN' || !actor.representation) return null;
  const power = await store.byId(actor.representation.powerId);
  if (!power || power.cpr !== actor.cpr || powerStatus(power, now) !== 'ACTIVE')
    throw errors.forbidden('Your power of representation is not in force.');
  return {
    powerId: power.id,
    kind: power.representativeKind,
    ref: power.representativeRef,
    name: power.representativeName,
    organisation: power.organisation,
    citizenName: power.citizenName,
  };
}

/** The citizen themself (never someone acting for them: a representative cannot pass a power on). */
export function isTheCitizenThemself(actor: Actor, cpr: string): boolean {
  return actor.role === 'CITIZEN' && actor.cpr === cpr && actor.representation === undefined;
}

/**
 * A `givePowerOfRepresentation` input → a power, or the error that says what to fix. The citizen
 * gives it with MitID (their own name on it); a caseworker records it with written evidence.
 */
export async function powerFromInput(
  input: GivePowerInput,
  actor: Actor,
  store: PowerStore,
  { now, maxValidityMs, newId }: { now: number; maxValidityMs: number; newId: () => string },
): Promise<PowerRecord> {
  const cpr = parseCpr(input.cpr);
  let method: EvidenceMethod;
  let citizenName: string;
  if (actor.role === 'CITIZEN') {
    if (!isTheCitizenThemself(actor, cpr)) throw errors.forbidden('Only the citizen themself can give a power over their data.');
    method = 'MITID';
    citizenName = actor.name;
  } else if (actor.role === 'CASEWORKER') {
    if (input.evidenceMethod !== 'WRITTEN' || !input.documentRef)
      throw errors.badUserInput('A caseworker records a power with WRITTEN evidence and its document reference.', {
        field: 'evidenceMethod',
      });
    method = 'WRITTEN';
    citizenName = 'Borger';
  } else {
    throw errors.forbidden('Only the citizen or a caseworker can record a power of representation.');
  }
  const representativeRef =
    input.representativeKind === 'PERSON' ? input.representativeCpr && parseCpr(input.representativeCpr) : input.representativeId;
  if (!representativeRef)
    throw errors.badUserInput('Name the representative: representativeCpr for a person, representativeId for a personal ombud.', {
      field: input.representativeKind === 'PERSON' ? 'representativeCpr' : 'representativeId',
    });
  if (representativeRef === cpr)
    throw errors.badUserInput('A citizen cannot represent themself.', { field: 'representativeCpr' });
  if (input.representativeKind === 'PERSONAL_OMBUD' && !input.organisation)
    throw errors.badUserInput("A personal ombud's organisation is required.", { field: 'organisation' });
  if (!input.representativeName.trim())
    throw errors.badUserInput('representativeName must not be empty.', { field: 'representativeName' });
  if (input.powers.length === 0)
    throw errors.badUserInput('A power of representation names at least one power.', { field: 'powers' });
  const validFrom = input.validFrom ? instant(input.validFrom, 'validFrom') : now;
  const validUntil = instant(input.validUntil, 'validUntil');
  if (validUntil <= validFrom || validUntil <= now)
    throw errors.badUserInput('validUntil must be after validFrom and in the future.', { field: 'validUntil' });
  if (validUntil - validFrom > maxValidityMs)
    throw errors.badUserInput(`A power may last at most ${Math.round(maxValidityMs / 86_400_000)} days.`, {
      field: 'validUntil',
    });
  if (input.supersedes) {
    const previous = await store.byId(input.supersedes);
    if (!previous || previous.cpr !== cpr || previous.revokedAt !== null)
      throw errors.badUserInput('supersedes names no power of this citizen in force.', { field: 'supersedes' });
    if (actor.role === 'CASEWORKER') citizenName = previous.citizenName;
  }
  return {
    id: newId(),
    cpr,
    citizenName,
    representativeKind: input.representativeKind,
    representativeRef,
    representativeName: input.representativeName.trim(),
    organisation: input.representativeKind === 'PERSONAL_OMBUD' ? (input.organisation ?? null) : null,
    powers: [...new Set(input.powers)],
    validFrom,
    validUntil,
    evidence: { method, recordedBy: actor.id, recordedAt: now, documentRef: input.documentRef ?? null },
    revokedAt: null,
    revokedBy: null,
    supersedes: input.supersedes ?? null,
  };
}

/** The representative as shown: a person's CPR masked, an ombud's staff id as it is. */
export function representativeView(power: PowerRecord) {
  return actingRepresentativeView({
    kind: power.representativeKind,
    ref: power.representativeRef,
    name: power.representativeName,
    organisation: power.organisation,
  });
}

const HOW_TO_REVOKE =
  'Du kan til enhver tid tilbagekalde fuldmagten med ét klik under "Mine fuldmagter" i selvbetjeningen, eller ved at bede en sagsbehandler om det. Den virker med det samme: din repræsentant kan ikke længere handle for dig.';

const iso = (ms: number) => new Date(ms).toISOString();

/** The citizen's receipt for a power, like a consent's (consentReceipt.ts): what, to whom, how long, how to revoke. */
export function powerReceipt(power: PowerRecord, now: number) {
  const event = power.revokedAt === null ? 'GIVEN' : 'REVOKED';
  return {
    receiptId: `${power.id}/${event}`,
    event,
    issuedAt: iso(power.revokedAt ?? power.evidence.recordedAt),
    controller: CONTROLLER,
    principal: maskCpr(power.cpr),
    representative: representativeView(power),
    powers: power.powers,
    validity: { from: iso(power.validFrom), until: iso(power.validUntil) },
    collection: {
      method: power.evidence.method,
      recordedBy: power.evidence.method === 'MITID' ? 'MitID' : power.evidence.recordedBy,
      recordedAt: iso(power.evidence.recordedAt),
      documentRef: power.evidence.documentRef,
    },
    status: powerStatus(power, now),
    revokedAt: power.revokedAt === null ? null : iso(power.revokedAt),
    howToRevoke: HOW_TO_REVOKE,
  };
}
