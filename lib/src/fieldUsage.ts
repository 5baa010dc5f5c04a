import { z } from 'zod';
import { parseCheckedJson } from './registry';

/** Marks a field-usage export, so that `schema:check --usage` refuses any other JSON file. */
export const FIELD_USAGE_FORMAT = 'enplan-field-usage/1';

/** Where operations without a name of their own are counted: anonymous ones, and names past the configured maximum. */
export const OTHER_OPERATIONS = '(other)';

const usageEntry = z.strictObject({
  /** The UTC day, `YYYY-MM-DD`. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  operation: z.string().min(1),
  /** A schema coordinate, `Type.field`. */
  field: z.string().regex(/^[_A-Za-z]\w*\.[_A-Za-z]\w*$/),
  count: z.number().int().positive(),
});

const fieldUsageExport = z.strictObject({
  format: z.literal(FIELD_USAGE_FORMAT),
  exportedAt: z.string(),
  entries: z.array(usageEntry),
});

/** How many operations of one name asked for one field on one day. */
export type FieldUsageEntry = z.infer<typeof usageEntry>;

/** What a gateway exports of its field usage (GET /usage): one entry per day, operation name and field. */
export type FieldUsageExport = z.infer<typeof fieldUsageExport>;

/** Parses an export read from a file; throws naming the file and every problem. */
export function parseFieldUsage(json: string, source: string): FieldUsageExport {
  return parseCheckedJson(json, source, fieldUsageExport, `a field-usage export (format "${FIELD_USAGE_FORMAT}")`);
}

/** Merges the exports of several gateways: counts of the same day, operation and field add up. */
export function mergeFieldUsage(exports: readonly FieldUsageExport[]): FieldUsageEntry[] {
  const merged = new Map<string, FieldUsageEntry>();
  for (const entry of exports.flatMap((e) => e.entries)) {
    const key = `${entry.day} ${entry.operation} ${entry.field}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, count: seen.count + entry.count } : { ...entry });
  }
  return [...merged.values()];
}
