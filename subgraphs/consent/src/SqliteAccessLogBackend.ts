import { inTransaction, openDatabase, type SqliteDatabase, type SqliteStatement } from '@enplan/lib';
import {
  ACCESS_LOG_COLUMNS,
  accessLogColumnsOf,
  checkpointsFrom,
  fromColumns,
  fromRow,
  toRow,
  type AccessLogBackend,
  type AccessLogEntry,
  type AccessLogPage,
  type AccessLogRow,
  type ChainLink,
  type ChainReader,
  type Checkpoint,
  type CheckpointRow,
} from './accessLogBackend';
import { CITIZEN_INDEX, CITIZEN_INDEX_SCHEMA_VERSION, CONSENT_SCHEMA } from './schema';

/** Rows per INSERT statement: one statement for many rows costs about half of one per row (16 columns × 64 rows stays far below SQLite's variable limit). */
const ROWS_PER_INSERT = 64;

/**
 * Entries appended before the by-citizen index is brought up to date in one go. An index SQLite kept
 * itself would put one leaf page per citizen into every commit (50 pages for a caseload of 50): most
 * of an append's cost. In batches, the pages a batch shares are written once; a citizen's read scans
 * at most this many unindexed entries besides.
 */
export const CITIZEN_INDEX_BATCH = 2_000;

const UPSERT_CHECKPOINT = `INSERT INTO access_log_checkpoints VALUES (@kind, @sequence, @hash, @at, @signature)
  ON CONFLICT(kind) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, at = excluded.at, signature = excluded.signature`;

/**
 * The access log in the consent service's SQLite file. One process writes it (SQLite's own write
 * lock, BEGIN IMMEDIATE, serialises the chain); verification reads through a separate read-only
 * connection, a consistent snapshot under WAL. A citizen's entries are found through the by-citizen
 * index up to the sequence it covers, and by a scan of the newer tail (CITIZEN_INDEX_BATCH).
 */
export class SqliteAccessLogBackend implements AccessLogBackend {
  /**
   * A batch holds the one connection that also appends and reads, and its cost is a page of the
   * by-citizen index written per entry (the entries of one day belong to different citizens): 5,000
   * held it for over a second at 2 million entries, 500 for 40–110 ms on the shared machine.
   */
  readonly pruneBatchSize = 250;
  private readonly statements;
  /** Prepared when first needed: `verify-log` reads a file before this release migrated it, too. */
  private citizenIndexStatements: ReturnType<typeof prepareCitizenIndex> | undefined;
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
      // As on PostgreSQL (PgAccessLogBackend): the last of the oldest entries before the first one written at or after the cutoff.
      lastPrunable: db.prepare(`WITH batch AS (SELECT sequence, hash, at FROM access_log ORDER BY sequence LIMIT @limit)
        SELECT sequence, hash FROM batch WHERE sequence < coalesce((SELECT min(sequence) FROM batch WHERE at >= @cutoff), 9e18)
        ORDER BY sequence DESC LIMIT 1`),
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
      const through = this.indexedThrough();
      if (next.head.sequence - through >= CITIZEN_INDEX_BATCH) {
        this.citizenIndex.indexTail.run(through);
        this.citizenIndex.setIndexedThrough.run(next.head.sequence);
      }
    });
  }

  private get citizenIndex() {
    return (this.citizenIndexStatements ??= prepareCitizenIndex(this.db));
  }

  private indexedThrough(): number {
    return (this.citizenIndex.indexedThrough.get() as { sequence: number }).sequence;
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

  async pruneBatch(cutoff: number, limit: number, makeBase: (last: ChainLink) => Checkpoint): Promise<number> {
    return inTransaction(this.db, () => {
      const last = this.statements.lastPrunable.get({ limit, cutoff }) as ChainLink | undefined;
      if (!last) return 0;
      this.citizenIndex.unindexPrunable.run(last.sequence);
      const deleted = Number(this.statements.deleteThrough.run(last.sequence).changes);
      this.statements.checkpoint.run(makeBase(last));
      return deleted;
    });
  }

  async storeCheckpoint(checkpoint: Checkpoint): Promise<void> {
    this.statements.checkpoint.run(checkpoint);
  }

  async entriesOf(cpr: string, { first, before, department }: AccessLogPage): Promise<AccessLogEntry[]> {
    // Synchronous, on the one connection that writes: no append can come between the two reads.
    const through = this.indexedThrough();
    const page = { cpr, through, before: before ?? Number.MAX_SAFE_INTEGER, department: department ?? null };
    const recent = this.citizenIndex.unindexedOf.all({ ...page, first }) as AccessLogRow[];
    const older =
      recent.length < first ? (this.citizenIndex.indexedOf.all({ ...page, first: first - recent.length }) as AccessLogRow[]) : [];
    return [...recent, ...older].map(fromRow);
  }

  async readSnapshot<T>(read: (reader: ChainReader) => Promise<T>): Promise<T> {
    const db = openDatabase(this.file, { readOnly: true });
    try {
      db.exec('BEGIN');
      const present = db.prepare("SELECT name FROM pragma_table_info('access_log')").all() as Array<{ name: string }>;
      const columns = accessLogColumnsOf(new Set(present.map((c) => c.name)));
      const after = db.prepare(`SELECT ${columns} FROM access_log WHERE sequence > ? ORDER BY sequence LIMIT ?`);
      after.setReturnArrays(true);
      const checkpoints = db.prepare('SELECT * FROM access_log_checkpoints');
      return await read({
        checkpoints: async () => checkpointsFrom(checkpoints.all() as CheckpointRow[]),
        entriesAfter: async (sequence, limit) => (after.all(sequence, limit) as unknown[][]).map(fromColumns),
        citizenIndexProblem: async () => citizenIndexProblem(db),
      });
    } finally {
      db.close();
    }
  }
}

function prepareCitizenIndex(db: SqliteDatabase) {
  return {
    indexedThrough: db.prepare(`SELECT sequence FROM ${CITIZEN_INDEX}_through`),
    indexTail: db.prepare(
      `INSERT INTO ${CITIZEN_INDEX} SELECT cpr, sequence FROM access_log WHERE sequence > ? ORDER BY cpr, sequence`,
    ),
    setIndexedThrough: db.prepare(`UPDATE ${CITIZEN_INDEX}_through SET sequence = ?`),
    unindexedOf: db.prepare(
      `SELECT * FROM access_log WHERE sequence > @through AND sequence < @before AND cpr = @cpr
        AND (@department IS NULL OR owner_department = @department) ORDER BY sequence DESC LIMIT @first`,
    ),
    // The join checks the citizen too: an index row can never show one citizen another's entry.
    indexedOf: db.prepare(
      `SELECT a.* FROM ${CITIZEN_INDEX} i JOIN access_log a ON a.sequence = i.sequence AND a.cpr = i.cpr
        WHERE i.cpr = @cpr AND i.sequence <= @through AND i.sequence < @before
          AND (@department IS NULL OR a.owner_department = @department)
        ORDER BY i.sequence DESC LIMIT @first`,
    ),
    unindexPrunable: db.prepare(
      `DELETE FROM ${CITIZEN_INDEX} WHERE (cpr, sequence) IN (SELECT cpr, sequence FROM access_log WHERE sequence <= ?)`,
    ),
  };
}

/** The first entry the by-citizen index leaves out (up to where it claims to cover), or names for another citizen. */
function citizenIndexProblem(db: SqliteDatabase): { sequence: number; problem: string } | undefined {
  // Before schema version 5 SQLite kept the index itself: there is nothing of ours to check.
  const schema = db.prepare('SELECT version FROM schema_versions WHERE component = ?').get(CONSENT_SCHEMA) as
    { version: number } | undefined;
  if ((schema?.version ?? 0) < CITIZEN_INDEX_SCHEMA_VERSION) return undefined;
  if (!db.prepare('SELECT 1 FROM sqlite_schema WHERE name = ?').get(`${CITIZEN_INDEX}_through`))
    return { sequence: 1, problem: "the by-citizen index is missing: no citizen's own log would show the entries" };
  const missing = db
    .prepare(
      `SELECT a.sequence FROM access_log a WHERE a.sequence <= (SELECT sequence FROM ${CITIZEN_INDEX}_through)
        AND NOT EXISTS (SELECT 1 FROM ${CITIZEN_INDEX} i WHERE i.cpr = a.cpr AND i.sequence = a.sequence)
        ORDER BY a.sequence LIMIT 1`,
    )
    .get() as { sequence: number } | undefined;
  if (missing)
    return {
      sequence: missing.sequence,
      problem: "is missing from the by-citizen index: the citizen's own log would not show it",
    };
  const stray = db
    .prepare(
      `SELECT i.sequence FROM ${CITIZEN_INDEX} i LEFT JOIN access_log a ON a.sequence = i.sequence
        WHERE a.sequence IS NULL OR a.cpr <> i.cpr ORDER BY i.sequence LIMIT 1`,
    )
    .get() as { sequence: number } | undefined;
  if (stray)
    return {
      sequence: stray.sequence,
      problem: 'the by-citizen index names it for a citizen it is not about, or it does not exist',
    };
  return undefined;
}
