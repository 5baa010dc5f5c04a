import {
  migratePostgres,
  migrateSqlite,
  openDatabase,
  openPostgres,
  PgOutbox,
  SqliteOutbox,
  type DatabaseLocation,
  type OutboxQueue,
} from '@enplan/lib';
import { PgCourseStore, SqliteCourseStore, type CourseStore } from './course/CourseStore';
import { PgPlanStore } from './PgPlanStore';
import type { PlanStore } from './PlanStore';
import { PG_OUTBOX_TABLE, PLAN_SCHEMA, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './schema';
import { SqlitePlanStore } from './SqlitePlanStore';

/** The plan subgraph's storage, on either backend, migrated and ready: the store and its outbox, in one database. */
export interface PlanDatabase {
  store: PlanStore;
  /** The plan's course after the plan itself, in the same database and outbox. */
  course: CourseStore;
  outbox: OutboxQueue;
  close(): Promise<void>;
}

/**
 * Opens and migrates (refusing a schema newer than this release knows) the plan store: the SQLite
 * file, or PostgreSQL when `location` names it. `channels` are the outbox's delivery channels.
 */
export async function openPlanDatabase(location: DatabaseLocation, channels: readonly string[]): Promise<PlanDatabase> {
  if (location.kind === 'sqlite') {
    const db = openDatabase(location.file);
    try {
      migrateSqlite(db, PLAN_SCHEMA, SQLITE_MIGRATIONS);
      const outbox = new SqliteOutbox(db, channels);
      return {
        store: new SqlitePlanStore(db, outbox),
        course: new SqliteCourseStore(db, outbox),
        outbox,
        close: async () => db.close(),
      };
    } catch (error) {
      db.close();
      throw error;
    }
  }
  const pool = openPostgres(location.url, { applicationName: 'enplan-plan' });
  try {
    await migratePostgres(pool, PLAN_SCHEMA, POSTGRES_MIGRATIONS);
    const outbox = new PgOutbox(pool, PG_OUTBOX_TABLE, channels);
    return { store: new PgPlanStore(pool, outbox), course: new PgCourseStore(pool, outbox), outbox, close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
