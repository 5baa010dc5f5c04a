import { errors, parseCpr, type Actor, type Cpr } from '@enplan/lib';
import type { ConsentRecord, EvidenceMethod, GrantorCapacity, Provision, RepresentativeAct } from './consentModel';
import type { ConsentStore } from './ConsentStore';

export interface GiveConsentInput {
  cpr: string;
  grantorCpr?: string | null;
  grantorCapacity?: GrantorCapacity | null;
  purpose?: 'ONE_PLAN' | null;
  validFrom?: string | null;
  validUntil: string;
  provisions: Provision[];
  evidenceMethod?: EvidenceMethod | null;
  documentRef?: string | null;
  supersedes?: string | null;
}

export function instant(value: string, field: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw errors.badUserInput(`${field} must be an ISO 8601 date or instant.`, { field });
  }
  return ms;
}

/**
 * Turns a `giveConsent` input into a consent record, or a `BAD_USER_INPUT`/`FORBIDDEN` error that
 * says what to fix. Danish law wants a specific consent: named kinds of data, departments and purpose.
 * `representative`: who acts for the citizen, as the power store has it (representation/powers.ts
 * `representativeAct`); required exactly when the actor is a representative.
 */
export async function consentFromInput(
  input: GiveConsentInput,
  actor: Actor,
  store: ConsentStore,
  {
    now,
    maxValidityMs,
    newId,
    representative = null,
  }: { now: number; maxValidityMs: number; newId: () => string; representative?: RepresentativeAct | null },
): Promise<ConsentRecord> {
  const cpr: Cpr = parseCpr(input.cpr);
  let method: EvidenceMethod;
  let capacity: GrantorCapacity = input.grantorCapacity ?? 'SELF';
  let grantorCpr: Cpr = input.grantorCpr ? parseCpr(input.grantorCpr) : cpr;
  if (actor.role === 'CITIZEN') {
    if (actor.cpr !== cpr) throw errors.forbidden('A citizen can give consent only about themself.');
    method = 'MITID';
    // A representative gives it under the citizen's power of representation (rule 13), with their own
    // MitID: a person is the grantor by their own CPR; a personal ombud has none here, so the citizen's stands.
    if (actor.representation && !representative) throw errors.forbidden('Your power of representation is not in force.');
    capacity = representative ? 'POWER_OF_ATTORNEY' : 'SELF';
    grantorCpr = representative?.kind === 'PERSON' ? parseCpr(representative.ref) : cpr;
  } else if (actor.role === 'CASEWORKER') {
    if (!input.evidenceMethod)
      throw errors.badUserInput('evidenceMethod is required when a caseworker records a consent.', { field: 'evidenceMethod' });
    if (input.evidenceMethod === 'MITID')
      throw errors.badUserInput('Only the citizen can give consent with MitID.', { field: 'evidenceMethod' });
    method = input.evidenceMethod;
  } else {
    throw errors.forbidden('Only the citizen or a caseworker can record a consent.');
  }
  if (capacity === 'SELF' && grantorCpr !== cpr) {
    throw errors.badUserInput('A grantor acting as SELF must be the citizen.', { field: 'grantorCpr' });
  }

  if (input.provisions.length === 0)
    throw errors.badUserInput('A consent needs at least one provision.', { field: 'provisions' });
  input.provisions.forEach((p, i) => {
    for (const list of ['ownerDepartments', 'recipientDepartments', 'categories'] as const) {
      if (p[list].length === 0) {
        throw errors.badUserInput(`provisions[${i}].${list} must not be empty: a blanket consent is not valid.`, {
          field: `provisions.${i}.${list}`,
        });
      }
    }
  });

  const validFrom = input.validFrom ? instant(input.validFrom, 'validFrom') : now;
  const validUntil = instant(input.validUntil, 'validUntil');
  if (validUntil <= validFrom) throw errors.badUserInput('validUntil must be after validFrom.', { field: 'validUntil' });
  if (validUntil <= now) throw errors.badUserInput('validUntil must be in the future.', { field: 'validUntil' });
  if (validUntil - validFrom > maxValidityMs) {
    throw errors.badUserInput(`A consent may last at most ${Math.round(maxValidityMs / 86_400_000)} days.`, {
      field: 'validUntil',
    });
  }

  if (input.supersedes) {
    const previous = await store.byId(input.supersedes);
    if (!previous || previous.cpr !== cpr)
      throw errors.badUserInput('supersedes names no consent of this citizen.', { field: 'supersedes' });
    if (previous.supersededBy) throw errors.badUserInput('That consent was already superseded.', { field: 'supersedes' });
  }

  const dedupe = <T>(values: T[]) => [...new Set(values)];
  return {
    id: newId(),
    cpr,
    grantor: { cpr: grantorCpr, capacity },
    purpose: input.purpose ?? 'ONE_PLAN',
    validFrom,
    validUntil,
    provisions: input.provisions.map((p) => ({
      effect: p.effect,
      ownerDepartments: dedupe(p.ownerDepartments),
      recipientDepartments: dedupe(p.recipientDepartments),
      categories: dedupe(p.categories),
    })),
    evidence: { method, recordedBy: actor.id, recordedAt: now, documentRef: input.documentRef ?? null },
    withdrawnAt: null,
    withdrawnBy: null,
    supersedes: input.supersedes ?? null,
    supersededBy: null,
    givenByRepresentative: actor.role === 'CITIZEN' ? representative : null,
    withdrawnByRepresentative: null,
  };
}
