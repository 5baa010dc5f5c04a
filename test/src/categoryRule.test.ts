/**
 * One rule, one answer: a field's data category is its own `@category`, else its type's; key fields
 * are exempt. Every place that applies the rule (the gateway's enforcement, the federation roles
 * checked at composition and gateway start-up, a department's own coverage check, the schema lint)
 * is asked about every edge case below and must give the same answer.
 */
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { EntityFetch, type Requirement } from '@enplan/gateway/src/enforcement/EntityFetch';
import {
  CategoryClassifier,
  DATA_CATEGORIES,
  checkCoverage,
  citizenRef,
  fullSubgraphSdl,
  readFederationRoles,
  type Actor,
  type DataCategory,
} from '@enplan/lib';
import { lintConsent } from '@enplan/tools/src/schemaCheck/consentLint';
import { Kind, getNamedType, isObjectType, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** What a user of the rule says of one field. */
type Answer = DataCategory | 'none' | 'key';

interface Case {
  rule: string;
  /** The social subgraph's own schema.graphql for this case (the shared header is added). */
  sdl: string;
  /** The entity a gateway fetch asks for, and the path to the field in question below it. */
  entity: string;
  path: [string] | [string, string];
  /** The type declaring the field (the entity itself unless the path is nested). */
  type?: string;
  expected: Answer;
  /** Import `@category` as `@kategori` through `@link`. */
  renamed?: boolean;
}

const DECLARED = 'extend schema @department(subgraph: "social", code: "SOCIAL", name: "Socialforvaltningen, voksne")\n';
const ANNA: Actor = { role: 'CASEWORKER', id: 'cw-emp-1', name: 'Anna Larsen', department: 'EMPLOYMENT' };
const PETER = '0101804321';
const JTI = 'category-rule-table-0001';
// No case uses SUBSTANCE_ABUSE: the lint's answer is read as a change from it (see lintAnswer).
const PROBE: DataCategory = 'SUBSTANCE_ABUSE';

const DOSSIER = (body: string, directives = '@key(fields: "cpr")') => `type Dossier ${directives} { cpr: ID! ${body} }`;

const CASES: Case[] = [
  {
    rule: 'a field’s own category',
    sdl: DOSSIER('status: String @category(is: CASE)'),
    entity: 'Dossier',
    path: ['status'],
    expected: 'CASE',
  },
  {
    rule: 'the type’s category, when the field has none',
    sdl: DOSSIER('amount: Int', '@key(fields: "cpr") @category(is: BENEFITS)'),
    entity: 'Dossier',
    path: ['amount'],
    expected: 'BENEFITS',
  },
  {
    rule: 'the field’s own category over its type’s',
    sdl: DOSSIER('notes: String @category(is: HEALTH)', '@key(fields: "cpr") @category(is: CASE)'),
    entity: 'Dossier',
    path: ['notes'],
    expected: 'HEALTH',
  },
  {
    rule: 'a category given in a type extension covers the definition’s fields',
    sdl: `${DOSSIER('goal: String')} extend type Dossier @category(is: PLAN)`,
    entity: 'Dossier',
    path: ['goal'],
    expected: 'PLAN',
  },
  {
    rule: 'a field added in a type extension takes the definition’s category',
    sdl: `${DOSSIER('goal: String', '@key(fields: "cpr") @category(is: PLAN)')} extend type Dossier { followUp: String }`,
    entity: 'Dossier',
    path: ['followUp'],
    expected: 'PLAN',
  },
  {
    rule: 'a field implementing an interface field has its own category',
    sdl: `interface Dated { since: String } ${DOSSIER('since: String @category(is: CASE)', 'implements Dated @key(fields: "cpr")')}`,
    entity: 'Dossier',
    path: ['since'],
    expected: 'CASE',
  },
  {
    rule: 'an interface field’s category is not inherited: the implementing type declares its own',
    sdl: `interface Dated { since: String @category(is: PLAN) } ${DOSSIER('since: String', 'implements Dated @key(fields: "cpr")')}`,
    entity: 'Dossier',
    path: ['since'],
    expected: 'none',
  },
  {
    rule: 'the key field of an entity is exempt',
    sdl: DOSSIER('status: String @category(is: CASE)'),
    entity: 'Dossier',
    path: ['cpr'],
    expected: 'key',
  },
  {
    rule: 'every field of a composite key is exempt',
    sdl: DOSSIER('year: Int! status: String', '@key(fields: "cpr year") @category(is: CASE)'),
    entity: 'Dossier',
    path: ['year'],
    expected: 'key',
  },
  {
    rule: 'the other fields of an entity with a composite key are not',
    sdl: DOSSIER('year: Int! status: String', '@key(fields: "cpr year") @category(is: CASE)'),
    entity: 'Dossier',
    path: ['status'],
    expected: 'CASE',
  },
  {
    rule: 'the leaves of a nested key are exempt',
    sdl: `${DOSSIER('owner: Owner!', '@key(fields: "cpr owner { id }") @category(is: CASE)')} type Owner @category(is: FAMILY) { id: ID! name: String }`,
    entity: 'Dossier',
    path: ['cpr'],
    expected: 'key',
  },
  {
    rule: 'the nested part of a key is not exempt (it would let every field below it through)',
    sdl: `${DOSSIER('owner: Owner!', '@key(fields: "cpr owner { id }") @category(is: CASE)')} type Owner @category(is: FAMILY) { id: ID! name: String }`,
    entity: 'Dossier',
    path: ['owner'],
    expected: 'CASE',
  },
  {
    rule: 'a field’s own category, the directive renamed through @link',
    sdl: DOSSIER('status: String @category(is: HEALTH)'),
    entity: 'Dossier',
    path: ['status'],
    expected: 'HEALTH',
    renamed: true,
  },
  {
    rule: 'the type’s category, the directive renamed through @link',
    sdl: DOSSIER('amount: Int', '@key(fields: "cpr") @category(is: BENEFITS)'),
    entity: 'Dossier',
    path: ['amount'],
    expected: 'BENEFITS',
    renamed: true,
  },
  {
    rule: 'a field with no category, on a type with none',
    sdl: DOSSIER('status: String'),
    entity: 'Dossier',
    path: ['status'],
    expected: 'none',
  },
  {
    rule: 'a field of a value type with no category: its parent field’s category does not reach it',
    sdl: `${DOSSIER('worker: Helper', '@key(fields: "cpr") @category(is: CASE)')} type Helper { name: String }`,
    entity: 'Dossier',
    path: ['worker', 'name'],
    type: 'Helper',
    expected: 'none',
  },
  {
    rule: 'a field of a value type takes that type’s category, not its parent’s',
    sdl: `${DOSSIER('worker: Helper', '@key(fields: "cpr") @category(is: CASE)')} type Helper @category(is: FAMILY) { name: String }`,
    entity: 'Dossier',
    path: ['worker', 'name'],
    type: 'Helper',
    expected: 'FAMILY',
  },
];

/** The subgraph's full SDL, as composition and the subgraph itself read it. */
function fullSdl(c: Case, { declared = true } = {}): string {
  const sdl = fullSubgraphSdl(
    'department',
    // Every department's shared SDL extends the hub entity (the candidate finder's field), so it is defined here too.
    `${declared ? DECLARED : ''}${c.sdl}\ntype Query { dossier: Dossier @category(is: CASE) }\ntype Citizen @key(fields: "cpr") { cpr: ID! }`,
  );
  return c.renamed
    ? sdl.replaceAll('@category', '@kategori').replace('import: ["@kategori"', 'import: [{ name: "@category", as: "@kategori" }')
    : sdl;
}

function compose(sdl: string): string {
  const result = composeServices([{ name: 'social', url: 'http://localhost/social', typeDefs: parse(sdl) }]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

/** The selection a gateway fetch makes for the case's path, ending in a leaf. */
function selection(schema: GraphQLSchema, entity: string, path: readonly string[]): string {
  const [head, ...rest] = path;
  const type = schema.getType(entity);
  const field = isObjectType(type) ? type.getFields()[head!] : undefined;
  if (!field) throw new Error(`${entity}.${head} is not in the schema`);
  const returned = getNamedType(field.type);
  if (rest.length > 0) return `${head} { ${selection(schema, returned.name, rest)} }`;
  return isObjectType(returned) ? `${head} { __typename }` : head!;
}

const entitiesQuery = (entity: string, fields: string) =>
  `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${entity} { ${fields} } } }`;

/**
 * Reads a user's answer from whether it lets a fetch through under a set of allowed categories: no
 * set lets an unclassified field through; a field is of category C when taking C away stops it
 * (beyond what stops its parent); a key field is never stopped.
 */
function answerFrom(passes: (allowed: readonly DataCategory[]) => boolean, parentNeeds: ReadonlySet<DataCategory>): Answer {
  if (!passes(DATA_CATEGORIES)) return 'none';
  const needed = DATA_CATEGORIES.filter((c) => !parentNeeds.has(c) && !passes(DATA_CATEGORIES.filter((d) => d !== c)));
  if (needed.length > 1) throw new Error(`needs more than one category: ${needed.join(', ')}`);
  return needed[0] ?? 'key';
}

const neededBy = (passes: (allowed: readonly DataCategory[]) => boolean) =>
  new Set(DATA_CATEGORIES.filter((c) => !passes(DATA_CATEGORIES.filter((d) => d !== c))));

/** The gateway: does its pruned fetch keep the field, or deny it? */
function gatewayAnswer(supergraph: string, schema: GraphQLSchema, c: Case): Answer {
  const classifier = CategoryClassifier.of(supergraph);
  const passes = (path: readonly string[]) => (allowed: readonly DataCategory[]) => {
    const fetch = new EntityFetch(entitiesQuery(c.entity, selection(schema, c.entity, path)), classifier);
    const pruned = fetch.prune(new Set<Requirement>(allowed), allowed.join());
    return pruned.byType.get(c.entity)?.denied.length === 0;
  };
  return answerFrom(passes(c.path), c.path.length > 1 ? neededBy(passes(c.path.slice(0, 1))) : new Set());
}

/** The department: does its check of the gateway's signed coverage let Anna's call through? */
function departmentAnswer(schema: GraphQLSchema, c: Case): Answer {
  const passes = (path: readonly string[]) => (allowed: readonly DataCategory[]) => {
    const operation = parse(entitiesQuery(c.entity, selection(schema, c.entity, path))).definitions[0] as OperationDefinitionNode;
    const verdict = checkCoverage({
      department: 'SOCIAL',
      schema,
      operation,
      fragments: new Map(),
      variables: { representations: [{ __typename: c.entity, cpr: PETER }] },
      assertion: {
        actor: ANNA,
        issuer: 'enplan-gateway',
        jti: JTI,
        coverage: new Map([[citizenRef(JTI, PETER), { categories: [...allowed], consentId: 'CON-000001' }]]),
      },
    });
    return verdict.ok;
  };
  return answerFrom(passes(c.path), c.path.length > 1 ? neededBy(passes(c.path.slice(0, 1))) : new Set());
}

/** Composition and gateway start-up: is the field reported as uncategorised, or as categorised in an undeclared subgraph? */
function federationRolesAnswer(c: Case, type: string, field: string): Answer {
  const at = `field ${type}.${field} `;
  const declared = readFederationRoles(compose(fullSdl(c))).problems.filter((p) => p.includes(at));
  if (declared.some((p) => p.includes('has no data category'))) return 'none';
  const undeclared = readFederationRoles(compose(fullSdl(c, { declared: false }))).problems.find((p) => p.includes(at));
  return (undeclared?.match(/has @category\(is: ([A-Z_]+)\)/)?.[1] as DataCategory | undefined) ?? 'key';
}

/** The schema lint: is the field missing a category, and what does a change of every category to PROBE report for it? */
function lintAnswer(c: Case, type: string, field: string): Answer {
  const proposed = parse(fullSdl(c));
  const probed = parse(fullSdl(c).replace(/\(is: [A-Z_]+\)/g, `(is: ${PROBE})`));
  const { missingCategory, privacyChanges } = lintConsent('social', proposed, probed);
  if (missingCategory.some((m) => m.type === type && m.field === field)) return 'none';
  return privacyChanges.find((p) => p.type === type && p.field === field)?.to ?? 'key';
}

describe('one category rule: every user gives the same answer', () => {
  const named = CASES.map((c) => {
    const field = c.path[c.path.length - 1]!;
    return [`${c.rule}: ${c.type ?? c.entity}.${field} → ${c.expected}`, c, c.type ?? c.entity, field] as const;
  });
  it.each(named)('%s', (_name, c, type, field) => {
    const sdl = fullSdl(c);
    const supergraph = compose(sdl);
    const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: {} }]);

    expect({
      classifier: CategoryClassifier.of(supergraph).isKeyField(type, field)
        ? 'key'
        : (CategoryClassifier.of(supergraph).field(type, field)?.category ?? 'none'),
      gateway: gatewayAnswer(supergraph, schema, c),
      federationRoles: federationRolesAnswer(c, type, field),
      department: departmentAnswer(schema, c),
      schemaLint: lintAnswer(c, type, field),
    }).toEqual({
      classifier: c.expected,
      gateway: c.expected,
      federationRoles: c.expected,
      department: c.expected,
      schemaLint: c.expected,
    });
  });

  it('a supergraph keeps a directive renamed through @link under the name it was imported as', () => {
    const supergraph = compose(fullSdl(CASES.find((c) => c.renamed)!));

    expect(supergraph).toContain('import: [{name: "@category", as: "@kategori"}');
    expect(supergraph).toMatch(/status: String @kategori\(is: HEALTH\)/);
    expect(parse(supergraph).definitions.some((d) => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === 'kategori')).toBe(
      true,
    );
  });
});
