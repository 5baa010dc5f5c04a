import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * Node's built-in SQLite (node:sqlite): no native build step at install. Typed loosely at the
 * boundary: each store states the shape of its own rows and parameters.
 */
export interface SqliteStatement {
  run(...parameters: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...parameters: unknown[]): unknown;
  all(...parameters: unknown[]): unknown[];
  iterate(...parameters: unknown[]): IterableIterator<unknown>;
  /** Rows as arrays of the selected columns, in order: cheaper to read than objects at volume. */
  setReturnArrays(enabled: boolean): void;
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  readonly isTransaction: boolean;
  close(): void;
}

/** Opens (creating if needed) a SQLite file tuned for one writer process and many reads. */
export function openDatabase(file: string, options: { readOnly?: boolean } = {}): SqliteDatabase {
  if (file !== ':memory:' && !options.readOnly) mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { readOnly: options.readOnly ?? false, timeout: 5000 });
  if (!options.readOnly) {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
  }
  db.exec('PRAGMA foreign_keys = ON');
  return {
    // Stores bind whole records: fields a statement does not use are ignored, not an error.
    prepare: (sql) => {
      const statement = db.prepare(sql);
      statement.setAllowUnknownNamedParameters(true);
      return statement;
    },
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    get isTransaction() {
      return db.isTransaction;
    },
  };
}

/**
 * Runs `work` in one transaction: committed when it returns, rolled back when it throws. Nested
 * calls become savepoints, so a store method may use it inside another's transaction.
 */
export function inTransaction<T>(db: SqliteDatabase, work: () => T): T {
  const nested = db.isTransaction;
  db.exec(nested ? 'SAVEPOINT nested' : 'BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec(nested ? 'RELEASE nested' : 'COMMIT');
    return result;
  } catch (error) {
    // On some errors (SQLITE_FULL: a full disk; SQLITE_IOERR, SQLITE_NOMEM) SQLite has rolled the
    // whole transaction back itself: nothing is left to undo, and the caller must get the error that
    // happened, not "cannot rollback - no transaction is active" in its place.
    if (db.isTransaction) db.exec(nested ? 'ROLLBACK TO nested; RELEASE nested' : 'ROLLBACK');
    throw error;
  }
}

/** True when the table has no rows: the store is new and should be seeded. */
export function isEmpty(db: SqliteDatabase, table: string): boolean {
  return db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined;
}
