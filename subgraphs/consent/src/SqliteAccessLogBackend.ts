import { inTransaction, openDatabase, type SqliteDatabase, type SqliteStatement } from '@enplan/lib';
import {
  ACCESS_LOG_COLUMNS,
  checkpointsFrom,
  fromRow,
  toRow,
  type AccessLogBackend,
  type AccessLogEntry,
  type AccessLogRow,
  type ChainLink,
  type ChainReader,
  type Checkpoint,
  type CheckpointRow,
} from './accessLogBackend';

/** Rows per INSERT statement: one statement for many rows costs about half of one per row (16 columns × 64 rows stays far below SQLite's variable limit). */
const ROWS_PER_INSERT = 64;

const UPSERT_CHECKPOINT = `INSERT INTO access_log_checkpoints VALUES (@kind, @sequence, @hash, @at, @signature)
  ON CONFLICT(kind) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, at = excluded.at, signature = excluded.signature`;

/**
 * The access log in the consent service's SQLite file. One process writes it (SQLite's own write
 * lock, BEGIN IMMEDIATE, serialises the chain); verification reads through a separate read-only
 * connection, a consistent snapshot under WAL.
 */
export class SqliteAccessLogBackend implements AccessLogBackend {
  private readonly statements;
  /** Multi-row INSERTs by their row count, prepared when first needed. */
  private readonly inserts = new Map<number, SqliteStatement>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly file: string,
  ) {
    this.statements = {
      head: db.prepare("SELECT sequence, hash FROM access_log_checkpoints WHERE kind = 'head'"),
      last: db.prepare('SELECT sequence, hash FROM access_log ORDER BY sequence DESC LIMIT 1'),
      checkpoint: db.prepare(UPSERT_CHECKPOINT),
      byCpr: db.prepare('SELECT * FROM access_log WHERE cpr = ? ORDER BY sequence DESC LIMIT ?'),
      newestBefore: db.prepare('SELECT sequence, hash FROM access_log WHERE at < ? ORDER BY sequence DESC LIMIT 1'),
      deleteThrough: db.prepare('DELETE FROM access_log WHERE sequence <= ?'),
    };
  }

  async extendChain(extend: (head: ChainLink | undefined) => { entries: AccessLogEntry[]; head: Checkpoint }): Promise<void> {
    inTransaction(this.db, () => {
      const head = (this.statements.head.get() ?? this.statements.last.get()) as ChainLink | undefined;
      const next = extend(head);
      for (let from = 0; from < next.entries.length; from += ROWS_PER_INSERT) {
        const rows = next.entries.slice(from, from + ROWS_PER_INSERT).map(toRow);
        this.insertOf(rows.length).run(...rows.flatMap((row) => ACCESS_LOG_COLUMNS.map((column) => row[column])));
      }
      this.statements.checkpoint.run(next.head);
    });
  }

  private insertOf(rows: number): SqliteStatement {
    let insert = this.inserts.get(rows);
    if (!insert) {
      const values = `(${ACCESS_LOG_COLUMNS.map(() => '?').join(', ')})`;
      insert = this.db.prepare(
        `INSERT INTO access_log (${ACCESS_LOG_COLUMNS.join(', ')}) VALUES ${Array(rows).fill(values).join(', ')}`,
      );
      this.inserts.set(rows, insert);
    }
    return insert;
  }

  async prune(cutoff: number, makeBase: (last: ChainLink) => Checkpoint): Promise<number> {
    return inTransaction(this.db, () => {
      const last = this.statements.newestBefore.get(cutoff) as ChainLink | undefined;
      if (!last) return 0;
      const deleted = Number(this.statements.deleteThrough.run(last.sequence).changes);
      this.statements.checkpoint.run(makeBase(last));
      return deleted;
    });
  }

  async entriesOf(cpr: string, first: number): Promise<AccessLogEntry[]> {
    return (this.statements.byCpr.all(cpr, first) as AccessLogRow[]).map(fromRow);
  }

  async readSnapshot<T>(read: (reader: ChainReader) => Promise<T>): Promise<T> {
    const db = openDatabase(this.file, { readOnly: true });
    try {
      db.exec('BEGIN');
      const after = db.prepare('SELECT * FROM access_log WHERE sequence > ? ORDER BY sequence LIMIT ?');
      const checkpoints = db.prepare('SELECT * FROM access_log_checkpoints');
      return await read({
        checkpoints: async () => checkpointsFrom(checkpoints.all() as CheckpointRow[]),
        entriesAfter: async (sequence, limit) => (after.all(sequence, limit) as AccessLogRow[]).map(fromRow),
      });
    } finally {
      db.close();
    }
  }
}
