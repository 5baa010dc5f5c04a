import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * The schema fields (`Type.field`) one operation of a document asks for, its fragments included.
 * Only fields the schema defines resolve, so the set is bounded by the supergraph; `__typename` and
 * introspection are not API fields and are left out.
 */
export function usedFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const typeInfo = new TypeInfo(schema);
  const used = new Set<string>();
  const spread = new Set<string>();
  const pending: ASTNode[] = [operation];
  for (let node = pending.pop(); node; node = pending.pop()) {
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (parent && field && !parent.name.startsWith('__') && !field.name.startsWith('__'))
            used.add(`${parent.name}.${field.name}`);
        },
        FragmentSpread({ name: { value } }) {
          const fragment = fragments.get(value);
          if (fragment && !spread.has(value)) {
            spread.add(value);
            pending.push(fragment);
          }
        },
      }),
    );
  }
  return used;
}
