import { readFileSync } from 'node:fs';
import { CriticalityLevel } from '@graphql-inspector/core';
import { mergeFieldUsage, parseFieldUsage, type FieldUsageEntry } from '@enplan/lib';
import type { SchemaChange } from './diffStep';

/** Which recorded usage to weigh a change against. */
export interface UsageOptions {
  /** The gateways' recorded usage (readUsage). */
  entries: readonly FieldUsageEntry[];
  /** Use within the last `days` UTC days, today included, counts. @default 30 */
  days: number;
}

/**
 * A removed field weighed against recorded use:
 * - `USED`: an operation asked for it within the window: the removal breaks that client (fails);
 * - `REMOVABLE`: deprecated and unused within the window: it may go (a warning);
 * - `NOT_DEPRECATED`: never deprecated, so clients were never told: it fails as any removal does.
 */
export type RemovedFieldVerdict = 'USED' | 'REMOVABLE' | 'NOT_DEPRECATED';

export interface RemovedFieldUsage {
  /** Schema coordinate, e.g. `JointPlan.createdAt`. */
  field: string;
  deprecated: boolean;
  verdict: RemovedFieldVerdict;
  /** Uses within the window, all operations together. */
  count: number;
  /** Each operation name that asked for it within the window, most uses first. */
  operations: Array<{ name: string; count: number }>;
}

/** The merged entries of field-usage exports (the gateways' GET /usage: several gateways count apart); throws naming a file that is no export. */
export function readUsage(files: readonly string[]): FieldUsageEntry[] {
  return mergeFieldUsage(files.map((file) => parseFieldUsage(readFileSync(file, 'utf8'), file)));
}

/** Weighs every removed field of `changes` against the usage entries within the last `days` days before `now`. */
export function weighRemovedFields(
  changes: readonly SchemaChange[],
  entries: readonly FieldUsageEntry[],
  days: number,
  now: number,
): RemovedFieldUsage[] {
  const since = new Date(now - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const recent = entries.filter((e) => e.day >= since);
  return changes.flatMap((change): RemovedFieldUsage[] => {
    if (change.deprecated === undefined || change.path === undefined) return [];
    const field = change.path;
    const byOperation = new Map<string, number>();
    for (const e of recent) if (e.field === field) byOperation.set(e.operation, (byOperation.get(e.operation) ?? 0) + e.count);
    const operations = [...byOperation]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    const count = operations.reduce((sum, o) => sum + o.count, 0);
    const verdict = count > 0 ? 'USED' : change.deprecated ? 'REMOVABLE' : 'NOT_DEPRECATED';
    return [{ field, deprecated: change.deprecated, verdict, count, operations }];
  });
}

/** Whether a change fails the check: every breaking one, except the removal of a field usage calls `REMOVABLE`. */
export function failsCheck(change: SchemaChange, usage: readonly RemovedFieldUsage[] | null | undefined): boolean {
  if (change.criticality !== CriticalityLevel.Breaking) return false;
  return !usage?.some((r) => r.verdict === 'REMOVABLE' && r.field === change.path);
}
