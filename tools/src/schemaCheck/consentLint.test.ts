import { CATEGORY_SPEC_URL } from '@enplan/lib';
import { parse } from 'graphql';
import { lintConsent } from './consentLint';

/** A department's SDL linking enplan's spec, as every subgraph's shared header does. */
const linked = (sdl: string) => parse(`extend schema @link(url: "${CATEGORY_SPEC_URL}", import: ["@category"]) ${sdl}`);

/** A department's SDL in the shape of subgraphs/employment, small enough to read in the test. */
const COMMITTED_SDL = /* GraphQL */ `
  type Citizen @key(fields: "cpr") {
    cpr: ID!
    employment: EmploymentCase @category(is: CASE)
  }
  type EmploymentCase @category(is: CASE) {
    kind: String!
    benefits: [Benefit!]! @category(is: BENEFITS)
    healthNotes: [HealthNote!]! @category(is: HEALTH)
  }
  type Benefit @category(is: BENEFITS) {
    kind: String!
  }
  type HealthNote @category(is: HEALTH) {
    summary: String!
  }
`;
const committed = linked(COMMITTED_SDL);

const lint = (sdl: string) => lintConsent('employment', linked(sdl), committed);

describe('lintConsent: a field’s category is its own @category, else its type’s', () => {
  test('the committed SDL is clean', () => {
    expect(lintConsent('employment', committed, committed)).toEqual({ missingCategory: [], privacyChanges: [] });
  });

  test.each([
    ['a field on a type with a category inherits it', 'type Extra @category(is: PLAN) { note: String }', []],
    ['a field with its own category needs none on its type', 'type Extra { note: String @category(is: PLAN) }', []],
    [
      'a field with neither is reported',
      'type Extra { note: String }',
      [{ subgraph: 'employment', type: 'Extra', field: 'note' }],
    ],
    [
      'key fields are exempt, the other fields of the entity are not',
      'type OnePlan @key(fields: "cpr") { cpr: ID! employment: String }',
      [{ subgraph: 'employment', type: 'OnePlan', field: 'employment' }],
    ],
    [
      'a root field of a department is not exempt',
      'type Query { caseCount: Int }',
      [{ subgraph: 'employment', type: 'Query', field: 'caseCount' }],
    ],
    ['extend type counts with its type', 'type Extra @category(is: PLAN) { a: String } extend type Extra { b: String }', []],
    [
      'a value that is not a DataCategory counts as none',
      'type Extra { note: String @category(is: SECRET) }',
      [{ subgraph: 'employment', type: 'Extra', field: 'note' }],
    ],
  ])('%s', (_rule, sdl, missingCategory) => {
    expect(lint(sdl).missingCategory).toEqual(missingCategory);
  });

  test.each([
    ['HEALTH', 'PLAN', 'lowered', true],
    ['HEALTH', 'SUBSTANCE_ABUSE', 'sideways', true],
    ['BENEFITS', 'CASE', 'lowered', true],
    ['BENEFITS', 'FAMILY', 'raised', false],
    ['HEALTH', 'HEALTH', undefined, undefined],
  ] as const)('healthNotes %s → %s is %s', (from, to, direction, needsReview) => {
    const proposed = linked(
      /* GraphQL */ `type EmploymentCase @category(is: CASE) { healthNotes: [HealthNote!]! @category(is: ${to}) }`,
    );
    const committedSdl = linked(
      /* GraphQL */ `type EmploymentCase @category(is: CASE) { healthNotes: [HealthNote!]! @category(is: ${from}) }`,
    );

    expect(lintConsent('employment', proposed, committedSdl).privacyChanges).toEqual(
      direction ? [{ type: 'EmploymentCase', field: 'healthNotes', from, to, direction, needsReview }] : [],
    );
  });

  test('removing a type’s category leaves its fields without one, except those with their own', () => {
    const result = lint(COMMITTED_SDL.replace('type EmploymentCase @category(is: CASE)', 'type EmploymentCase'));

    expect(result.missingCategory).toEqual([{ subgraph: 'employment', type: 'EmploymentCase', field: 'kind' }]);
  });

  test('lowering a type’s category lowers every field that inherits it', () => {
    const result = lint(COMMITTED_SDL.replace('type Benefit @category(is: BENEFITS)', 'type Benefit @category(is: CASE)'));

    expect(result.privacyChanges).toEqual([
      { type: 'Benefit', field: 'kind', from: 'BENEFITS', to: 'CASE', direction: 'lowered', needsReview: true },
    ]);
  });
});
