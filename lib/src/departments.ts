/**
 * The municipal departments that own citizen data, and the kinds of data they hold.
 * Names match the GraphQL enums in the shared SDL and the subgraph names in the supergraph
 * (`employment` → EMPLOYMENT), which is how the gateway knows who owns a fetch.
 */
export const DEPARTMENTS = ['EMPLOYMENT', 'SOCIAL', 'CHILDREN'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const DATA_CATEGORIES = [
  'CASE',
  'PLAN',
  'BENEFITS',
  'HEALTH',
  'SUBSTANCE_ABUSE',
  'FAMILY',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** GDPR art. 9 special categories: an ORAL consent never covers them. */
export const SPECIAL_CATEGORIES: ReadonlySet<DataCategory> = new Set(['HEALTH', 'SUBSTANCE_ABUSE']);

export const PURPOSES = ['ONE_PLAN'] as const;
export type Purpose = (typeof PURPOSES)[number];

export function isDepartment(value: unknown): value is Department {
  return typeof value === 'string' && (DEPARTMENTS as readonly string[]).includes(value);
}

export function isDataCategory(value: unknown): value is DataCategory {
  return typeof value === 'string' && (DATA_CATEGORIES as readonly string[]).includes(value);
}

/** The department a subgraph belongs to, by name (`employment` → EMPLOYMENT); undefined for shared services. */
export function departmentOfSubgraph(subgraphName: string): Department | undefined {
  const upper = subgraphName.toUpperCase();
  return isDepartment(upper) ? upper : undefined;
}
