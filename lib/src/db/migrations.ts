import { inTransaction, type SqliteDatabase } from '../sqlite';
import { inPgTransaction, type PgPool } from './postgres';

/** One step of a store's schema. Versions start at 1 and never change once released. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** The database was migrated by a newer release: an older one must not write to it. */
export class SchemaTooNewError extends Error {
  constructor(component: string, found: number, known: number) {
    super(
      `the ${component} schema in this database is at version ${found}, newer than this release knows (${known}): ` +
        'run the newer release, or restore a backup; a downgrade is not supported',
    );
    this.name = 'SchemaTooNewError';
  }
}

const VERSIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)`;

function checked(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.description} has version ${m.version}, expected ${i + 1}`);
  });
  return migrations.length;
}

/** The version a database was at before start-up, and the one it is at now. */
export interface MigrationResult {
  previous: number;
  current: number;
}

/** Applies what `db` lacks, in one transaction. */
export function migrateSqlite(db: SqliteDatabase, component: string, migrations: readonly Migration[]): MigrationResult {
  const latest = checked(migrations);
  return inTransaction(db, () => {
    db.exec(VERSIONS_TABLE);
    const row = db.prepare('SELECT version FROM schema_versions WHERE component = ?').get(component) as
      { version: number } | undefined;
    const current = row?.version ?? 0;
    if (current > latest) throw new SchemaTooNewError(component, current, latest);
    for (const migration of migrations.slice(current)) db.exec(migration.sql);
    db.prepare('INSERT INTO schema_versions VALUES (?, ?) ON CONFLICT(component) DO UPDATE SET version = excluded.version').run(
      component,
      latest,
    );
    return { previous: current, current: latest };
  });
}

/**
 * Applies what the database lacks, in one transaction. Replicas starting together take turns (a
 * transaction-scoped advisory lock), so each migration runs once.
 */
export async function migratePostgres(
  pool: PgPool,
  component: string,
  migrations: readonly Migration[],
): Promise<MigrationResult> {
  const latest = checked(migrations);
  return inPgTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('enplan schema migrations'))");
    await client.query(VERSIONS_TABLE);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_versions WHERE component = $1', [
      component,
    ]);
    const current = rows[0]?.version ?? 0;
    if (current > latest) throw new SchemaTooNewError(component, current, latest);
    for (const migration of migrations.slice(current)) await client.query(migration.sql);
    await client.query(
      'INSERT INTO schema_versions VALUES ($1, $2) ON CONFLICT (component) DO UPDATE SET version = excluded.version',
      [component, latest],
    );
    return { previous: current, current: latest };
  });
}
