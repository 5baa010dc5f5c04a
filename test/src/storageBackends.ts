import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openPostgres, type DatabaseLocation } from '@enplan/lib';
import { PostgresServer } from './postgresServer';

/** Plain SQL against either backend, as an operator (or an attacker with database access) would write it. */
export interface Sql {
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface Backend {
  name: string;
  /** A new, empty database. */
  create(): Promise<{ location: DatabaseLocation; sql: () => Sql }>;
}

/**
 * The two backends a store's one test suite runs against: SQLite files in a temporary folder, and a
 * real PostgreSQL (Debian's), started when first needed. `cleanUp` once the file's tests are done.
 */
export class StorageBackends {
  readonly dir: string;
  readonly list: Backend[];
  private files = 0;
  private server: PostgresServer | undefined;

  constructor(prefix: string) {
    this.dir = mkdtempSync(join(tmpdir(), `enplan-${prefix}-storage-`));
    this.list = [
      {
        name: 'SQLite',
        create: async () => {
          const file = join(this.dir, `${prefix}-${++this.files}.sqlite`);
          return {
            location: { kind: 'sqlite', file },
            sql: () => {
              const db = new DatabaseSync(file);
              return { exec: async (sql) => void db.exec(sql), close: async () => db.close() };
            },
          };
        },
      },
      {
        name: 'PostgreSQL',
        create: async () => {
          const url = await (await this.postgres()).createDatabase(prefix);
          return {
            location: { kind: 'postgres', url },
            sql: () => {
              const pool = openPostgres(url, { max: 1 });
              return { exec: async (sql) => void (await pool.query(sql)), close: () => pool.end() };
            },
          };
        },
      },
    ];
  }

  /** The PostgreSQL server, started on first use. */
  async postgres(): Promise<PostgresServer> {
    this.server ??= await PostgresServer.start();
    return this.server;
  }

  async cleanUp(): Promise<void> {
    await this.server?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
