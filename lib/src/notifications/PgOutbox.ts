import type { PgClient, PgPool } from '../db/postgres';
import { notificationSchema, type Notification } from './Notification';
import type { OutboxQueue, PendingOutboxEntry } from './Outbox';

/**
 * The outbox table on PostgreSQL, for a store's migrations to create under its own name (its SQL
 * is part of that store's versioned schema, so it never changes once released).
 */
export function pgOutboxTableSql(table: string): string {
  return `
CREATE TABLE ${checkedName(table)} (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, channel TEXT NOT NULL, notification TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL, delivered_at BIGINT, last_error TEXT);
CREATE INDEX ${table}_pending ON ${table}(channel, seq) WHERE delivered_at IS NULL;`;
}

function checkedName(table: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
  return table;
}

interface Row {
  seq: number;
  channel: string;
  notification: string;
  attempts: number;
  next_attempt_at: number;
}

/**
 * The transactional outbox on PostgreSQL (see SqliteOutbox): a producer enqueues on the client of
 * its own transaction. Several processes share the table; one delivery round runs at a time across
 * all of them (a session advisory lock), so each message is sent once and in order.
 */
export class PgOutbox implements OutboxQueue {
  private readonly sql;

  constructor(
    private readonly pool: PgPool,
    /** A table made by `pgOutboxTableSql`. */
    private readonly table: string,
    readonly channels: readonly string[],
  ) {
    checkedName(table);
    this.sql = {
      insert: `INSERT INTO ${table} (channel, notification, next_attempt_at) VALUES ($1, $2, $3)`,
      pending: `SELECT seq, channel, notification, attempts, next_attempt_at FROM ${table}
                WHERE delivered_at IS NULL ORDER BY seq LIMIT $1`,
      delivered: `UPDATE ${table} SET delivered_at = $1, attempts = attempts + 1, last_error = NULL WHERE seq = $2`,
      failed: `UPDATE ${table} SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE seq = $3`,
    };
  }

  /** Call on the client of the producer's transaction. */
  async enqueue(client: PgClient, notification: Notification, now: number): Promise<void> {
    const json = JSON.stringify(notificationSchema.parse(notification));
    for (const channel of this.channels) await client.query(this.sql.insert, [channel, json, now]);
  }

  async deliveryRound(work: () => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    // A checked-out client has no error listener of the pool's: a connection that breaks while this
    // round holds it (the server restarting) would otherwise end the process.
    let broken = false;
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    const key = `enplan outbox ${this.table}`;
    let locked = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [key]);
      locked = rows[0]?.locked === true;
      if (locked) await work(); // else another process is delivering; the next round tries again
    } finally {
      // A connection that may still hold the lock must not go back to the pool: no process could deliver again.
      const unlocked =
        !locked ||
        (await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).then(
          () => true,
          () => false,
        ));
      client.removeListener('error', onError);
      client.release(broken || !unlocked);
    }
  }

  async pending(limit: number): Promise<PendingOutboxEntry[]> {
    const { rows } = await this.pool.query<Row>(this.sql.pending, [limit]);
    return rows.map((row) => ({
      seq: row.seq,
      channel: row.channel,
      notification: notificationSchema.parse(JSON.parse(row.notification)),
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
    }));
  }

  async markDelivered(seq: number, at: number): Promise<void> {
    await this.pool.query(this.sql.delivered, [at, seq]);
  }

  async markFailed(seq: number, retryAt: number, error: string): Promise<void> {
    await this.pool.query(this.sql.failed, [retryAt, error.slice(0, 500), seq]);
  }
}
