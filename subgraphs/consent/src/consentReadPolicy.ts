import type { Actor } from '@enplan/lib';
import type { ConsentRecord } from './consentModel';

/**
 * Who may read (or withdraw on the citizen's behalf) a consent: the citizen, auditors, and
 * caseworkers of a department the consent names. A consent names what kind of help the citizen
 * gets (a DENY of SUBSTANCE_ABUSE says there is something to deny), so anyone else learns nothing,
 * not even that one exists.
 */
export function mayReadConsent(actor: Actor, consent: ConsentRecord): boolean {
  switch (actor.role) {
    case 'CITIZEN':
      return actor.cpr === consent.cpr;
    case 'AUDITOR':
      return true;
    case 'CASEWORKER':
      return consent.provisions.some((p) => p.ownerDepartments.includes(actor.department) || p.recipientDepartments.includes(actor.department));
    default:
      return false;
  }
}
