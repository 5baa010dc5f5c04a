import { nestingExceeds } from './queryNesting';

describe('bracket nesting, measured before parsing', () => {
  it.each([
    ['{ a { b } }', 2, false],
    ['{ a { b { c } } }', 2, true],
    ['{ a(x: [[1]]) }', 4, false],
    ['{ a(x: [[1]]) }', 3, true],
    ['{ a(x: "{{{{{{") }', 2, false],
    ['{ a(x: """ {{{{ " {{{{ """) }', 2, false],
    ['{ a(x: "\\" {{{{") }', 2, false],
    ['{ a # {{{{{{\n }', 1, false],
  ])('%j with a limit of %i: exceeded = %s', (query, limit, exceeded) => {
    expect(nestingExceeds(query, limit)).toBe(exceeded);
  });

  it('refuses a 5,000-deep selection without recursion', () => {
    expect(nestingExceeds(`{ ${'a { '.repeat(5_000)}b${' }'.repeat(5_000)} }`, 48)).toBe(true);
  });
});
