import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import type { Actor } from '../actor';
import { citizenRef, type CitizenCoverage } from '../assertion';
import { loadSubgraphTypeDefs } from '../subgraphs';
import { checkCoverage } from './coverageCheck';

const schema = buildSubgraphSchema([{ typeDefs: loadSubgraphTypeDefs('social'), resolvers: {} }]);
const PETER = '0101804321';
const JONAS = '1111750011';
const ANNA: Actor = { role: 'CASEWORKER', id: 'cw-emp-1', name: 'Anna Larsen', department: 'EMPLOYMENT' };
const BO: Actor = { role: 'CASEWORKER', id: 'cw-soc-1', name: 'Bo Kristensen', department: 'SOCIAL' };
const PETER_SELF: Actor = { role: 'CITIZEN', id: PETER, name: 'Peter Hansen', cpr: PETER as never };
const JTI = 'a-unique-assertion-id-0001';
const PETERS_CASE_AND_PLAN: Record<string, CitizenCoverage> = {
  [PETER]: { categories: ['CASE', 'PLAN'], consentId: 'CON-000001' },
};

function check(
  actor: Actor,
  query: string,
  cprs: string[],
  coverage?: Record<string, CitizenCoverage>,
  variables: Record<string, unknown> = { representations: cprs.map((cpr) => ({ __typename: 'Citizen', cpr })) },
) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const covered = coverage && new Map(Object.entries(coverage).map(([cpr, c]) => [citizenRef(JTI, cpr), c]));
  return checkCoverage({
    department: 'SOCIAL',
    schema,
    operation,
    fragments,
    variables,
    assertion: { actor, issuer: 'enplan-gateway', jti: JTI, ...(covered && { coverage: covered }) },
  });
}

const entities = (selection: string) =>
  `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { ${selection} } } }`;

describe("a department's own check of the gateway's signed coverage", () => {
  it.each<[string, Actor, string, string[], Record<string, CitizenCoverage> | undefined, ReturnType<typeof checkCoverage>]>([
    [
      'its own caseworker asks anything, no record',
      BO,
      entities('social { kind healthNotes { summary } }'),
      [PETER, JONAS],
      undefined,
      { ok: true, disclosures: [] },
    ],
    [
      'its own caseworker uses its root fields',
      BO,
      '{ _service { sdl } __typename }',
      [],
      undefined,
      { ok: true, disclosures: [] },
    ],
    ['a citizen about themself', PETER_SELF, entities('social { kind }'), [PETER], undefined, { ok: true, disclosures: [] }],
    [
      'a citizen about someone else',
      PETER_SELF,
      entities('social { kind }'),
      [JONAS],
      undefined,
      { ok: false, reason: "representation 0: this role sees no other citizen's data" },
    ],
    [
      'Anna, CASE covered for Peter',
      ANNA,
      entities('cpr social { kind caseworker { name } }'),
      [PETER],
      PETERS_CASE_AND_PLAN,
      {
        ok: true,
        disclosures: [
          { field: '_entities', index: 0, cpr: PETER, typename: 'Citizen', categories: ['CASE'], consentId: 'CON-000001' },
        ],
      },
    ],
    [
      'Anna asks for BENEFITS, not covered',
      ANNA,
      entities('social { kind benefits { kind } }'),
      [PETER],
      PETERS_CASE_AND_PLAN,
      { ok: false, reason: 'representation 0: consent does not cover BENEFITS' },
    ],
    [
      'Anna asks for Jonas, not in the assertion',
      ANNA,
      entities('social { kind }'),
      [PETER, JONAS],
      PETERS_CASE_AND_PLAN,
      { ok: false, reason: 'representation 1: no consent for this citizen in the assertion' },
    ],
    [
      'Anna, without any coverage',
      ANNA,
      entities('social { kind }'),
      [PETER],
      undefined,
      { ok: false, reason: 'representation 0: no consent for this citizen in the assertion' },
    ],
    [
      'Anna hides HEALTH in a named fragment',
      ANNA,
      'query($representations: [_Any!]!) { _entities(representations: $representations) { ...C } } fragment C on Citizen { social { healthNotes { summary } } }',
      [PETER],
      PETERS_CASE_AND_PLAN,
      { ok: false, reason: 'representation 0: consent does not cover HEALTH' },
    ],
    [
      'Anna uses a root field of SOCIAL',
      ANNA,
      '{ _entities(representations: []) { __typename } __typename }',
      [],
      undefined,
      { ok: false, reason: 'only SOCIAL caseworkers may use this' },
    ],
  ])('%s', (_case, actor, query, cprs, coverage, expected) => {
    expect(check(actor, query, cprs, coverage)).toEqual(expected);
  });

  describe('one call carrying two entity fetches, each `_entities` under its own alias (as the gateway batches them)', () => {
    const twoFetches = (citizen: string, plan: string) =>
      `query($e0: [_Any!]!, $e1: [_Any!]!) {
        e0: _entities(representations: $e0) { ... on Citizen { ${citizen} } }
        e1: _entities(representations: $e1) { ... on OnePlan { ${plan} } } }`;
    const peterAndJonas = {
      e0: [{ __typename: 'Citizen', cpr: PETER }],
      e1: [
        { __typename: 'OnePlan', cpr: JONAS },
        { __typename: 'OnePlan', cpr: PETER },
      ],
    };
    const bothCovered = { ...PETERS_CASE_AND_PLAN, [JONAS]: { categories: ['PLAN' as const], consentId: 'CON-000002' } };

    it('each field is checked against its own representations, and each disclosure names its field', () => {
      expect(check(ANNA, twoFetches('social { kind }', 'social { nextFollowUp }'), [], bothCovered, peterAndJonas)).toEqual({
        ok: true,
        disclosures: [
          { field: 'e0', index: 0, cpr: PETER, typename: 'Citizen', categories: ['CASE'], consentId: 'CON-000001' },
          { field: 'e1', index: 0, cpr: JONAS, typename: 'OnePlan', categories: ['PLAN'], consentId: 'CON-000002' },
          { field: 'e1', index: 1, cpr: PETER, typename: 'OnePlan', categories: ['PLAN'], consentId: 'CON-000001' },
        ],
      });
    });

    it('a citizen the second field names without consent refuses the whole call', () => {
      expect(
        check(ANNA, twoFetches('social { kind }', 'social { nextFollowUp }'), [], PETERS_CASE_AND_PLAN, peterAndJonas),
      ).toEqual({ ok: false, reason: 'representation 0 of e1: no consent for this citizen in the assertion' });
    });

    it("a field the consent does not cover, hidden in the second fetch, refuses the whole call (Peter's health notes)", () => {
      const hidden = `query($e0: [_Any!]!, $e1: [_Any!]!) {
        e0: _entities(representations: $e0) { ... on Citizen { social { kind } } }
        e1: _entities(representations: $e1) { ... on Citizen { social { healthNotes { summary } } } } }`;
      expect(
        check(ANNA, hidden, [], PETERS_CASE_AND_PLAN, {
          e0: [{ __typename: 'Citizen', cpr: PETER }],
          e1: [{ __typename: 'Citizen', cpr: PETER }],
        }),
      ).toEqual({
        ok: false,
        reason: 'representation 0 of e1: consent does not cover HEALTH',
      });
    });

    it('an `_entities` field beside another root field of SOCIAL is a root-field call: own caseworkers only', () => {
      const mixed = `query($e0: [_Any!]!) { e0: _entities(representations: $e0) { ... on Citizen { social { kind } } } cases: _service { sdl } }`;
      expect(check(ANNA, mixed, [], PETERS_CASE_AND_PLAN, { e0: [{ __typename: 'Citizen', cpr: PETER }] })).toEqual({
        ok: false,
        reason: 'only SOCIAL caseworkers may use this',
      });
    });
  });
});
