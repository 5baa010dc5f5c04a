import type { SqliteDatabase } from '../sqlite';
import { notificationSchema, type Notification } from './Notification';

/** A way to deliver a notification (the citizen's inbox, Digital Post). Throws when it was not delivered. */
export interface Deliverer {
  deliver(notification: Notification): Promise<void>;
}

export interface OutboxEntry {
  seq: number;
  channel: string;
  notification: Notification;
  attempts: number;
}

/** An entry not yet delivered, with the instant it may next be tried. */
export type PendingOutboxEntry = OutboxEntry & { nextAttemptAt: number };

/**
 * What `OutboxRelay` delivers from: an outbox on SQLite (`SqliteOutbox`, answers at once) or on
 * PostgreSQL (`PgOutbox`, shared by several processes).
 */
export interface OutboxQueue {
  /** The channels every notification goes to, e.g. ['inbox', 'digital-post']. */
  readonly channels: readonly string[];
  /**
   * Runs one delivery round, or skips it while another process sharing the outbox runs one: two
   * relays delivering the same entries would send the citizen each message twice.
   */
  deliveryRound(work: () => Promise<void>): Promise<void>;
  pending(limit: number): PendingOutboxEntry[] | Promise<PendingOutboxEntry[]>;
  markDelivered(seq: number, at: number): void | Promise<void>;
  markFailed(seq: number, retryAt: number, error: string): void | Promise<void>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, notification TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, delivered_at INTEGER, last_error TEXT);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox(channel, seq) WHERE delivered_at IS NULL;
`;

interface Row {
  seq: number;
  channel: string;
  notification: string;
  attempts: number;
  next_attempt_at: number;
}

/**
 * The transactional outbox: a producer enqueues a notification in the same SQLite transaction as
 * the change it reports, so a change is never made without its message, nor a message sent for a
 * change that was rolled back. One row per delivery channel; `OutboxRelay` delivers them.
 */
export class SqliteOutbox implements OutboxQueue {
  private readonly statements;

  constructor(
    db: SqliteDatabase,
    /** The channels every notification goes to, e.g. ['inbox', 'digital-post']. */
    readonly channels: readonly string[],
  ) {
    db.exec(SCHEMA);
    this.statements = {
      insert: db.prepare('INSERT INTO outbox (channel, notification, next_attempt_at) VALUES (?, ?, ?)'),
      // Oldest first per channel: messages reach the citizen in the order things happened.
      pending: db.prepare(
        'SELECT seq, channel, notification, attempts, next_attempt_at FROM outbox WHERE delivered_at IS NULL ORDER BY seq LIMIT ?',
      ),
      delivered: db.prepare('UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE seq = ?'),
      failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE seq = ?'),
      undelivered: db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE delivered_at IS NULL'),
    };
  }

  /** Call inside the producer's transaction. */
  enqueue(notification: Notification, now: number): void {
    const json = JSON.stringify(notificationSchema.parse(notification));
    for (const channel of this.channels) this.statements.insert.run(channel, json, now);
  }

  /** One process owns a SQLite file: its relay is the only one. */
  deliveryRound(work: () => Promise<void>): Promise<void> {
    return work();
  }

  /** Undelivered entries, oldest first, with the instant each may next be tried. */
  pending(limit: number): PendingOutboxEntry[] {
    return (this.statements.pending.all(limit) as Row[]).map((row) => ({
      seq: row.seq,
      channel: row.channel,
      notification: notificationSchema.parse(JSON.parse(row.notification)),
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
    }));
  }

  markDelivered(seq: number, at: number): void {
    this.statements.delivered.run(at, seq);
  }

  markFailed(seq: number, retryAt: number, error: string): void {
    this.statements.failed.run(retryAt, error.slice(0, 500), seq);
  }

  undeliveredCount(): number {
    return (this.statements.undelivered.get() as { n: number }).n;
  }
}
