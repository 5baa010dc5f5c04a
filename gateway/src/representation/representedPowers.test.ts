import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse } from 'graphql';
import { CategoryClassifier, powerForField, REPO_ROOT } from '@enplan/lib';
import { representedNeeds } from './representedPowers';

// The API schema clients see (as Apollo Server validates against), and the supergraph's categories.
const apiSchema = readFileSync(join(REPO_ROOT, 'web', 'schema.graphql'), 'utf8');
const classifier = CategoryClassifier.of(readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8'));
const schema = buildSchema(apiSchema);
const needs = (query: string) => {
  const { powers, never, categories } = representedNeeds(schema, parse(query), classifier);
  return { powers: [...powers].sort(), never, categories: [...categories].sort() };
};

describe('what a representative needs for an operation (docs/design.md rule 13)', () => {
  test.each([
    ['Citizen', 'plan', false, 'READ_PLAN'],
    ['Citizen', 'employment', true, 'READ_PLAN'],
    ['Citizen', 'accessLog', false, 'READ_ACCESS_LOG'],
    ['Citizen', 'inbox', false, 'RECEIVE_INBOX'],
    ['Mutation', 'withdrawConsent', false, 'MANAGE_CONSENTS'],
    ['Mutation', 'requestOnePlan', false, 'REQUEST_PLAN'],
    ['Mutation', 'setCitizenGoals', false, 'WRITE_PLAN'],
    ['Query', 'citizen', false, null],
    // Fail closed: what the table does not list is never a representative's.
    ['Citizen', 'representatives', false, 'never'],
    ['Mutation', 'givePowerOfRepresentation', false, 'never'],
    ['Mutation', 'setDoNotLookForMe', false, 'never'],
    ['Query', 'myCoordinatedPlans', false, 'never'],
    ['Citizen', 'somethingNew', false, 'never'],
  ])('%s.%s (category: %s) needs %s', (type, field, hasCategory, expected) => {
    expect(powerForField(type, field, hasCategory)).toBe(expected);
  });

  it('reads every field of the operation, its fragments included, and the data categories it touches', () => {
    expect(
      needs(`query Q { citizen(cpr: "0101650005") { cpr ...F accessLog { actorName } } }
             fragment F on Citizen { employment { status healthNotes { summary } } plan { joint { status } } }`),
    ).toEqual({ powers: ['READ_ACCESS_LOG', 'READ_PLAN'], never: [], categories: ['CASE', 'HEALTH'] });
    expect(needs('mutation { requestOnePlan(departments: [SOCIAL]) { id } }')).toEqual({
      powers: ['REQUEST_PLAN'],
      never: [],
      categories: [],
    });
    expect(needs('{ citizen(cpr: "0101650005") { doNotLookForMe representatives { id } } }').never).toEqual([
      'Citizen.doNotLookForMe',
      'Citizen.representatives',
    ]);
    // Introspection asks nothing of the citizen.
    expect(needs('{ __typename }')).toEqual({ powers: [], never: [], categories: [] });
  });
});
