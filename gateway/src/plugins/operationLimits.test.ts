import { ApolloServer } from '@apollo/server';
import { getIntrospectionQuery } from 'graphql';
import { DEFAULT_OPERATION_LIMITS, operationLimits, type OperationLimitsOptions } from './operationLimits';

const typeDefs = /* GraphQL */ `
  type Query {
    hello: String
    node: Node
  }
  type Node {
    name: String
    node: Node
  }
`;
const node = (): object => ({ name: 'n', node });
const resolvers = { Query: { hello: () => 'hej', node } };

function serverWith(options?: OperationLimitsOptions, { validation = true } = {}) {
  return new ApolloServer({
    typeDefs,
    resolvers,
    plugins: [operationLimits(options)],
    ...(!validation && { dangerouslyDisableValidation: true }),
  });
}

/** `{ node { node { … name } } }` with `depth` levels of fields. */
function nested(depth: number): string {
  return `{ ${'node { '.repeat(depth - 1)}name${' }'.repeat(depth - 1)} }`;
}
const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: hello`).join(' ')} }`;
const directed = (count: number) => `{ ${Array.from({ length: count }, () => 'hello @include(if: true)').join(' ')} }`;

interface Outcome {
  status: number | undefined;
  errors: Array<{ message: string; code: unknown }> | undefined;
  data: unknown;
}

async function run(server: ApolloServer, query: string): Promise<Outcome> {
  const response = await server.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { errors, data } = response.body.singleResult;
  return { status: response.http.status, errors: errors?.map((e) => ({ message: e.message, code: e.extensions?.code })), data };
}

function expectRefused(outcome: Outcome, message: string) {
  expect(outcome.status).toBe(400);
  expect(outcome.errors).toEqual([{ message, code: 'BAD_USER_INPUT' }]);
  expect(outcome.data).toBeUndefined();
}

function expectAnswered(outcome: Outcome) {
  expect(outcome.errors).toBeUndefined();
  expect(outcome.data).toBeDefined();
}

describe('operation limits', () => {
  const server = serverWith();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('has the documented defaults', () => {
    expect(DEFAULT_OPERATION_LIMITS).toEqual({ maxQueryDepth: 12, maxAliases: 30, maxDirectives: 50 });
  });

  it('counts root fields as depth 1', async () => {
    const shallow = serverWith({ maxQueryDepth: 1 });
    await shallow.start();
    expectAnswered(await run(shallow, '{ hello }'));
    expectRefused(await run(shallow, '{ node { name } }'), 'Query depth 2 exceeds the limit of 1.');
    await shallow.stop();
  });

  it('answers a query exactly 12 deep and refuses one 13 deep', async () => {
    expectAnswered(await run(server, nested(12)));
    expectRefused(await run(server, nested(13)), 'Query depth 13 exceeds the limit of 12.');
    expectRefused(await run(server, nested(14)), 'Query depth 14 exceeds the limit of 12.');
  });

  it('follows fragment spreads and inline fragments when measuring depth', async () => {
    const viaFragments = (innerDepth: number) => /* GraphQL */ `
      query { node { ... on Node { ...Deep } } }
      fragment Deep on Node { ${nested(innerDepth).slice(2, -2)} }
    `;
    expectAnswered(await run(server, viaFragments(11)));
    expectRefused(await run(server, viaFragments(12)), 'Query depth 13 exceeds the limit of 12.');
  });

  it('answers 30 aliases and refuses 31', async () => {
    expectAnswered(await run(server, aliased(30)));
    expectRefused(await run(server, aliased(31)), 'Alias count 31 exceeds the limit of 30.');
  });

  it('counts the aliases of a fragment each time it is spread', async () => {
    const query = (spreads: number) => /* GraphQL */ `
      query { ${Array.from({ length: spreads }, (_, i) => `n${i}: node { ...Ten }`).join(' ')} }
      fragment Ten on Node { ${Array.from({ length: 10 }, (_, i) => `x${i}: name`).join(' ')} }
    `;
    // n0..n1 plus 2 × 10 inside = 22; n0..n2 plus 3 × 10 = 33
    expectAnswered(await run(server, query(2)));
    expectRefused(await run(server, query(3)), 'Alias count 33 exceeds the limit of 30.');
  });

  it('answers 50 directives and refuses 51', async () => {
    expectAnswered(await run(server, directed(50)));
    expectRefused(await run(server, directed(51)), 'Directive count 51 exceeds the limit of 50.');
  });

  it('counts directives on the operation, variables, fragment spreads and fragment definitions', async () => {
    const query = (extra: string) => /* GraphQL */ `
      query Q($v: Boolean = true @deprecated) @skip(if: false) { ...F @include(if: true) ${extra} }
      fragment F on Query @skip(if: false) { hello }
    `;
    // @skip on a query and a fragment definition, @deprecated on a variable: graphql-js refuses
    // them in validation, so this measures them with validation off.
    const unvalidated = serverWith({ maxDirectives: 4 }, { validation: false });
    await unvalidated.start();
    expectAnswered(await run(unvalidated, query('')));
    expectRefused(await run(unvalidated, query('node @include(if: true) { name }')), 'Directive count 5 exceeds the limit of 4.');
    await unvalidated.stop();
  });

  it('applies configured limits in place of the defaults', async () => {
    const strict = serverWith({ maxQueryDepth: 3, maxAliases: 1, maxDirectives: 1 });
    await strict.start();
    expectAnswered(await run(strict, nested(3)));
    expectRefused(await run(strict, nested(4)), 'Query depth 4 exceeds the limit of 3.');
    expectRefused(await run(strict, aliased(2)), 'Alias count 2 exceeds the limit of 1.');
    expectRefused(await run(strict, directed(2)), 'Directive count 2 exceeds the limit of 1.');
    await strict.stop();
  });

  it('keeps the defaults for options left undefined', async () => {
    const partial = serverWith({ maxQueryDepth: undefined, maxAliases: 2 });
    await partial.start();
    expectAnswered(await run(partial, nested(12)));
    expectRefused(await run(partial, nested(13)), 'Query depth 13 exceeds the limit of 12.');
    await partial.stop();
  });

  it('answers the standard introspection query, whose ofType chains add no depth', async () => {
    expectAnswered(await run(server, getIntrospectionQuery()));
  });

  it('counts ofType like any field outside introspection', async () => {
    const shallow = new ApolloServer({
      typeDefs: 'type Query { t: T } type T { ofType: T name: String }',
      plugins: [operationLimits({ maxQueryDepth: 2 })],
    });
    await shallow.start();
    expectRefused(await run(shallow, '{ t { ofType { name } } }'), 'Query depth 3 exceeds the limit of 2.');
    expectAnswered(await run(shallow, '{ __type(name: "T") { ofType { ofType { ofType { name } } } } }'));
    await shallow.stop();
  });

  it('measures a repeated query again on every request (document-store hits included)', async () => {
    for (let i = 0; i < 3; i++) expectRefused(await run(server, nested(13)), 'Query depth 13 exceeds the limit of 12.');
  });

  describe('documents that validation would refuse (dangerouslyDisableValidation)', () => {
    const unvalidated = serverWith({}, { validation: false });
    beforeAll(() => unvalidated.start());
    afterAll(() => unvalidated.stop());

    it('refuses a fragment cycle, which would otherwise execute without end', async () => {
      const cycle = /* GraphQL */ `
        query {
          node {
            ...A
          }
        }
        fragment A on Node {
          node {
            ...B
          }
        }
        fragment B on Node {
          node {
            ...A
          }
        }
      `;
      expectRefused(
        await run(unvalidated, cycle),
        'Query depth is unbounded (fragment A spreads itself) and exceeds the limit of 12.',
      );
    });

    it('still counts the fields that fan out inside introspection', async () => {
      // __schema types fields type fields type …: each level multiplies the work. Apollo Server's
      // own introspection-depth rule refuses this in validation; the depth limit holds without it.
      const walk = (levels: number) =>
        `{ __schema { types { ${'fields { type { '.repeat(levels)}fields { name }${' } }'.repeat(levels)} } } }`;
      expectAnswered(await run(unvalidated, walk(4))); // __schema types, 4 × (fields type), fields name: 2 + 8 + 2
      expectRefused(await run(unvalidated, walk(5)), 'Query depth 14 exceeds the limit of 12.');
    });

    it('measures a fragment chain that doubles at each step in linear time', async () => {
      // F0 spreads F1 twice, F1 spreads F2 twice, …: expanded, 2^40 directives.
      const levels = 40;
      const fragments = Array.from({ length: levels }, (_, i) =>
        i === levels - 1
          ? `fragment F${i} on Query { hello @include(if: true) }`
          : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
      ).join('\n');
      const started = Date.now();
      expectRefused(
        await run(unvalidated, `query { ...F0 }\n${fragments}`),
        `Directive count ${2 ** (levels - 1)} exceeds the limit of 50.`,
      );
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });
});
