import { isDataCategory, type DataCategory } from '@enplan/lib';
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';

/** A field of a department subgraph that declares no data category, on itself or on its type. */
export interface MissingCategory {
  subgraph: string;
  type: string;
  field: string;
}

/** A field whose effective data category differs between the committed and the proposed SDL. */
export interface PrivacyChange {
  type: string;
  field: string;
  from: DataCategory;
  to: DataCategory;
  /** `sideways` is a change between categories of equal sensitivity, e.g. HEALTH → SUBSTANCE_ABUSE. */
  direction: 'lowered' | 'sideways' | 'raised';
  /**
   * True unless raised: consents given for the old category would now cover the field, or cover it
   * differently, so a privacy review decides. Raising only ever asks for more consent.
   */
  needsReview: boolean;
}

/** What the consent lint found in a department subgraph. */
export interface ConsentLintResult {
  missingCategory: MissingCategory[];
  privacyChanges: PrivacyChange[];
}

/**
 * How sensitive each category is, higher is more. Special categories (GDPR art. 9) rank highest
 * and equal; a Record so a new category cannot be added without ranking it.
 */
const SENSITIVITY: Readonly<Record<DataCategory, number>> = {
  HEALTH: 5,
  SUBSTANCE_ABUSE: 5,
  FAMILY: 4,
  BENEFITS: 3,
  PLAN: 2,
  CASE: 1,
};

/**
 * Lints the full SDL (shared header and department types included) of a department subgraph: every
 * field of every object type needs a data category, and no field's category may silently change.
 * The rule is the gateway's: a field's category is its own `@category`, else its type's. Key fields
 * are exempt: they identify the entity (the CPR) and are what every consent is about.
 */
export function lintConsent(subgraph: string, proposed: DocumentNode, committed: DocumentNode): ConsentLintResult {
  const proposedFields = fieldCategories(proposed);
  const committedFields = fieldCategories(committed);

  const missingCategory = proposedFields
    .filter((f) => f.category === undefined)
    .map(({ type, field }) => ({ subgraph, type, field }));

  const privacyChanges: PrivacyChange[] = [];
  for (const { type, field, category: to } of proposedFields) {
    const from = committedFields.find((f) => f.type === type && f.field === field)?.category;
    if (from === undefined || to === undefined || from === to) continue;
    const direction =
      SENSITIVITY[to] < SENSITIVITY[from] ? 'lowered' : SENSITIVITY[to] === SENSITIVITY[from] ? 'sideways' : 'raised';
    privacyChanges.push({ type, field, from, to, direction, needsReview: direction !== 'raised' });
  }
  return { missingCategory, privacyChanges };
}

interface FieldCategory {
  type: string;
  field: string;
  /** Undefined when neither the field nor its type declares a (valid) category. */
  category: DataCategory | undefined;
}

/** The effective category of every non-key field of every object type, in document order. */
function fieldCategories(document: DocumentNode): FieldCategory[] {
  const result: FieldCategory[] = [];
  for (const [type, nodes] of objectTypes(document)) {
    const directives = nodes.flatMap((node) => node.directives ?? []);
    const typeCategory = categoryOf(directives);
    const keyFields = new Set(directives.filter((d) => d.name.value === 'key').flatMap(keyFieldNames));
    const fields: FieldDefinitionNode[] = nodes.flatMap((node) => node.fields ?? []);
    for (const field of fields) {
      if (keyFields.has(field.name.value)) continue;
      result.push({ type, field: field.name.value, category: categoryOf(field.directives ?? []) ?? typeCategory });
    }
  }
  return result;
}

/** Object types by name, with their definition and any `extend type` of them in the same SDL. */
function objectTypes(document: DocumentNode): Map<string, (ObjectTypeDefinitionNode | ObjectTypeExtensionNode)[]> {
  const types = new Map<string, (ObjectTypeDefinitionNode | ObjectTypeExtensionNode)[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const name = definition.name.value;
    types.set(name, [...(types.get(name) ?? []), definition]);
  }
  return types;
}

function categoryOf(directives: readonly ConstDirectiveNode[]): DataCategory | undefined {
  const value = directives.find((d) => d.name.value === 'category')?.arguments?.find((a) => a.name.value === 'is')?.value;
  // Composition rejects a value that is not a DataCategory; here it simply counts as no category.
  return value?.kind === Kind.ENUM && isDataCategory(value.value) ? value.value : undefined;
}

/** The top-level field names of a `@key(fields: "…")` selection, e.g. `cpr`. */
function keyFieldNames(key: ConstDirectiveNode): string[] {
  const fields = key.arguments?.find((a) => a.name.value === 'fields')?.value;
  if (fields?.kind !== Kind.STRING) return [];
  let selection;
  try {
    [selection] = parse(`{ ${fields.value} }`).definitions;
  } catch {
    return []; // A malformed key is a composition error, reported there.
  }
  return selection?.kind === Kind.OPERATION_DEFINITION
    ? selection.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []))
    : [];
}
