import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@enplan/lib';
import { parse } from 'graphql';
import { CostModel } from './CostModel';

const supergraph = new CostModel(readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8'), { defaultListSize: 10 });
const operation = (name: string) => parse(readFileSync(join(REPO_ROOT, 'operations', `${name}.graphql`), 'utf8'));
const cprs = (n: number) => Array.from({ length: n }, (_, i) => `01018${String(i).padStart(5, '0')}`);

/** The amplification request of issue #14: 30 aliases of `citizens(cprs:)`, each for 100 citizens. */
function thirtyAliasesOfCitizens(selection = 'cpr'): string {
  const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: citizens(cprs: $cprs) { ${selection} }`).join(' ');
  return `query Amplify($cprs: [ID!]!) { ${aliases} }`;
}

describe('the static cost of an operation, from the supergraph', () => {
  it.each([
    // Caseload: per citizen 1 + plan 1 + its joint part 1 + the coordinating caseworker 1 + three cases 3 = 7.
    ['Caseload', '100 citizens', { cprs: cprs(100) }, 700],
    ['Caseload', '3 citizens', { cprs: cprs(3) }, 21],
    // CitizenPlan: lists without @listSize count 10 elements each; the joint part's goals 10, agreements 20 (each with its action ref), meetings 20.
    ['CitizenPlan', 'Peter', { cpr: '0101804321' }, 174],
    // The one plan made together: history 50, inbox 50, a coordinator's list 50.
    ['MyOnePlan', 'Jonas', { cpr: '1111750011' }, 104],
    ['MyInbox', 'Jonas', { cpr: '1111750011' }, 51],
    ['MyCoordinatedPlans', 'Anna', {}, 150],
    ['ConsentReceipt', 'Jonas', { cpr: '1111750011' }, 191], // its receipts name up to two separate data controllers (rule 11)
    // MyAccessLog: accessLog is sized by `first` (the operation's default 100 when not given).
    ['MyAccessLog', 'first left out', { cpr: '0101804321' }, 231],
    ['MyAccessLog', 'first: 1000', { cpr: '0101804321', first: 1000 }, 1131],
    ['GiveConsent', 'an input', { input: {} }, 12],
    ['WithdrawConsent', 'an id', { id: 'CON-000001' }, 1],
  ])('%s (%s) costs %i', (name, _case, variables, expected) => {
    expect(supergraph.estimate(operation(name), undefined, variables)).toBe(expected);
  });

  it('prices the 30,000-citizen request at 30 × 100 citizens, at least one each', () => {
    expect(supergraph.estimate(parse(thirtyAliasesOfCitizens()), 'Amplify', { cprs: cprs(100) })).toBe(3_000);
    expect(supergraph.estimate(parse(thirtyAliasesOfCitizens('cpr employment { kind }')), 'Amplify', { cprs: cprs(100) })).toBe(
      6_000,
    );
  });

  it('sizes a list of IDs by its length, literal or variable, but never above @listSize(assumedSize:)', () => {
    expect(supergraph.estimate(parse('{ citizens(cprs: ["0101804321", "1502854562"]) { cpr } }'), undefined, {})).toBe(2);
    expect(supergraph.estimate(parse('query Q($c: [ID!]!) { citizens(cprs: $c) { cpr } }'), undefined, { c: cprs(500) })).toBe(
      100,
    );
    // Not a list (a client's mistake, refused by validation): the assumed size.
    expect(supergraph.estimate(parse('query Q($c: [ID!]!) { citizens(cprs: $c) { cpr } }'), undefined, { c: 'x' })).toBe(100);
  });

  it('counts a fragment each time it is spread', () => {
    const query =
      'query { a: citizen(cpr: "1") { ...Cases } b: citizen(cpr: "2") { ...Cases } } fragment Cases on Citizen { employment { kind } social { kind } }';
    expect(supergraph.estimate(parse(query), undefined, {})).toBe(2 * (1 + 2));
  });

  it('prices a fragment cycle and unknown fields at nothing: validation refuses them', () => {
    const query =
      '{ citizen(cpr: "1") { ...A nosuch { x } } } fragment A on Citizen { employment { kind } ...B } fragment B on Citizen { ...A }';
    expect(supergraph.estimate(parse(query), undefined, {})).toBe(2);
  });

  it('picks the named operation of several, and prices a missing one at 0', () => {
    const document = parse('query One { citizen(cpr: "1") { cpr } } query Many { myCoordinatedPlans { cpr } }');
    expect(supergraph.estimate(document, 'One', {})).toBe(1);
    expect(supergraph.estimate(document, 'Many', {})).toBe(50);
    expect(supergraph.estimate(document, undefined, {})).toBe(0);
    expect(supergraph.estimate(document, 'None', {})).toBe(0);
  });

  it('follows @cost(weight:) on fields, types and arguments, and slicing arguments, under whatever name the @link imports them', () => {
    const model = new CostModel(
      /* GraphQL */ `
        schema @link(url: "https://specs.apollo.dev/cost/v0.1", import: [{ name: "@cost", as: "@price" }, "@listSize"]) {
          query: Query
        }
        type Query {
          reports(limit: Int = 5, expensiveFilter: String @price(weight: 7)): [Report!]! @listSize(slicingArguments: ["limit"])
          heavy: Report @price(weight: 20)
          tags: [String!]!
        }
        type Report @price(weight: 3) {
          title: String
          score: Score
        }
        scalar Score @price(weight: 2)
      `,
      { defaultListSize: 4 },
    );
    const price = (query: string, variables = {}) => model.estimate(parse(query), undefined, variables);
    expect(price('{ reports { title } }')).toBe(5 * 3);
    expect(price('{ reports(limit: 2) { title score } }')).toBe(2 * (3 + 2));
    expect(price('query Q($n: Int) { reports(limit: $n) { title } }', { n: 40 })).toBe(40 * 3);
    expect(price('query Q($n: Int = 7) { reports(limit: $n) { title } }')).toBe(7 * 3);
    expect(price('query Q($n: Int) { reports(limit: $n) { title } }')).toBe(5 * 3);
    expect(price('{ reports(limit: 1, expensiveFilter: "x") { title } }')).toBe(3 + 7);
    expect(price('{ heavy { title } }')).toBe(20);
    expect(price('{ tags }')).toBe(0);
    expect(price('{ __typename reports(limit: 1) { __typename } }')).toBe(3);
  });
});
