import { errors } from './errors';

/** A CPR number as ten digits, already checked to be a real date with a valid century. */
export type Cpr = string & { readonly __brand: 'Cpr' };

const CPR_PATTERN = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

/**
 * The full birth year from the two-digit year and the 7th digit, per the CPR office's table.
 * Returns undefined for combinations that are not issued.
 */
function birthYear(yy: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900 + yy;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  // 5–8
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

export interface ParsedCpr {
  cpr: Cpr;
  birthDate: Date;
}

/**
 * Parses `DDMMYYSSSS` or `DDMMYY-SSSS`. The modulus-11 check is deliberately not applied:
 * numbers issued since 2007 need not pass it. Returns undefined for anything else; never throws.
 */
export function tryParseCpr(input: unknown): ParsedCpr | undefined {
  if (typeof input !== 'string') return undefined;
  const match = CPR_PATTERN.exec(input.trim());
  if (!match) return undefined;
  const [, dd, mm, yy, serial] = match as unknown as [string, string, string, string, string];
  const day = Number(dd);
  const month = Number(mm);
  const year = birthYear(Number(yy), Number(serial[0]));
  const birthDate = new Date(Date.UTC(year, month - 1, day));
  if (birthDate.getUTCFullYear() !== year || birthDate.getUTCMonth() !== month - 1 || birthDate.getUTCDate() !== day) {
    return undefined;
  }
  return { cpr: `${dd}${mm}${yy}${serial}` as Cpr, birthDate };
}

/** Like `tryParseCpr`, but a malformed number is a `BAD_USER_INPUT` GraphQL error. */
export function parseCpr(input: unknown): Cpr {
  const parsed = tryParseCpr(input);
  if (!parsed) {
    throw errors.badUserInput('Not a valid CPR number (expected DDMMYY-SSSS with a real birth date).');
  }
  return parsed.cpr;
}

/** DDMMYY-XXXX: the only form in which a CPR number may appear in logs, metrics or traces. */
export function maskCpr(cpr: string): string {
  const digits = cpr.replace('-', '');
  return `${digits.slice(0, 6)}-XXXX`;
}

// Digit boundaries, not word boundaries: `cpr0101804321` and `0101804321abc` must be masked too.
const CPR_IN_TEXT = /(?<!\d)(\d{6})-?\d{4}(?!\d)/g;

/** Masks every CPR-shaped number in free text: the last line of defence for log output. */
export function maskCprsInText(text: string): string {
  return text.replace(CPR_IN_TEXT, '$1-XXXX');
}
