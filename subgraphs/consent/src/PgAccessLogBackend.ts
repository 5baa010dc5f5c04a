import { inPgTransaction, type PgClient, type PgPool } from '@enplan/lib';
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
  sequence: 'bigint', at: 'bigint', actor_id: 'text', actor_name: 'text', actor_department: 'text', cpr: 'text',
  owner_department: 'text', categories: 'text', purpose: 'text', decision: 'text', consent_id: 'text',
  operation_name: 'text', reason: 'text', prev_hash: 'text', hash: 'text',
};
// One statement for any number of rows: one array parameter per column.
const INSERT_MANY = `INSERT INTO access_log (${ACCESS_LOG_COLUMNS.join(', ')})
  SELECT * FROM unnest(${ACCESS_LOG_COLUMNS.map((c, i) => `$${i + 1}::${COLUMN_TYPES[c]}[]`).join(', ')})`;
const UPSERT_CHECKPOINT = `INSERT INTO access_log_checkpoints (kind, sequence, hash, at, signature) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (kind) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, at = excluded.at, signature = excluded.signature`;
/** Every change to the chain holds this transaction-scoped advisory lock (the key is arbitrary, fixed). */
const LOCK_CHAIN = 'SELECT pg_advisory_xact_lock(7243150001)';

async function storeCheckpoint(client: PgClient, c: Checkpoint): Promise<void> {
  await client.query(UPSERT_CHECKPOINT, [c.kind, c.sequence, c.hash, c.at, c.signature]);
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

  async extendChain(extend: (head: ChainLink | undefined) => { entries: AccessLogEntry[]; head: Checkpoint }): Promise<void> {
    await inPgTransaction(this.pool, async (client) => {
      await client.query(LOCK_CHAIN);
      const head = await this.headIn(client);
      const next = extend(head);
      if (next.entries.length > 0) {
        const rows = next.entries.map(toRow);
        await client.query(INSERT_MANY, ACCESS_LOG_COLUMNS.map((column) => rows.map((row) => row[column])));
      }
      await storeCheckpoint(client, next.head);
    });
  }

  async prune(cutoff: number, makeBase: (last: ChainLink) => Checkpoint): Promise<number> {
    return inPgTransaction(this.pool, async (client) => {
      await client.query(LOCK_CHAIN);
      const { rows } = await client.query<ChainLink>('SELECT sequence, hash FROM access_log WHERE at < $1 ORDER BY sequence DESC LIMIT 1', [cutoff]);
      const last = rows[0];
      if (!last) return 0;
      const deleted = await client.query('DELETE FROM access_log WHERE sequence <= $1', [last.sequence]);
      await storeCheckpoint(client, makeBase(last));
      return deleted.rowCount ?? 0;
    });
  }

  async entriesOf(cpr: string, first: number): Promise<AccessLogEntry[]> {
    const { rows } = await this.pool.query<AccessLogRow>('SELECT * FROM access_log WHERE cpr = $1 ORDER BY sequence DESC LIMIT $2', [cpr, first]);
    return rows.map(fromRow);
  }

  readSnapshot<T>(read: (reader: ChainReader) => Promise<T>): Promise<T> {
    return inPgTransaction(
      this.pool,
      (client) =>
        read({
          checkpoints: async () => checkpointsFrom((await client.query<CheckpointRow>('SELECT * FROM access_log_checkpoints')).rows),
          entriesAfter: async (sequence, limit) =>
            (await client.query<AccessLogRow>('SELECT * FROM access_log WHERE sequence > $1 ORDER BY sequence LIMIT $2', [sequence, limit])).rows.map(fromRow),
        }),
      'REPEATABLE READ READ ONLY',
    );
  }

  private async headIn(client: PgClient): Promise<ChainLink | undefined> {
    const { rows } = await client.query<ChainLink>("SELECT sequence, hash FROM access_log_checkpoints WHERE kind = 'head'");
    return rows[0];
  }
}
