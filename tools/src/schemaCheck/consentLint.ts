import { CategoryClassifier, type ClassifiedField, type DataCategory } from '@enplan/lib';
import type { DocumentNode } from 'graphql';

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
 * field of every object and interface type needs a data category, and no field's category may
 * silently change. The rule is the gateway's (lib/src/categoryClassifier.ts); key fields are exempt:
 * they identify the entity (the CPR) and are what every consent is about.
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

/** The classified non-key fields of every object and interface type, in document order. */
function fieldCategories(document: DocumentNode): ClassifiedField[] {
  const classifier = CategoryClassifier.of(document);
  return classifier.fields().filter(({ type, field }) => !classifier.isKeyField(type, field));
}
