import { FIELD_USAGE_FORMAT, maskCprsInText, OTHER_OPERATIONS, type FieldUsageEntry, type FieldUsageExport } from '@enplan/lib';

/** How much the gateway keeps of field usage (config.ts, `fieldUsage`). */
export interface FieldUsageSettings {
  /** Operation names counted apart per day (FIELD_USAGE_MAX_OPERATIONS); any further name counts as `(other)`. @default 200 */
  maxOperations: number;
  /** Days kept, today included (FIELD_USAGE_RETAIN_DAYS). @default 90 */
  retainDays: number;
  /** Where the counts are kept across restarts (FIELD_USAGE_FILE, usage/fieldUsageFile.ts); unset: in memory only. */
  file?: string;
  /** How often that file is written (FIELD_USAGE_WRITE_SECONDS, in ms here). @default 60000 */
  writeIntervalMs: number;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant, in UTC: every gateway of a federation counts the same day. */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Per UTC day, operation name and field (`Type.field`): how many operations asked for it. Bounded:
 * fields are the schema's (usage/usedFields.ts resolves nothing else), names at most
 * `maxOperations` a day, days at most `retainDays`. A name is the client's free text, so an
 * anonymous operation, one past the maximum and one with a CPR-shaped number count as `(other)`.
 * Argument values are never seen here.
 */
export class FieldUsageCounter {
  /** day → operation name → field → count */
  private readonly days = new Map<string, Map<string, Map<string, number>>>();

  constructor(
    private readonly settings: Pick<FieldUsageSettings, 'maxOperations' | 'retainDays'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one operation that asked for these fields. */
  record(operationName: string | undefined, fields: Iterable<string>): void {
    const counts = this.countsOf(this.today(), operationName);
    for (const field of fields) counts.set(field, (counts.get(field) ?? 0) + 1);
  }

  /** Adds the counts of an earlier export (this gateway's own file, before a restart), within the days kept. */
  restore(entries: readonly FieldUsageEntry[]): void {
    const oldestKept = this.oldestKeptDay();
    for (const { day, operation, field, count } of entries) {
      if (day < oldestKept) continue;
      const counts = this.countsOf(day, operation);
      counts.set(field, (counts.get(field) ?? 0) + count);
    }
  }

  /** Everything kept, oldest day first, for GET /usage. */
  export(): FieldUsageExport {
    const entries: FieldUsageEntry[] = [];
    for (const [day, operations] of [...this.days].sort(([a], [b]) => a.localeCompare(b)))
      for (const [operation, counts] of operations)
        for (const [field, count] of counts) entries.push({ day, operation, field, count });
    return { format: FIELD_USAGE_FORMAT, exportedAt: new Date(this.now()).toISOString(), entries };
  }

  /** Today's day, once the days no longer kept are forgotten. */
  private today(): string {
    const day = utcDay(this.now());
    if (!this.days.has(day)) {
      const oldestKept = this.oldestKeptDay();
      for (const kept of this.days.keys()) if (kept < oldestKept) this.days.delete(kept);
    }
    return day;
  }

  private oldestKeptDay(): string {
    return utcDay(this.now() - (this.settings.retainDays - 1) * DAY_MS);
  }

  private countsOf(day: string, operationName: string | undefined): Map<string, number> {
    let operations = this.days.get(day);
    if (!operations) this.days.set(day, (operations = new Map()));
    const name = this.bucket(operations, operationName);
    let counts = operations.get(name);
    if (!counts) operations.set(name, (counts = new Map()));
    return counts;
  }

  private bucket(operations: ReadonlyMap<string, unknown>, name: string | undefined): string {
    if (name === undefined || name === '' || maskCprsInText(name) !== name) return OTHER_OPERATIONS;
    if (operations.has(name) || operations.size < this.settings.maxOperations) return name;
    return OTHER_OPERATIONS;
  }
}
