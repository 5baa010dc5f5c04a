import type { Cpr } from './cpr';

/** A generated citizen for load tests; every service derives its part from the same index. */
export interface SyntheticCitizen {
  index: number;
  cpr: Cpr;
  name: string;
  /** Every third synthetic citizen also has a children-and-family case. */
  hasFamilyCase: boolean;
}

const FIRST_NAMES = ['Anders', 'Birgitte', 'Camilla', 'Dennis', 'Emma', 'Frederik', 'Gitte', 'Henrik', 'Ida', 'Jesper'];
const LAST_NAMES = ['Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen'];
const DAY_MS = 86_400_000;
const FIRST_BIRTH_DATE = Date.UTC(1950, 0, 1);
const BIRTH_DAYS = 18_000; // about 49 years: all born 1950–1999

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * The i-th synthetic citizen, deterministic. Serial numbers run 2000–3999 (7th digit 2–3, born in
 * the 1900s), so they never collide with the demo personas.
 */
export function syntheticCitizen(index: number): SyntheticCitizen {
  const birth = new Date(FIRST_BIRTH_DATE + (index % BIRTH_DAYS) * DAY_MS);
  const serial = 2000 + Math.floor(index / BIRTH_DAYS);
  const cpr =
    `${pad(birth.getUTCDate(), 2)}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCFullYear() % 100, 2)}${pad(serial, 4)}` as Cpr;
  const name = `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length]}`;
  return { index, cpr, name, hasFamilyCase: index % 3 === 0 };
}

/** The first `count` synthetic citizens. 10,000 is the load-test size. */
export function syntheticCitizens(count: number): SyntheticCitizen[] {
  if (count > 2000 * BIRTH_DAYS) throw new Error(`at most ${2000 * BIRTH_DAYS} synthetic citizens`);
  return Array.from({ length: count }, (_, i) => syntheticCitizen(i));
}
