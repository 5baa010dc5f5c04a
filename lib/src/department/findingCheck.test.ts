import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import type { Actor } from '../actor';
import { GATEWAY_ISSUER } from '../assertion';
import { FINDER_ISSUER, FINDING_FIELD } from '../findingField';
import { checkFindingCall, selectsFindingField } from './findingCheck';

const JONAS = '1111750011';
const PETER = '0101804321';
const FINDER: Actor = { role: 'SERVICE', id: FINDER_ISSUER, name: FINDER_ISSUER };
const BO: Actor = { role: 'CASEWORKER', id: 'cw-soc-1', name: 'Bo Kristensen', department: 'SOCIAL' };
const JONAS_SELF: Actor = { role: 'CITIZEN', id: 'citizen-111175', name: 'Jonas Berg', cpr: JONAS as never };
const AUDITOR: Actor = { role: 'AUDITOR', id: 'auditor-1', name: 'Revisor Ida Lund' };
const GATEWAY_SERVICE: Actor = { role: 'SERVICE', id: GATEWAY_ISSUER, name: GATEWAY_ISSUER };

function parsed(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return { operation, fragments };
}

function check(actor: Actor, query: string, issuer = actor.role === 'SERVICE' ? actor.id : GATEWAY_ISSUER) {
  const representations = [JONAS, PETER].map((cpr) => ({ __typename: 'Citizen', cpr }));
  return checkFindingCall({
    operation: parsed(query).operation,
    variables: { representations },
    assertion: { actor, issuer, jti: 'a-unique-assertion-id-0001' },
  });
}

const entities = (selection: string, alias = '') =>
  `query($representations: [_Any!]!) { ${alias}_entities(representations: $representations) { ... on Citizen { ${selection} } } }`;

describe('the yes/no question a department answers only the candidate finder', () => {
  it('the finder asking only the question gets it, and each answer is recorded as CASE without a consent', () => {
    expect(check(FINDER, entities(`__typename ${FINDING_FIELD}`))).toEqual({
      ok: true,
      disclosures: [JONAS, PETER].map((cpr, index) => ({
        field: '_entities',
        index,
        cpr,
        typename: 'Citizen',
        categories: ['CASE'],
        consentId: null,
      })),
    });
  });

  it.each<[string, Actor, string, string | undefined, string]>([
    ['a caseworker of the department itself', BO, entities(FINDING_FIELD), undefined, 'only the candidate finder'],
    ['the citizen about themself', JONAS_SELF, entities(FINDING_FIELD), undefined, 'only the candidate finder'],
    ['an auditor', AUDITOR, entities(FINDING_FIELD), undefined, 'only the candidate finder'],
    ['the gateway acting as a service', GATEWAY_SERVICE, entities(FINDING_FIELD), undefined, 'only the candidate finder'],
    [
      'the finder actor under the gateway’s signature',
      FINDER,
      entities(FINDING_FIELD),
      GATEWAY_ISSUER,
      'only the candidate finder',
    ],
    ['the finder asking more', FINDER, entities(`${FINDING_FIELD} social { kind }`), undefined, 'never asked together'],
    ['the finder renaming the answer', FINDER, entities(`yes: ${FINDING_FIELD}`), undefined, 'never asked together'],
    [
      'the finder beside another root field',
      FINDER,
      `query($representations: [_Any!]!) { _service { sdl } _entities(representations: $representations) { ... on Citizen { ${FINDING_FIELD} } } }`,
      undefined,
      'never asked together',
    ],
    ['the finder in a mutation', FINDER, entities(FINDING_FIELD).replace('query', 'mutation'), undefined, 'a query of its own'],
  ])('refused: %s', (_, actor, query, issuer, reason) => {
    const verdict = check(actor, query, issuer);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(reason);
  });

  it.each([
    ['at the root of an entity', entities(FINDING_FIELD), true],
    [
      'in a fragment spread',
      `query { _entities(representations: []) { ...F } } fragment F on Citizen { ${FINDING_FIELD} }`,
      true,
    ],
    ['nested under another field', `query { citizen { plan { ${FINDING_FIELD} } } }`, true],
    ['not at all', entities('social { kind }'), false],
  ])('a call is recognised as asking the question %s', (_, query, expected) => {
    const { operation, fragments } = parsed(query);
    expect(selectsFindingField(operation, fragments)).toBe(expected);
  });
});
