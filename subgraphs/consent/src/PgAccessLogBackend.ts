import { inPgTransaction, type PgClient, type PgPool } from '@enplan/lib';
import type pg from 'pg';
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

const COLUMN_TYPES: Record<(typeof ACCESS_LOG_COLUMNS)[number], string> = {
  sequence: 'bigint',
  at: 'bigint',
  actor_id: 'text',
  actor_name: 'text',
  actor_department: 'text',
  cpr: 'text',
  owner_department: 'text',
  categories: 'text',
  purpose: 'text',
  decision: 'text',
  consent_id: 'text',
  operation_name: 'text',
  reason: 'text',
  prev_hash: 'text',
  hash: 'text',
  request_id: 'text',
};
// One statement for any number of rows: one array parameter per column.
const INSERT_MANY = `INSERT INTO access_log (${ACCESS_LOG_COLUMNS.join(', ')})
  SELECT * FROM unnest(${ACCESS_LOG_COLUMNS.map((c, i) => `$${i + 1}::${COLUMN_TYPES[c]}[]`).join(', ')})`;
const upsertCheckpoint = (first: number) => `INSERT INTO access_log_checkpoints (kind, sequence, hash, at, signature)
  VALUES ($${first}, $${first + 1}, $${first + 2}, $${first + 3}, $${first + 4})
  ON CONFLICT (kind) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, at = excluded.at, signature = excluded.signature`;
const UPSERT_CHECKPOINT = upsertCheckpoint(1);
// The rows and the new head in one statement (a data-modifying CTE runs whether or not it is read).
const APPEND = `WITH appended AS (${INSERT_MANY} RETURNING 1) ${upsertCheckpoint(ACCESS_LOG_COLUMNS.length + 1)}`;
/** Every change to the chain holds this transaction-scoped advisory lock (the key is arbitrary, fixed). */
const LOCK_CHAIN = 'SELECT pg_advisory_xact_lock(7243150001)';
// One round trip to open the transaction, take the lock and read the head (simple query protocol).
const BEGIN_AND_READ_HEAD = `BEGIN; ${LOCK_CHAIN}; SELECT sequence, hash FROM access_log_checkpoints WHERE kind = 'head'`;
const checkpointValues = (c: Checkpoint) => [c.kind, c.sequence, c.hash, c.at, c.signature];

async function storeCheckpoint(client: PgClient, c: Checkpoint): Promise<void> {
  await client.query(UPSERT_CHECKPOINT, checkpointValues(c));
}

/**
 * The access log on PostgreSQL, shared by every consent-service replica. Serialisation: each append
 * takes a transaction-scoped advisory lock before it reads the head, so appends from all replicas
 * queue up on the database and each continues the chain exactly where the previous one committed
 * (the lock is released by COMMIT or ROLLBACK, never left behind by a crashed replica). Group commit
 * in AccessLog makes that one short transaction per batch of requests, not per request.
 */
export class PgAccessLogBackend implements AccessLogBackend {
  constructor(private readonly pool: PgPool) {}

  /** Three round trips, however many rows: BEGIN + lock + head; rows + new head; COMMIT. The lock is held only that long. */
  async extendChain(extend: (head: ChainLink | undefined) => { entries: AccessLogEntry[]; head: Checkpoint }): Promise<void> {
    const client = await this.pool.connect();
    try {
      const results = (await client.query(BEGIN_AND_READ_HEAD)) as unknown as Array<pg.QueryResult<ChainLink>>;
      const next = extend(results[2]?.rows[0]);
      if (next.entries.length > 0) {
        const rows = next.entries.map(toRow);
        await client.query(APPEND, [
          ...ACCESS_LOG_COLUMNS.map((column) => rows.map((row) => row[column])),
          ...checkpointValues(next.head),
        ]);
      } else {
        await storeCheckpoint(client, next.head);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async prune(cutoff: number, makeBase: (last: ChainLink) => Checkpoint): Promise<number> {
    return inPgTransaction(this.pool, async (client) => {
      await client.query(LOCK_CHAIN);
      const { rows } = await client.query<ChainLink>(
        'SELECT sequence, hash FROM access_log WHERE at < $1 ORDER BY sequence DESC LIMIT 1',
        [cutoff],
      );
      const last = rows[0];
      if (!last) return 0;
      const deleted = await client.query('DELETE FROM access_log WHERE sequence <= $1', [last.sequence]);
      await storeCheckpoint(client, makeBase(last));
      return deleted.rowCount ?? 0;
    });
  }

  async entriesOf(cpr: string, first: number): Promise<AccessLogEntry[]> {
    const { rows } = await this.pool.query<AccessLogRow>(
      'SELECT * FROM access_log WHERE cpr = $1 ORDER BY sequence DESC LIMIT $2',
      [cpr, first],
    );
    return rows.map(fromRow);
  }

  readSnapshot<T>(read: (reader: ChainReader) => Promise<T>): Promise<T> {
    return inPgTransaction(
      this.pool,
      (client) =>
        read({
          checkpoints: async () =>
            checkpointsFrom((await client.query<CheckpointRow>('SELECT * FROM access_log_checkpoints')).rows),
          entriesAfter: async (sequence, limit) =>
            (
              await client.query<AccessLogRow>('SELECT * FROM access_log WHERE sequence > $1 ORDER BY sequence LIMIT $2', [
                sequence,
                limit,
              ])
            ).rows.map(fromRow),
        }),
      'REPEATABLE READ READ ONLY',
    );
  }
}
