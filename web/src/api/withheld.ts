import type { ApiError } from './client';

/** Why a part of the answer is missing, in terms the page can explain (never the raw error). */
export type Withheld =
  | { reason: 'CONSENT_REQUIRED'; department: string | null; categories: string[] }
  | { reason: 'CONSENT_UNAVAILABLE'; department: string | null }
  | { reason: 'DEPARTMENT_UNAVAILABLE'; department: string | null }
  | { reason: 'OTHER'; code: string };

/**
 * Indexes the errors of a partial result by path ("citizen.plan.children"), so a page can put an
 * explanation where the data would have been.
 */
export function withheldByPath(errors: readonly ApiError[]): Map<string, Withheld> {
  const byPath = new Map<string, Withheld>();
  for (const error of errors) {
    if (!error.path) continue;
    const ext = error.extensions ?? {};
    const department = typeof ext.department === 'string' ? ext.department : null;
    const code = ext.code ?? 'UNKNOWN';
    const withheld: Withheld =
      code === 'CONSENT_REQUIRED'
        ? {
            reason: code,
            department,
            categories: Array.isArray(ext.categories) ? ext.categories.filter((c) => typeof c === 'string') : [],
          }
        : code === 'CONSENT_UNAVAILABLE' || code === 'DEPARTMENT_UNAVAILABLE'
          ? { reason: code, department }
          : { reason: 'OTHER', code };
    byPath.set(error.path.join('.'), withheld);
  }
  return byPath;
}

/** The explanation for a path, or for the nearest enclosing path that was withheld. */
export function withheldAt(byPath: ReadonlyMap<string, Withheld>, path: string): Withheld | undefined {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const found = byPath.get(p);
    if (found) return found;
  }
  return undefined;
}
