import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type InterfaceTypeDefinitionNode,
  type InterfaceTypeExtensionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
} from 'graphql';
import { isDataCategory, type DataCategory } from './departments';
import { enplanDirectiveName, linkedDirectiveName, stringArg } from './schemaDirectives';

const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.0';
const JOIN_SPEC_URL = 'https://specs.apollo.dev/join/v0.3';

/** One field of an object or interface type, as the category rule sees it. */
export interface ClassifiedField {
  type: string;
  field: string;
  /** The field's own `@category`, else its type's; undefined when neither declares a valid one. */
  category: DataCategory | undefined;
  /** The named type the field returns (list and non-null wrappers removed). */
  returnType: string;
  /** The field's definition, for what else a user reads of it (`@join__field`). */
  node: FieldDefinitionNode;
}

type TypeNodes = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode;

function isTypeWithFields(definition: DefinitionNode): definition is TypeNodes {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_EXTENSION
  );
}

/** The type a field returns, lists and non-null stripped. */
export function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * The fields a `@key(fields: …)` selection exempts: its top-level leaves (`id sku` → id, sku). A
 * nested part (`owner { id }`) is not exempt: the caller sent only `owner.id`, and exempting `owner`
 * would let any other field of it through. Parsed as GraphQL, as composition reads it.
 */
function keyLeaves(fields: string): string[] {
  try {
    const [selection] = parse(`{ ${fields} }`, { noLocation: true }).definitions;
    return selection?.kind === Kind.OPERATION_DEFINITION
      ? selection.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD && !s.selectionSet ? [s.name.value] : []))
      : [];
  } catch {
    return []; // A malformed key is composition's error to report; here it exempts nothing.
  }
}

/** The schema's definitions as one document, so a built schema is read exactly as its SDL would be. */
function documentOf(schema: GraphQLSchema): DocumentNode {
  const definitions: DefinitionNode[] = [schema.astNode, ...schema.extensionASTNodes].filter(
    (n) => n !== undefined && n !== null,
  );
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.astNode) definitions.push(type.astNode);
    definitions.push(...type.extensionASTNodes);
  }
  return { kind: Kind.DOCUMENT, definitions };
}

/**
 * The category rule, once for every user (gateway, federation roles, a department's coverage check,
 * the schema lint): a field's data category is its own `@category`, else its type's (the type's
 * definition, else an extension of it); interface types follow the rule like object types. Key
 * fields identify the entity, hold no department's data and are exempt. Reads a subgraph's SDL
 * (keys from `@key`) or a supergraph's (keys from `@join__type`, per subgraph), following the
 * names `@link` imports the directives under. Pure.
 */
export class CategoryClassifier {
  private readonly byType = new Map<string, Map<string, ClassifiedField>>();
  /** Type → graph (`join__Graph` value in a supergraph, '' in a subgraph) → exempt key fields. */
  private readonly keys = new Map<string, Map<string, Set<string>>>();
  /** Type → the key fields of any graph: the gateway asks this for every selected field of a fetch. */
  private readonly anyGraphKeys = new Map<string, Set<string>>();

  private constructor(document: DocumentNode) {
    // Without enplan's spec linked no field has a category: every cross-department field is denied.
    const categoryName = enplanDirectiveName(document, '@category');
    const joinType = linkedDirectiveName(document, JOIN_SPEC_URL, '@type');
    // A subgraph without a federation link is a Federation 1 subgraph: `@key` by its plain name.
    const keyName = linkedDirectiveName(document, FEDERATION_SPEC_URL, '@key') ?? 'key';
    const categoryOf = (directives: readonly ConstDirectiveNode[] | undefined): DataCategory | undefined => {
      const directive = directives?.find((d) => d.name.value === categoryName);
      const value = directive && stringArg(directive, 'is');
      return isDataCategory(value) ? value : undefined;
    };

    // A supergraph's keys are per subgraph (`@join__type(graph:, key:)`); a subgraph's are its own `@key`s.
    const keyOf = (directive: ConstDirectiveNode): { graph: string; fields: string } | undefined => {
      const graph = joinType ? stringArg(directive, 'graph') : '';
      const fields = stringArg(directive, joinType ? 'key' : 'fields');
      return directive.name.value === (joinType ?? keyName) && graph !== undefined && fields !== undefined
        ? { graph, fields }
        : undefined;
    };

    const nodesByType = new Map<string, TypeNodes[]>();
    for (const definition of document.definitions.filter(isTypeWithFields)) {
      nodesByType.set(definition.name.value, [...(nodesByType.get(definition.name.value) ?? []), definition]);
    }
    for (const [type, nodes] of nodesByType) {
      const definitionFirst = [...nodes].sort(
        (a, b) => Number(a.kind.endsWith('Extension')) - Number(b.kind.endsWith('Extension')),
      );
      const typeCategory = definitionFirst.map((node) => categoryOf(node.directives)).find(Boolean);
      const fields = new Map<string, ClassifiedField>();
      const keys = new Map<string, Set<string>>();
      for (const node of definitionFirst) {
        for (const field of node.fields ?? []) {
          if (fields.has(field.name.value)) continue;
          fields.set(field.name.value, {
            type,
            field: field.name.value,
            category: categoryOf(field.directives) ?? typeCategory,
            returnType: namedType(field.type),
            node: field,
          });
        }
        for (const directive of node.directives ?? []) {
          const key = keyOf(directive);
          if (key) keys.set(key.graph, new Set([...(keys.get(key.graph) ?? []), ...keyLeaves(key.fields)]));
        }
      }
      this.byType.set(type, fields);
      this.keys.set(type, keys);
      this.anyGraphKeys.set(type, new Set([...keys.values()].flatMap((fields) => [...fields])));
    }
  }

  private static readonly built = new WeakMap<DocumentNode | GraphQLSchema, CategoryClassifier>();

  /** The classifier of a subgraph or supergraph; built once per parsed document or schema. */
  static of(schema: string | DocumentNode | GraphQLSchema): CategoryClassifier {
    if (typeof schema === 'string') return new CategoryClassifier(parse(schema));
    let classifier = CategoryClassifier.built.get(schema);
    if (!classifier) {
      classifier = new CategoryClassifier('kind' in schema ? schema : documentOf(schema));
      CategoryClassifier.built.set(schema, classifier);
    }
    return classifier;
  }

  field(type: string, field: string): ClassifiedField | undefined {
    return this.byType.get(type)?.get(field);
  }

  /** Every field of every object and interface type, key fields included, in document order. */
  fields(): ClassifiedField[] {
    return [...this.byType.values()].flatMap((fields) => [...fields.values()]);
  }

  /**
   * Whether a field is a key of its type: the caller sent it, so returning it discloses nothing.
   * In a supergraph, `graph` (a `join__Graph` value) asks about one subgraph's keys; without it, any.
   */
  isKeyField(type: string, field: string, graph?: string): boolean {
    const keys = graph === undefined ? this.anyGraphKeys.get(type) : this.keys.get(type)?.get(graph);
    return keys?.has(field) ?? false;
  }
}
