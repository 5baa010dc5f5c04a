import { inPgTransaction, type PgClient, type PgPool } from '@enplan/lib';
import {
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
import { ACCESS_LOG_RETENTION_LOCK, EXTEND_ACCESS_LOG } from './schema';

const UPSERT_CHECKPOINT = `INSERT INTO access_log_checkpoints (kind, sequence, hash, at, signature) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (kind) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, at = excluded.at, signature = excluded.signature`;
/** Retention takes its own lock, not the chain's: it deletes the oldest rows, appends write the newest. */
const LOCK_RETENTION = `SELECT pg_advisory_xact_lock(${ACCESS_LOG_RETENTION_LOCK})`;
/**
 * The base (0 before the first cut) and the last of the oldest `$1` entries after it before the first
 * one written at or after the cutoff (`$2`): a walk of the primary key from where the last batch
 * ended, whatever the log's size. The base is read here, under the retention lock, not in a round trip of its own.
 */
const LAST_PRUNABLE = `WITH base AS (SELECT coalesce((SELECT sequence FROM access_log_checkpoints WHERE kind = 'base'), 0) AS sequence),
  batch AS (SELECT sequence, hash, at FROM access_log WHERE sequence > (SELECT sequence FROM base) ORDER BY sequence LIMIT $1)
  SELECT (SELECT sequence FROM base) AS base, sequence, hash FROM batch
  WHERE sequence < coalesce((SELECT min(sequence) FROM batch WHERE at >= $2), 9223372036854775807)
  ORDER BY sequence DESC LIMIT 1`;
/** Deletes the entries after the old base (`$6`) through the new one (`$2`) and stores the new base, in one round trip. */
const DELETE_THROUGH_BASE = `WITH deleted AS (DELETE FROM access_log WHERE sequence > $6 AND sequence <= $2 RETURNING 1)
  ${UPSERT_CHECKPOINT} RETURNING (SELECT count(*) FROM deleted) AS deleted`;
/** The access log's columns as they are (verify-log may read a database the service has not migrated yet). */
const PRESENT_COLUMNS =
  "SELECT column_name FROM information_schema.columns WHERE table_name = 'access_log' AND table_schema = current_schema()";
const READ_HEAD = "SELECT sequence, hash FROM access_log_checkpoints WHERE kind = 'head'";
/** Prepared once per connection: the statement is the same for every append. */
const EXTEND = { name: 'enplan_extend_access_log', text: `SELECT sequence, hash FROM ${EXTEND_ACCESS_LOG}($1, $2, $3, $4)` };
const checkpointValues = (c: Checkpoint) => [c.kind, c.sequence, c.hash, c.at, c.signature];

async function storeCheckpoint(client: PgClient | PgPool, c: Checkpoint): Promise<void> {
  await client.query(UPSERT_CHECKPOINT, checkpointValues(c));
}

/** BIGINT columns come back from PostgreSQL as strings. */
const linkFrom = (row: { sequence: string | number; hash: string }): ChainLink => ({
  sequence: Number(row.sequence),
  hash: row.hash,
});

/**
 * The access log on PostgreSQL, shared by every consent-service replica. Serialisation: each append
 * takes a transaction-scoped advisory lock before it reads the head, so appends from all replicas
 * queue up on the database and each continues the chain exactly where the previous one committed
 * (the lock is released by COMMIT or ROLLBACK, never left behind by a crashed replica). Group commit
 * in AccessLog makes that one short transaction per batch of requests, not per request.
 *
 * One round trip per append: the replica builds the entries on the head it last knew, and the
 * database function (schema migration 2) takes the lock, writes them only if that is still the head,
 * and otherwise answers the head, on which the replica builds them again. A lone replica always knows
 * its head; replicas that take turns pay one more round trip per turn.
 */
export class PgAccessLogBackend implements AccessLogBackend {
  /**
   * Appends never wait for retention (its own lock) nor reads (MVCC), so a batch may be large: 20,000
   * removed 80,000 entries of the 20 M log a fifth faster than 5,000 did (bench/results/scale.md).
   */
  readonly pruneBatchSize = 20_000;
  /** The head as this replica last saw it; `null` for an empty log, `undefined` when not yet read. */
  private knownHead: ChainLink | null | undefined;

  constructor(private readonly pool: PgPool) {}

  async extendChain(extend: (head: ChainLink | undefined) => { entries: AccessLogEntry[]; head: Checkpoint }): Promise<void> {
    if (this.knownHead === undefined) this.knownHead = await this.readHead();
    for (;;) {
      const expected: ChainLink | null = this.knownHead;
      const next = extend(expected ?? undefined);
      const { rows }: { rows: Array<{ sequence: string | null; hash: string | null }> } = await this.pool.query({
        ...EXTEND,
        values: [
          expected?.sequence ?? null,
          expected?.hash ?? null,
          JSON.stringify(next.entries.map(toRow)),
          JSON.stringify(next.head),
        ],
      });
      const current: { sequence: string | null; hash: string | null } | undefined = rows[0];
      if (!current) {
        this.knownHead = { sequence: next.head.sequence, hash: next.head.hash };
        return;
      }
      this.knownHead =
        current.sequence === null || current.hash === null ? null : linkFrom({ sequence: current.sequence, hash: current.hash });
    }
  }

  private async readHead(): Promise<ChainLink | null> {
    const { rows } = await this.pool.query<{ sequence: string; hash: string }>(READ_HEAD);
    return rows[0] ? linkFrom(rows[0]) : null;
  }

  async pruneBatch(cutoff: number, limit: number, makeBase: (last: ChainLink) => Checkpoint): Promise<number> {
    return inPgTransaction(this.pool, async (client) => {
      await client.query(LOCK_RETENTION);
      const { rows } = await client.query<{ base: string; sequence: string; hash: string }>(LAST_PRUNABLE, [limit, cutoff]);
      const last = rows[0];
      if (!last) return 0;
      const deleted = await client.query<{ deleted: string }>(DELETE_THROUGH_BASE, [
        ...checkpointValues(makeBase(linkFrom(last))),
        last.base,
      ]);
      return Number(deleted.rows[0]?.deleted ?? 0);
    });
  }

  storeCheckpoint(checkpoint: Checkpoint): Promise<void> {
    return storeCheckpoint(this.pool, checkpoint);
  }

  async entriesOf(cpr: string, { first, before, department }: AccessLogPage): Promise<AccessLogEntry[]> {
    // Two texts rather than an optional condition: each has its own plan on its own index.
    const byDepartment = department === undefined ? '' : 'AND owner_department = $4';
    const { rows } = await this.pool.query<AccessLogRow>(
      `SELECT * FROM access_log WHERE cpr = $1 AND sequence < $2 ${byDepartment} ORDER BY sequence DESC LIMIT $3`,
      [cpr, before ?? Number.MAX_SAFE_INTEGER, first, ...(department === undefined ? [] : [department])],
    );
    return rows.map(fromRow);
  }

  readSnapshot<T>(read: (reader: ChainReader) => Promise<T>): Promise<T> {
    return inPgTransaction(
      this.pool,
      async (client) => {
        const present = (await client.query<{ column_name: string }>(PRESENT_COLUMNS)).rows.map((c) => c.column_name);
        // Verification's read: the columns as arrays (fromColumns), in the order of ACCESS_LOG_COLUMNS.
        const entriesAfter = `SELECT ${accessLogColumnsOf(new Set(present))} FROM access_log WHERE sequence > $1 ORDER BY sequence LIMIT $2`;
        return read({
          checkpoints: async () =>
            checkpointsFrom((await client.query<CheckpointRow>('SELECT * FROM access_log_checkpoints')).rows),
          entriesAfter: async (sequence, limit) =>
            (await client.query<unknown[]>({ text: entriesAfter, values: [sequence, limit], rowMode: 'array' })).rows.map(
              fromColumns,
            ),
        });
      },
      'REPEATABLE READ READ ONLY',
    );
  }
}
