import {
  Kind,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { citizenRef, type VerifiedAssertion } from '../assertion';
import { CategoryClassifier } from '../categoryClassifier';
import type { DataCategory, Department } from '../departments';

/** A field with no category anywhere: never shared across departments (as the gateway decides). */
const UNCLASSIFIED = 'UNCLASSIFIED';
type Requirement = DataCategory | typeof UNCLASSIFIED;

/** What a department disclosed about one citizen to another department, and the consent that covered it. */
export interface Disclosure {
  /** The `_entities` field of the call, by its response key (its alias, if any). */
  field: string;
  /** Position in that field's `representations`. */
  index: number;
  cpr: string;
  typename: string;
  categories: DataCategory[];
  consentId: string | null;
}

export type CoverageVerdict = { ok: true; disclosures: Disclosure[] } | { ok: false; reason: string };

/** Root fields any verified caller may use: schema loading and introspection. */
const OPEN_ROOT_FIELDS = new Set(['_service', '__typename', '__schema', '__type']);

/**
 * The categories a selection on an entity needs, by the gateway's rule (lib/src/categoryClassifier.ts),
 * else unclassified; key fields at the entity root and `__typename` need nothing.
 */
function requirements(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  type: GraphQLObjectType,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  entityRoot: boolean,
  into: Set<Requirement>,
): void {
  const classifier = CategoryClassifier.of(schema);
  for (const selection of set.selections) {
    if (selection.kind !== Kind.FIELD) {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
      const conditionName = fragment?.typeCondition?.name.value;
      const condition = conditionName ? schema.getType(conditionName) : type;
      // A fragment on another type selects nothing of this entity.
      if (fragment && condition === type) requirements(schema, fragment.selectionSet, type, fragments, entityRoot, into);
      continue;
    }
    const name = selection.name.value;
    if (name === '__typename' || (entityRoot && classifier.isKeyField(type.name, name))) continue;
    const field = type.getFields()[name];
    into.add(classifier.field(type.name, name)?.category ?? UNCLASSIFIED);
    let returnType = field?.type;
    while (returnType && 'ofType' in returnType) returnType = returnType.ofType;
    if (selection.selectionSet && isObjectType(returnType))
      requirements(schema, selection.selectionSet, returnType, fragments, false, into);
  }
}

/**
 * The department's own check of a verified call (rules 1–2, from its side): its own caseworkers may
 * ask anything; a citizen only about themself; another department's caseworker only `_entities`,
 * and for each citizen only the categories the gateway's signed assertion lists, under the consent
 * it names. Anything else refuses the whole call. A call may hold several `_entities` fields, each
 * under its own alias (the gateway sends sibling fetches to one department together): each is
 * checked with its own representations and selection. Pure: the plugin does the I/O.
 */
export function checkCoverage(input: {
  department: Department;
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Readonly<Record<string, unknown>> | undefined;
  assertion: VerifiedAssertion;
}): CoverageVerdict {
  const { department, operation, assertion } = input;
  const { actor } = assertion;
  const rootFields = operation.selectionSet.selections;
  if (rootFields.every((s) => s.kind === Kind.FIELD && OPEN_ROOT_FIELDS.has(s.name.value))) return { ok: true, disclosures: [] };
  const own = actor.role === 'CASEWORKER' && actor.department === department;
  const onlyEntities = rootFields.every((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (!onlyEntities || operation.operation !== 'query') {
    return own ? { ok: true, disclosures: [] } : { ok: false, reason: `only ${department} caseworkers may use this` };
  }
  const disclosures: Disclosure[] = [];
  for (const field of rootFields) {
    const checked = checkEntities(input, field, own);
    if (!checked.ok) return checked;
    disclosures.push(...checked.disclosures);
  }
  return { ok: true, disclosures };
}

/** One `_entities` field of a call: every representation, against the selection it gets. */
function checkEntities(input: Parameters<typeof checkCoverage>[0], entities: FieldNode, own: boolean): CoverageVerdict {
  const { schema, fragments, variables, assertion } = input;
  const { actor } = assertion;
  const field = entities.alias?.value ?? entities.name.value;
  const representation = (index: number) =>
    field === '_entities' ? `representation ${index}` : `representation ${index} of ${field}`;
  const argument = entities.arguments?.find((a) => a.name.value === 'representations');
  const representations = argument
    ? valueFromASTUntyped(argument.value, variables as Record<string, unknown> | undefined)
    : undefined;
  if (!Array.isArray(representations)) return { ok: false, reason: 'no representations' };

  // What a representation needs depends only on its type: worked out once per type, not per citizen.
  const needsOfType = new Map<string, { needed: Requirement[]; categories: DataCategory[] }>();
  const needsOf = (type: GraphQLObjectType) => {
    let needs = needsOfType.get(type.name);
    if (!needs) {
      const needed = new Set<Requirement>();
      if (entities.selectionSet) requirements(schema, entities.selectionSet, type, fragments, true, needed);
      const categories = [...needed].filter((r): r is DataCategory => r !== UNCLASSIFIED).sort();
      needsOfType.set(type.name, (needs = { needed: [...needed], categories }));
    }
    return needs;
  };
  const disclosures: Disclosure[] = [];
  for (const [index, rep] of representations.entries()) {
    const typename = (rep as { __typename?: unknown })?.__typename;
    const cpr = (rep as { cpr?: unknown })?.cpr;
    const type = typeof typename === 'string' ? schema.getType(typename) : undefined;
    if (!isObjectType(type) || typeof cpr !== 'string')
      return { ok: false, reason: `${representation(index)} is not a citizen's` };
    const { needed, categories } = needsOf(type);
    // Own data (rule 1) and the citizen's own (rule 3) cross no boundary: nothing to record.
    if (own || (actor.role === 'CITIZEN' && actor.cpr === cpr)) continue;
    if (actor.role !== 'CASEWORKER')
      return { ok: false, reason: `${representation(index)}: this role sees no other citizen's data` };
    const covered = assertion.coverage?.get(citizenRef(assertion.jti, cpr));
    if (!covered) return { ok: false, reason: `${representation(index)}: no consent for this citizen in the assertion` };
    const missing = needed.filter((r) => !(covered.categories as readonly string[]).includes(r));
    if (missing.length > 0)
      return { ok: false, reason: `${representation(index)}: consent does not cover ${missing.join(', ')}` };
    disclosures.push({ field, index, cpr, typename: type.name, categories, consentId: covered.consentId });
  }
  return { ok: true, disclosures };
}
