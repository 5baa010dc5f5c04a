import type { Actor } from '@enplan/lib';
import type { ConsentRecord } from './consentModel';

/**
 * Who may read (or withdraw on the citizen's behalf) a consent: the citizen, auditors, and
 * caseworkers of a department the consent names in a PERMIT provision (a party to the sharing). A
 * deny provision names no party: Peter's consent denies SUBSTANCE_ABUSE to every department, which
 * itself tells what kind of help he gets, so children and family services must not read it. Anyone
 * else learns nothing, not even that a consent exists.
 */
export function mayReadConsent(actor: Actor, consent: ConsentRecord): boolean {
  switch (actor.role) {
    case 'CITIZEN':
      return actor.cpr === consent.cpr;
    case 'AUDITOR':
      return true;
    case 'CASEWORKER':
      return consent.provisions.some(
        (p) =>
          p.effect === 'PERMIT' &&
          (p.ownerDepartments.includes(actor.department) || p.recipientDepartments.includes(actor.department)),
      );
    default:
      return false;
  }
}
