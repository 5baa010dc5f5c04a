import {
  inPgTransaction,
  inTransaction,
  type Notification,
  type PgOutbox,
  type PgPool,
  type SqliteDatabase,
  type SqliteOutbox,
} from '@enplan/lib';
import { StaleVersionError } from '../PlanStore';
import type { CourseDocument } from './courseModel';

/** The documents of a plan's course after the plan itself: one of each per plan. */
export type CourseKind = 'assessment' | 'decision' | 'complaint';

/** A document written back only if nobody wrote it since `expectedVersion` (0: it must not exist yet). */
export interface CourseWrite {
  kind: CourseKind;
  expectedVersion: number;
  document: CourseDocument;
}

/** The migration step's table, the same on both backends: one versioned JSON document per plan and kind. */
export const COURSE_TABLE_SQL = `
CREATE TABLE plan_course (
  plan_id TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL, document TEXT NOT NULL,
  PRIMARY KEY (plan_id, kind));`;

/**
 * The assessment, the joint decision and the complaint of each plan, each a versioned document
 * (optimistic concurrency, `CONFLICT`) in the plan store's database; several documents and the
 * citizen's notifications are written in one transaction, or none.
 */
export interface CourseStore {
  read<T extends CourseDocument>(planId: string, kind: CourseKind): Promise<T | undefined>;
  /** Throws StaleVersionError (writing nothing) when any document is not at its expected version. */
  write(writes: readonly CourseWrite[], notify?: readonly Notification[]): Promise<void>;
}

const SQL = {
  read: 'SELECT document FROM plan_course WHERE plan_id = $1 AND kind = $2',
  version: 'SELECT version FROM plan_course WHERE plan_id = $1 AND kind = $2',
  insert: 'INSERT INTO plan_course (plan_id, kind, version, document) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
  update: 'UPDATE plan_course SET version = $3, document = $4 WHERE plan_id = $1 AND kind = $2 AND version = $5',
};

/** The statement and its parameters for one write, in PostgreSQL's `$n` (SQLite reads them as `?n`: `sqlite()`). */
function statementFor({ kind, expectedVersion, document }: CourseWrite): [string, unknown[]] {
  const row = [document.planId, kind, document.version, JSON.stringify(document)];
  return expectedVersion === 0 ? [SQL.insert, row] : [SQL.update, [...row, expectedVersion]];
}

export class SqliteCourseStore implements CourseStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly outbox: SqliteOutbox,
  ) {}

  async read<T extends CourseDocument>(planId: string, kind: CourseKind): Promise<T | undefined> {
    const row = this.db.prepare(sqlite(SQL.read)).get(planId, kind) as { document: string } | undefined;
    return row && (JSON.parse(row.document) as T);
  }

  async write(writes: readonly CourseWrite[], notify: readonly Notification[] = []): Promise<void> {
    inTransaction(this.db, () => {
      for (const write of writes) {
        const [sql, params] = statementFor(write);
        const { changes } = this.db.prepare(sqlite(sql)).run(...(params as string[]));
        if (Number(changes) !== 1) throw stale(this.db.prepare(sqlite(SQL.version)).get(write.document.planId, write.kind));
      }
      for (const notification of notify) this.outbox.enqueue(notification, notification.createdAt);
    });
  }
}

export class PgCourseStore implements CourseStore {
  constructor(
    private readonly pool: PgPool,
    private readonly outbox: PgOutbox,
  ) {}

  async read<T extends CourseDocument>(planId: string, kind: CourseKind): Promise<T | undefined> {
    const { rows } = await this.pool.query<{ document: string }>(SQL.read, [planId, kind]);
    return rows[0] && (JSON.parse(rows[0].document) as T);
  }

  async write(writes: readonly CourseWrite[], notify: readonly Notification[] = []): Promise<void> {
    await inPgTransaction(this.pool, async (client) => {
      for (const write of writes) {
        const [sql, params] = statementFor(write);
        const { rowCount } = await client.query(sql, params);
        if (rowCount !== 1) {
          const { rows } = await client.query<{ version: number }>(SQL.version, [write.document.planId, write.kind]);
          throw stale(rows[0]);
        }
      }
      for (const notification of notify) await this.outbox.enqueue(client, notification, notification.createdAt);
    });
  }
}

/** SQLite numbers `?n` parameters as PostgreSQL does `$n`; its own `$n` would be named, numbered by first use. */
const sqlite = (sql: string) => sql.replaceAll('$', '?');

const stale = (row: unknown) => new StaleVersionError((row as { version?: number } | undefined)?.version ?? 0);
