import registry from '../../federation.json';
import type { DataCategory, EvidenceMethod } from './gql/graphql';

/** A department's code, e.g. "EMPLOYMENT" (the schema's `Department` scalar). */
export type Department = string;

/**
 * The departments the consent form offers: read at build time from the federation's registry
 * (federation.json), the one place that lists them. A department added there is offered here.
 */
export const DEPARTMENTS: readonly Department[] = registry.subgraphs.flatMap((s) =>
  'department' in s && s.department ? [s.department] : [],
);

/* The schema's enums as values for the form's choices; their types come from the schema (codegen). */
export const CATEGORIES = [
  'CASE',
  'PLAN',
  'BENEFITS',
  'HEALTH',
  'SUBSTANCE_ABUSE',
  'FAMILY',
] as const satisfies readonly DataCategory[];
export const SPECIAL_CATEGORIES: readonly DataCategory[] = ['HEALTH', 'SUBSTANCE_ABUSE'];
export const EVIDENCE_METHODS = [
  'WRITTEN',
  'ORAL',
  'MITID',
  'DIGITAL_CONSENT_SERVICE',
] as const satisfies readonly EvidenceMethod[];
