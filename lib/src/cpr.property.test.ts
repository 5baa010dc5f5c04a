import fc from 'fast-check';
import { maskCprsInText, tryParseCpr } from './cpr';

/** Strings of digits and dashes (with a little whitespace round them): where CPR-shaped input lives. */
const digitsAndDashes = fc.string({ unit: fc.constantFrom(...'0123456789-'), maxLength: 14 });
const cprLike = fc
  .tuple(fc.constantFrom('', ' ', '\t', '\n'), digitsAndDashes, fc.constantFrom('', ' ', '\n'))
  .map((parts) => parts.join(''));

/** A ten-digit string that is a real CPR number: a day that exists in the month and century the digits name. */
const validCpr = fc
  .tuple(
    fc.integer({ min: 1, max: 31 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 9999 }),
  )
  .map(([d, m, y, s]) => `${pad(d, 2)}${pad(m, 2)}${pad(y, 2)}${pad(s, 4)}`)
  .filter((cpr) => tryParseCpr(cpr) !== undefined);

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Every CPR-shaped run in `text` (DDMMYYSSSS or DDMMYY-SSSS, not part of a longer number) that names a real date. */
function cprsIn(text: string): string[] {
  return [...text.matchAll(/(?<!\d)\d{6}-?\d{4}(?!\d)/g)].map((m) => m[0]).filter((run) => tryParseCpr(run) !== undefined);
}

describe('CPR parsing, for any input', () => {
  it('never throws', () => {
    for (const strings of [fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), cprLike]) {
      fc.assert(
        fc.property(strings, (input) => {
          tryParseCpr(input);
        }),
        { numRuns: 1_000 },
      );
    }
  });

  it('accepts only ten digits, which parse again to themselves', () => {
    fc.assert(
      fc.property(fc.oneof(cprLike, validCpr, fc.string()), (input) => {
        const parsed = tryParseCpr(input);
        if (!parsed) return;
        expect(parsed.cpr).toMatch(/^\d{10}$/);
        expect(tryParseCpr(parsed.cpr)?.cpr).toBe(parsed.cpr);
        // With the dash it is the same number.
        expect(tryParseCpr(`${parsed.cpr.slice(0, 6)}-${parsed.cpr.slice(6)}`)?.cpr).toBe(parsed.cpr);
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads the birth date back from the digits it keeps', () => {
    fc.assert(
      fc.property(validCpr, (cpr) => {
        const { birthDate } = tryParseCpr(cpr)!;
        const ddmmyy = `${pad(birthDate.getUTCDate(), 2)}${pad(birthDate.getUTCMonth() + 1, 2)}${pad(birthDate.getUTCFullYear() % 100, 2)}`;
        expect(ddmmyy).toBe(cpr.slice(0, 6));
      }),
    );
  });
});

describe('masking CPR numbers in log text', () => {
  const dashed = (cpr: string) => `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
  /** Log-line text: CPR numbers and other words, each set off by punctuation or space (JSON, key=value, paths). */
  const delimiter = fc.constantFrom(' ', '"', ':', '=', '/', ',', '(', ')', '\n', '.', '[', ']', '{', '}');
  const logText = fc
    .array(fc.tuple(delimiter, fc.oneof(validCpr, validCpr.map(dashed), fc.string({ maxLength: 8 }))), { maxLength: 6 })
    .chain((parts) => delimiter.map((last) => [...parts.flat(), last].join('')));

  it('leaves no CPR number standing between punctuation or spaces', () => {
    fc.assert(
      fc.property(logText, (text) => {
        expect(cprsIn(maskCprsInText(text))).toEqual([]);
      }),
      { numRuns: 5_000 },
    );
  });

  // Found by this property: a CPR glued to letters ("cpr0101804321") once slipped past a \b-based mask.
  it('leaves no CPR number standing in any text, letters and underscores beside it included', () => {
    const anyText = fc
      .array(
        fc.tuple(
          fc.string({ maxLength: 4 }),
          fc.oneof(
            validCpr,
            validCpr.map((c) => `${c.slice(0, 6)}-${c.slice(6)}`),
          ),
        ),
        { maxLength: 4 },
      )
      .map((parts) => parts.flat().join(''));
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string()), (text) => {
        expect(cprsIn(maskCprsInText(text))).toEqual([]);
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps the birth-date half of each number it masks (DDMMYY-XXXX)', () => {
    fc.assert(
      fc.property(validCpr, fc.constantFrom(' ', '"', '='), (cpr, around) => {
        expect(maskCprsInText(`${around}${cpr}${around}`)).toBe(`${around}${cpr.slice(0, 6)}-XXXX${around}`);
      }),
    );
  });
});
