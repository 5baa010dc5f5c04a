import { GraphQLError } from 'graphql';
import { maskCpr, maskCprsInText, parseCpr, tryParseCpr } from './cpr';

describe('CPR numbers', () => {
  it.each([
    // input, normalised, birth date: the 7th digit decides the century
    ['0101804321', '0101804321', '1980-01-01'], // Peter: 7th digit 4, year 80 → 1900s
    ['010180-4321', '0101804321', '1980-01-01'], // with the dash
    ['1502854562', '1502854562', '1985-02-15'], // Mette
    ['0101650005', '0101650005', '1965-01-01'], // Lars: fails modulus 11, valid all the same
    ['1111750011', '1111750011', '1975-11-11'], // Jonas: fails modulus 11 too
    ['0101104321', '0101104321', '2010-01-01'], // 7th digit 4, year ≤ 36 → 2000s
    ['0101585000', '0101585000', '1858-01-01'], // 7th digit 5–8, year ≥ 58 → 1800s
    ['0101205000', '0101205000', '2020-01-01'], // 7th digit 5–8, year ≤ 57 → 2000s
    ['2902009000', '2902009000', '2000-02-29'], // 7th digit 9, year 00 → 2000, a leap day
  ])('%s parses to %s, born %s', (input, cpr, birth) => {
    const parsed = tryParseCpr(input);
    expect(parsed?.cpr).toBe(cpr);
    expect(parsed?.birthDate.toISOString().slice(0, 10)).toBe(birth);
  });

  it.each([
    ['', 'empty'],
    ['010180432', 'nine digits'],
    ['01018043211', 'eleven digits'],
    ['3201804321', 'day 32'],
    ['0113804321', 'month 13'],
    ['3002804321', '30 February'],
    ['2902001000', '29 February 1900: 7th digit 1 means the 1900s, and 1900 was no leap year'],
    ['0101 80 4321', 'spaces inside'],
    ['010180–4321', 'an en dash'],
    ['abcdefghij', 'letters'],
    ['010180-432a', 'a letter in the serial'],
  ])('rejects %j (%s) as BAD_USER_INPUT', (input) => {
    expect(tryParseCpr(input)).toBeUndefined();
    let thrown: unknown;
    try {
      parseCpr(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('rejects values that are not strings without throwing', () => {
    for (const value of [undefined, null, 101804321, {}, []]) expect(tryParseCpr(value)).toBeUndefined();
  });

  it('masks a CPR as DDMMYY-XXXX', () => {
    expect(maskCpr('0101804321')).toBe('010180-XXXX');
    expect(maskCpr('010180-4321')).toBe('010180-XXXX');
  });

  it('masks every CPR-shaped number in free text', () => {
    expect(maskCprsInText('citizen 0101804321 and 150285-4562 asked')).toBe('citizen 010180-XXXX and 150285-XXXX asked');
  });
});
