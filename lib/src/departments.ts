import { DEPARTMENT_CODE, departmentCodes } from './registry';

/**
 * A municipal department, by its code (`EMPLOYMENT`, `HOUSING`). The codes are data: the registry
 * (federation.json) lists them, each department subgraph declares its own with `@department`.
 */
export type Department = string;

/** The kinds of data departments hold; a field's `@category` is one of these. */
export const DATA_CATEGORIES = ['CASE', 'PLAN', 'BENEFITS', 'HEALTH', 'SUBSTANCE_ABUSE', 'FAMILY'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** GDPR art. 9 special categories: an ORAL consent never covers them. */
export const SPECIAL_CATEGORIES: ReadonlySet<DataCategory> = new Set(['HEALTH', 'SUBSTANCE_ABUSE']);

export const PURPOSES = ['ONE_PLAN'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Shaped like a department code; says nothing of whether the department exists. */
export function isDepartmentCode(value: unknown): value is Department {
  return typeof value === 'string' && DEPARTMENT_CODE.test(value);
}

/** A department of the federation's registry. */
export function isDepartment(value: unknown): value is Department {
  return typeof value === 'string' && departmentCodes().includes(value);
}

export function isDataCategory(value: unknown): value is DataCategory {
  return typeof value === 'string' && (DATA_CATEGORIES as readonly string[]).includes(value);
}
