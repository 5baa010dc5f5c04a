import type { DataCategory, Department, EvidenceMethod } from './gql/graphql';

/*
 * The schema's enums as values for the consent form's choices. The types come from the schema
 * (codegen), so a value the schema drops fails the type check; a department the schema adds
 * must be added here to be offered.
 */
export const DEPARTMENTS = ['EMPLOYMENT', 'SOCIAL', 'CHILDREN'] as const satisfies readonly Department[];
export const CATEGORIES = ['CASE', 'PLAN', 'BENEFITS', 'HEALTH', 'SUBSTANCE_ABUSE', 'FAMILY'] as const satisfies readonly DataCategory[];
export const SPECIAL_CATEGORIES: readonly DataCategory[] = ['HEALTH', 'SUBSTANCE_ABUSE'];
export const EVIDENCE_METHODS = ['WRITTEN', 'ORAL', 'MITID', 'DIGITAL_CONSENT_SERVICE'] as const satisfies readonly EvidenceMethod[];
