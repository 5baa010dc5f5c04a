import type { Cpr } from './cpr';
import type { CaseworkerRecord } from './department/DepartmentStore';
import { demoCaseworkers } from './registry';

/** The demo personas of docs/design.md. Every example, test and demo uses these. */
export const PERSONAS = {
  peter: { cpr: '0101804321' as Cpr, name: 'Peter Hansen' },
  mette: { cpr: '1502854562' as Cpr, name: 'Mette Jensen' },
  ali: { cpr: '2007901237' as Cpr, name: 'Ali Rahimi' },
  sofie: { cpr: '0303950008' as Cpr, name: 'Sofie Nielsen' },
  jonas: { cpr: '1111750011' as Cpr, name: 'Jonas Berg' },
  lars: { cpr: '0101650005' as Cpr, name: 'Lars Holm' },
} as const;

/**
 * The representatives of docs/design.md (rule 13): Sara Holm, Lars's daughter, signs in with her own
 * MitID (a citizen token with her CPR); Ole Bisgaard, Jonas's personal ombud, as staff of his organisation.
 */
export const REPRESENTATIVES = {
  sara: { cpr: '0507921234' as Cpr, name: 'Sara Holm' },
  ole: { id: 'omb-1', name: 'Ole Bisgaard', organisation: 'Ombudsordningen i Københavns Kommune' },
} as const;

/** A demo caseworker of the registry (federation.json) by id; a missing one is a broken checkout. */
export function demoCaseworker(id: string): CaseworkerRecord {
  const found = demoCaseworkers().find((c) => c.id === id);
  if (!found) throw new Error(`federation.json lists no demo caseworker ${id}`);
  return found;
}

/**
 * The demo caseworkers the personas' seeds and tests name; the registry holds them (and any other
 * department's). Read when asked, so importing this module needs no registry loaded.
 */
export const CASEWORKERS = {
  get anna() {
    return demoCaseworker('cw-emp-1');
  },
  get bo() {
    return demoCaseworker('cw-soc-1');
  },
  get clara() {
    return demoCaseworker('cw-chi-1');
  },
} as const satisfies Record<string, CaseworkerRecord>;
