import { enplanDirectiveName, isDataCategory, type DataCategory } from '@enplan/lib';
import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode, type TypeNode } from 'graphql';

/** What the gateway needs to know of one field of the supergraph. */
export interface FieldInfo {
  /** The field's own `@category`, else its type's; undefined when neither declares one. */
  category: DataCategory | undefined;
  /** The named type the field returns (list and non-null wrappers removed). */
  returnType: string;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function stringArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  return arg.value.kind === Kind.STRING || arg.value.kind === Kind.ENUM ? arg.value.value : undefined;
}

/**
 * Which data category every field of a supergraph holds, and the keys of its entities: read once
 * from the supergraph SDL the gateway serves, so enforcement needs nothing but that file.
 */
export class CategoryIndex {
  private readonly fields = new Map<string, Map<string, FieldInfo>>();
  private readonly keyFields = new Map<string, Set<string>>();

  constructor(supergraphSdl: string) {
    const document = parse(supergraphSdl);
    // Without the spec linked no field has a category, and every cross-department field is denied.
    const directiveName = enplanDirectiveName(document, '@category');
    const categoryOf = (directives: readonly ConstDirectiveNode[] | undefined): DataCategory | undefined => {
      const directive = directives?.find((d) => d.name.value === directiveName);
      const value = directive && stringArg(directive, 'is');
      return isDataCategory(value) ? value : undefined;
    };
    for (const definition of document.definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
        definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
      ) {
        continue;
      }
      const typeName = definition.name.value;
      const typeCategory = categoryOf(definition.directives);
      const fields = this.fields.get(typeName) ?? new Map<string, FieldInfo>();
      for (const field of (definition.fields ?? []) as readonly FieldDefinitionNode[]) {
        fields.set(field.name.value, {
          category: categoryOf(field.directives) ?? typeCategory,
          returnType: namedType(field.type),
        });
      }
      this.fields.set(typeName, fields);
      for (const joinType of definition.directives ?? []) {
        const key = joinType.name.value === 'join__type' ? stringArg(joinType, 'key') : undefined;
        // Only simple keys (`cpr`, `id sku`) name fields the caller already holds; nested keys add nothing here.
        if (key && !key.includes('{')) {
          const keys = this.keyFields.get(typeName) ?? new Set<string>();
          for (const name of key.split(/\s+/).filter(Boolean)) keys.add(name);
          this.keyFields.set(typeName, keys);
        }
      }
    }
  }

  field(typeName: string, fieldName: string): FieldInfo | undefined {
    return this.fields.get(typeName)?.get(fieldName);
  }

  /** Key fields of an entity type: the caller sent them, so returning them discloses nothing. */
  isKeyField(typeName: string, fieldName: string): boolean {
    return this.keyFields.get(typeName)?.has(fieldName) ?? false;
  }
}
