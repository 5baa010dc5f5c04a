import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CategoryClassifier, REPO_ROOT } from '@enplan/lib';
import { EntityFetch, EntityFetchCache, anonymous, withOperationName, type Requirement } from './EntityFetch';

const index = CategoryClassifier.of(readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8'));

// As the query planner sends it to the social subgraph for Anna's read of Peter.
const SOCIAL_FETCH = `query AnnaReadsPeter__social__1($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Citizen { cpr social { kind caseworker { name } benefits { kind } substanceAbuseTreatment { title } healthNotes { summary } } }
  }
}`;

const allow = (...categories: Requirement[]) => new Set<Requirement>(categories);

describe('pruning an entity fetch to what the consent covers', () => {
  const fetch = new EntityFetch(SOCIAL_FETCH, index);

  it('recognises an entity fetch', () => {
    expect(fetch.isEntityFetch).toBe(true);
    expect(new EntityFetch('query { citizens(cprs: []) { cpr } }', index).isEntityFetch).toBe(false);
  });

  it('drops the definition of a variable whose last use went with a removed field (a subgraph refuses unused variables)', () => {
    const withVariables = new EntityFetch(
      `query Q__social__1($representations: [_Any!]!, $yes: Boolean!, $no: Boolean!) {
        _entities(representations: $representations) {
          ... on Citizen { social @skip(if: $no) { healthNotes { summary } substanceAbuseTreatment @include(if: $yes) { title } } }
        }
      }`,
      index,
    );

    expect(withVariables.prune(allow('CASE', 'PLAN', 'BENEFITS'), 'CASE,PLAN,BENEFITS').query).toMatch(
      /^query Q__social__1\(\$representations: \[_Any!\]!, \$no: Boolean!\)/,
    );
    expect(withVariables.prune(allow('CASE', 'HEALTH', 'SUBSTANCE_ABUSE'), 'CASE,HEALTH,SUBSTANCE_ABUSE').query).toContain(
      '$yes: Boolean!',
    );
  });

  it('removes the fields of categories not covered, and says which and why', () => {
    const pruned = fetch.prune(allow('CASE', 'PLAN', 'BENEFITS'), 'CASE,PLAN,BENEFITS');
    expect(pruned.query).not.toContain('substanceAbuseTreatment');
    expect(pruned.query).not.toContain('healthNotes');
    expect(pruned.query).toContain('benefits');
    expect(pruned.byType.get('Citizen')).toEqual({
      sendable: true,
      disclosed: ['BENEFITS', 'CASE'],
      deniedCategories: ['HEALTH', 'SUBSTANCE_ABUSE'],
      denied: [
        { path: ['social', 'substanceAbuseTreatment'], missing: ['SUBSTANCE_ABUSE'] },
        { path: ['social', 'healthNotes'], missing: ['HEALTH'] },
      ],
    });
  });

  it('sends nothing for a citizen whose consent covers no category of the fetch', () => {
    const pruned = fetch.prune(allow('FAMILY'), 'FAMILY');
    expect(pruned.byType.get('Citizen')?.sendable).toBe(false);
    expect(pruned.byType.get('Citizen')?.denied).toEqual([
      { path: ['social'], missing: ['BENEFITS', 'CASE', 'HEALTH', 'PLAN', 'SUBSTANCE_ABUSE'] },
    ]);
  });

  it('keeps the object whose own category is covered even when none of its fields are, as { __typename }', () => {
    const onlyCaseworker = new EntityFetch(
      'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on OnePlan { social { caseworker { name } } } } }',
      index,
    );
    const pruned = onlyCaseworker.prune(allow('PLAN'), 'PLAN');
    expect(pruned.query.replace(/\s+/g, ' ')).toContain('social { __typename }');
    expect(pruned.byType.get('OnePlan')?.denied).toEqual([{ path: ['social', 'caseworker'], missing: ['CASE'] }]);
  });

  it('never shares a field without a category, whatever is allowed', () => {
    const unclassified = CategoryClassifier.of(`
      schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION) { query: Query }
      type Query { x: Int }
      type Citizen @join__type(graph: EMPLOYMENT, key: "cpr") { cpr: ID! secret: String }`);
    const fetchUnclassified = new EntityFetch(
      'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { cpr secret } } }',
      unclassified,
    );
    const everything = allow('CASE', 'PLAN', 'BENEFITS', 'HEALTH', 'SUBSTANCE_ABUSE', 'FAMILY');
    expect(fetchUnclassified.prune(everything, 'all').byType.get('Citizen')).toEqual({
      sendable: false,
      disclosed: [],
      deniedCategories: [],
      denied: [{ path: ['secret'], missing: ['UNCLASSIFIED'] }],
    });
  });
});

describe('the cache of analysed fetches', () => {
  const named = (name: string) =>
    `query ${name}__social__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { social { kind } } } }`;

  it('shares one analysis between operations that differ only in name', () => {
    const cache = new EntityFetchCache(index);
    expect(cache.get(named('Soak_1'))).toBe(cache.get(named('Soak_2')));
    expect(cache.size).toBe(1);
  });

  it('gives the pruned fetch the operation name of the request it serves', () => {
    const pruned = new EntityFetch(anonymous(named('Caseload')), index).prune(allow('CASE'), 'CASE').query;
    expect(pruned.startsWith('query (')).toBe(true);
    expect(withOperationName(pruned, 'Caseload__social__1').startsWith('query Caseload__social__1 (')).toBe(true);
  });

  it('stays within its byte budget, dropping the least recently used shape first', () => {
    const shape = (field: string) =>
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { social { ${field} } } } }`;
    const cache = new EntityFetchCache(index, shape('openedOn').length * 2); // room for two shapes
    const kind = cache.get(shape('kind'));
    cache.get(shape('status'));
    cache.get(shape('kind')); // touch: now the most recently used
    cache.get(shape('openedOn')); // over budget: `status` goes
    expect(cache.size).toBe(2);
    expect(cache.get(shape('kind'))).toBe(kind);
  });
});
