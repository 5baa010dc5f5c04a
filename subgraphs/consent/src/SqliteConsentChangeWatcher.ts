import { openDatabase, type Logger, type SqliteDatabase, type SqliteStatement } from '@enplan/lib';
import type { ConsentChanges } from './ConsentChanges';
import { CONSENT_CHANGES_JOURNAL, CONSENT_CHANGES_TRIGGERS } from './schema';

/** How often the watcher asks SQLite whether another connection committed: half of it is the average announcement delay. */
const POLL_MS = 25;
/** How long the watcher waits before opening the file again after a failure. */
const REOPEN_MS = 500;

/** The watcher's own read-only connection and what it asks on it. */
interface Reader {
  db: SqliteDatabase;
  dataVersion: SqliteStatement;
  schemaVersion: SqliteStatement;
  triggers: SqliteStatement;
  changesAfter: SqliteStatement;
}

/** SQLite quotes the names it rewrites (ALTER TABLE … RENAME): the same trigger, quoted or not, spaced or not. */
const comparable = (sql: string) =>
  sql
    .replace(/"(\w+)"/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();

function openReader(file: string): Reader {
  const db = openDatabase(file, { readOnly: true });
  try {
    return {
      db,
      dataVersion: db.prepare('PRAGMA data_version'),
      schemaVersion: db.prepare('PRAGMA schema_version'),
      triggers: db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'consents'`),
      changesAfter: db.prepare(`SELECT sequence, cpr FROM ${CONSENT_CHANGES_JOURNAL} WHERE sequence > ? ORDER BY sequence`),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Announces every change to a consent in the SQLite file, whatever made it (this process, the
 * sqlite3 shell, an import): triggers (schema.ts, migration 4) append the citizen's CPR to a
 * journal; the watcher polls `PRAGMA data_version` on its own connection (it changes only when
 * another connection committed, so an idle poll costs microseconds), then announces the journal's
 * rows after the last one it saw and deletes them through the store's connection (the journal
 * stays small). This process's own changes take the same path, without waiting for the next poll:
 * the store calls `check()` after each write.
 *
 * Fails closed: while the file cannot be read, or the journal or one of its triggers is missing
 * or altered, the changes are marked unavailable (subscribers stop trusting their caches) and the
 * file is opened again until it is whole. (A connection can still switch triggers off for itself,
 * as the sqlite3 shell's `.dbconfig enable_trigger off` does; nothing in the file can see that.)
 */
export class SqliteConsentChangeWatcher {
  private reader: Reader | undefined;
  private seenDataVersion: number | undefined;
  private checkedSchemaVersion: number | undefined;
  /** The journal's sequence up to which everything is announced. */
  private announcedUpTo = 0;
  private readonly deleteAnnounced: SqliteStatement;
  private problem: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  /**
   * Starts watching `file` (already migrated, open as `store`). The journal's rows from before are
   * deleted unannounced: no gateway can hold a decision from this process yet (a gateway empties
   * its cache whenever its feed comes back). AUTOINCREMENT keeps new sequences above them.
   */
  constructor(
    private readonly file: string,
    store: SqliteDatabase,
    private readonly changes: ConsentChanges,
    private readonly logger: Logger,
  ) {
    this.deleteAnnounced = store.prepare(`DELETE FROM ${CONSENT_CHANGES_JOURNAL} WHERE sequence <= ?`);
    store.exec(`DELETE FROM ${CONSENT_CHANGES_JOURNAL}`);
    this.check();
    this.schedule();
  }

  /** Announces what the journal holds that is not announced yet; called on every poll and after the store's own writes. */
  check(): void {
    if (this.closed) return;
    try {
      const reader = (this.reader ??= openReader(this.file));
      const { data_version: dataVersion } = reader.dataVersion.get() as { data_version: number };
      if (dataVersion === this.seenDataVersion) return;
      this.verifyJournal(reader);
      // data_version is read before the rows: a commit in between is read now and seen again (harmlessly) next time.
      const rows = reader.changesAfter.all(this.announcedUpTo) as Array<{ sequence: number; cpr: string }>;
      this.seenDataVersion = dataVersion;
      const last = rows.at(-1);
      if (last) {
        this.announcedUpTo = last.sequence;
        // Each citizen once, with the newest of their changes.
        const newest = new Map(rows.map((row) => [row.cpr, row.sequence]));
        for (const [cpr, sequence] of newest) this.changes.announce(cpr, sequence);
        this.prune();
      }
      this.recovered();
    } catch (error) {
      this.failed(error instanceof Error ? error.message : String(error));
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.reader?.db.close();
    this.reader = undefined;
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(
      () => {
        this.check();
        this.schedule();
      },
      this.problem === undefined ? POLL_MS : REOPEN_MS,
    ).unref();
  }

  /** The journal's triggers are all there, as migration 4 wrote them; checked again whenever the schema changed. */
  private verifyJournal(reader: Reader): void {
    const { schema_version: schemaVersion } = reader.schemaVersion.get() as { schema_version: number };
    if (schemaVersion === this.checkedSchemaVersion) return;
    const found = new Map((reader.triggers.all() as Array<{ name: string; sql: string }>).map((t) => [t.name, t.sql]));
    for (const [name, sql] of Object.entries(CONSENT_CHANGES_TRIGGERS)) {
      const stored = found.get(name);
      if (stored === undefined) throw new Error(`the trigger ${name} on consents is missing`);
      if (comparable(stored) !== comparable(sql)) throw new Error(`the trigger ${name} on consents was altered`);
    }
    this.checkedSchemaVersion = schemaVersion;
  }

  /** Deletes what is announced. A failure (another process holds the write lock) only postpones it to the next change. */
  private prune(): void {
    try {
      this.deleteAnnounced.run(this.announcedUpTo);
    } catch (error) {
      this.logger.warn('consent changes: the journal could not be pruned now; retried at the next change', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private failed(reason: string): void {
    this.reader?.db.close();
    this.reader = undefined;
    // Both versions belong to a connection: the next one starts over, and reads the journal at once.
    this.seenDataVersion = undefined;
    this.checkedSchemaVersion = undefined;
    if (this.problem === undefined) {
      this.logger.error('consent changes: cannot watch the consent file; subscribers told not to trust their caches', {
        reason,
      });
    }
    this.problem = reason;
    this.changes.setAvailable(false);
  }

  private recovered(): void {
    if (this.problem === undefined) return;
    this.problem = undefined;
    this.logger.info('consent changes: watching the consent file again');
    this.changes.setAvailable(true);
  }
}
