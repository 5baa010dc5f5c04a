import { SPECIAL_CATEGORIES, crossesOrganisation } from '@enplan/lib/core';
import type { ConsentRecord, ConsentStatus, Decision, DecisionQuestion, Provision } from './consentModel';

/**
 * A consent's status at `now`: withdrawal and supersession win over the validity period. A
 * withdrawal is in force from the moment it is stored, whatever instant it records: a clock that ran
 * ahead when it was written (or another replica's clock) must never make it "not yet" withdrawn.
 */
export function consentStatus(consent: ConsentRecord, now: number): ConsentStatus {
  if (consent.withdrawnAt !== null) return 'WITHDRAWN';
  if (consent.supersededBy !== null) return 'SUPERSEDED';
  if (now < consent.validFrom) return 'SCHEDULED';
  if (now >= consent.validUntil) return 'EXPIRED';
  return 'ACTIVE';
}

function matches(provision: Provision, question: DecisionQuestion): boolean {
  return (
    provision.ownerDepartments.includes(question.owner) &&
    provision.recipientDepartments.includes(question.recipient) &&
    provision.categories.includes(question.category)
  );
}

/**
 * Whether a permit provision of this consent may cover the question at all:
 * an ORAL consent never covers a special category (GDPR art. 9), nor anything that passes between two
 * organisations, the region's psychiatry and the municipality (rule 11, sundhedsloven § 43: explicit
 * consent only); FAMILY data is shared only under the parent's own consent (the child's consent is
 * not yet modelled: barnets lov).
 */
function mayPermit(consent: ConsentRecord, question: DecisionQuestion): boolean {
  const oral = consent.evidence.method === 'ORAL';
  if (oral && SPECIAL_CATEGORIES.has(question.category)) return false;
  if (oral && crossesOrganisation(question.owner, question.recipient)) return false;
  if (question.category === 'FAMILY' && consent.grantor.capacity !== 'SELF') return false;
  return true;
}

/** The next instant after `now` at which any of these consents starts or ends; null when none will (withdrawals are no instants: they are in force once stored). */
export function nextChangeAfter(consents: readonly ConsentRecord[], now: number): number | null {
  const instants = consents.filter((c) => c.withdrawnAt === null).flatMap((c) => [c.validFrom, c.validUntil]);
  const future = instants.filter((t) => t > now);
  return future.length > 0 ? Math.min(...future) : null;
}

/**
 * The decision for one question at one instant. Deny by default; a DENY provision of any active
 * consent overrides every PERMIT. Pure: the caller passes the citizen's consents and the time.
 */
export function decide(consents: readonly ConsentRecord[], question: DecisionQuestion, now: number): Decision {
  const nextChangeAt = nextChangeAfter(
    consents.filter((c) => c.cpr === question.cpr && c.purpose === question.purpose),
    now,
  );
  return { ...decideNow(consents, question, now), nextChangeAt };
}

function decideNow(consents: readonly ConsentRecord[], question: DecisionQuestion, now: number): Omit<Decision, 'nextChangeAt'> {
  if (question.owner === question.recipient) {
    // Own-department access is decided by the gateway without consent; never asked here.
    return { allowed: false, consentId: null, reason: 'not a cross-department question', validUntil: null };
  }
  const active = consents.filter(
    (c) => c.cpr === question.cpr && c.purpose === question.purpose && consentStatus(c, now) === 'ACTIVE',
  );
  for (const consent of active) {
    if (consent.provisions.some((p) => p.effect === 'DENY' && matches(p, question))) {
      return {
        allowed: false,
        consentId: consent.id,
        reason: `denied by a provision of consent ${consent.id}`,
        validUntil: null,
      };
    }
  }
  let best: ConsentRecord | undefined;
  let excluded: string | undefined;
  for (const consent of active) {
    if (!consent.provisions.some((p) => p.effect === 'PERMIT' && matches(p, question))) continue;
    if (!mayPermit(consent, question)) {
      excluded = `consent ${consent.id} (${consent.evidence.method}, ${consent.grantor.capacity}) cannot cover ${question.category}`;
      continue;
    }
    // Of several covering consents, the one that lasts longest decides (the cache may keep it longest).
    if (!best || consent.validUntil > best.validUntil) best = consent;
  }
  if (best) {
    return { allowed: true, consentId: best.id, reason: `permitted by consent ${best.id}`, validUntil: best.validUntil };
  }
  return { allowed: false, consentId: null, reason: excluded ?? 'no active consent covers it', validUntil: null };
}

/** Why a decision fell as it did, from a fixed list: a metrics label (the reason text names consents). */
export type DecisionReasonLabel = 'permitted' | 'denied_by_provision' | 'not_coverable' | 'no_consent' | 'same_department';

/** The label of a decision made by `decide` above (its tests pin each reason to its label). */
export function decisionReasonLabel(decision: Decision): DecisionReasonLabel {
  if (decision.allowed) return 'permitted';
  if (decision.consentId !== null) return 'denied_by_provision';
  if (decision.reason === 'not a cross-department question') return 'same_department';
  // "consent CON-… (ORAL, SELF) cannot cover HEALTH": a consent exists but its evidence or grantor cannot cover the category.
  if (decision.reason.startsWith('consent ')) return 'not_coverable';
  return 'no_consent';
}
