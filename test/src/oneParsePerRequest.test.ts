import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAS, REPO_ROOT } from '@enplan/lib';
import type * as graphqlJs from 'graphql';
import { parse, type Source } from 'graphql';
import { TestFederation, graphql, tokenFor, type GraphQLResult } from './federation';

// Every parse in this process (the gateway's pricing stage, Apollo Server, the subgraphs) goes
// through this wrapper, so the test can count the parses of one operation text.
jest.mock('graphql', () => {
  const actual = jest.requireActual<typeof graphqlJs>('graphql');
  return { ...actual, parse: jest.fn(actual.parse) };
});
const parseCalls = jest.mocked(parse);

function parsesOf(text: string): number {
  return parseCalls.mock.calls.filter(([source]) => (typeof source === 'string' ? source : (source as Source).body) === text)
    .length;
}

const { peter, mette, jonas } = PERSONAS;
const operation = (name: string) => readFileSync(join(REPO_ROOT, 'operations', `${name}.graphql`), 'utf8');
const citizenPlan = operation('CitizenPlan');
const caseload = operation('Caseload');
const cprOnly = 'query CprOnly($cpr: ID!) { citizen(cpr: $cpr) { cpr } }';

describe('the gateway parses each operation text once: the pricing stage, and Apollo Server never again', () => {
  let federation: TestFederation;
  let anna: string;
  beforeAll(async () => {
    federation = await TestFederation.start();
    anna = await tokenFor('cw-emp-1');
  });
  afterAll(() => federation.stop());
  beforeEach(() => parseCalls.mockClear());

  it("parses Anna's first read of Peter's plan once, and answers it", async () => {
    const result = await graphql(federation.gateway.url, citizenPlan, { token: anna, variables: { cpr: peter.cpr } });
    expect(result.status).toBe(200);
    expect(result.data?.citizen?.cpr).toBe(peter.cpr);
    expect(parsesOf(citizenPlan)).toBe(1);
  });

  it('parses nothing when she reads it again: the document is the one priced and validated before', async () => {
    const result = await graphql(federation.gateway.url, citizenPlan, { token: anna, variables: { cpr: peter.cpr } });
    expect(result.data?.citizen?.cpr).toBe(peter.cpr);
    expect(parsesOf(citizenPlan)).toBe(0);
  });

  it('parses each new text of a batch once, a text sent twice in it once, and a known one not at all', async () => {
    const response = await fetch(federation.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${anna}` },
      body: JSON.stringify([
        { query: caseload, variables: { cprs: [peter.cpr, mette.cpr] } },
        { query: cprOnly, variables: { cpr: mette.cpr } },
        { query: cprOnly, variables: { cpr: jonas.cpr } },
        { query: citizenPlan, variables: { cpr: mette.cpr } },
      ]),
    });
    const answers = (await response.json()) as Array<
      GraphQLResult<{ citizen?: { cpr: string }; citizens?: Array<{ cpr: string }> }>
    >;
    expect(response.status).toBe(200);
    expect(answers.map((a) => a.data?.citizens?.map((c) => c.cpr) ?? a.data?.citizen?.cpr)).toEqual([
      [peter.cpr, mette.cpr],
      mette.cpr,
      jonas.cpr,
      mette.cpr,
    ]);
    expect([parsesOf(caseload), parsesOf(cprOnly), parsesOf(citizenPlan)]).toEqual([1, 1, 0]);
  });

  it('never stores an operation validation refuses: Apollo Server parses it again and refuses it, every time', async () => {
    const invalid = `{ citizen(cpr: "${peter.cpr}") { cpr nosuch } }`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      parseCalls.mockClear();
      const result = await graphql(federation.gateway.url, invalid, { token: anna });
      expect(result.status).toBe(400);
      expect(result.data).toBeUndefined();
      expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
        ['Cannot query field "nosuch" on type "Citizen".', 'GRAPHQL_VALIDATION_FAILED'],
      ]);
      expect(parsesOf(invalid)).toBe(2);
    }
  });

  it('parses a refused batch once and answers its price: ten caseloads of 100 citizens, never executed', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `01018${String(i).padStart(5, '0')}`);
    const caseloadAgain = `# the caseload, sent by another frontend\n${caseload}`;
    const response = await fetch(federation.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${anna}` },
      body: JSON.stringify(Array.from({ length: 10 }, () => ({ query: caseloadAgain, variables: { cprs: hundred } }))),
    });
    const answer = (await response.json()) as GraphQLResult;
    expect(response.status).toBe(400);
    expect(answer.errors?.map((e) => [e.extensions?.code, e.extensions?.estimate])).toEqual([['COST_LIMIT_EXCEEDED', 7_000]]);
    expect(parsesOf(caseloadAgain)).toBe(1);
  });
});
