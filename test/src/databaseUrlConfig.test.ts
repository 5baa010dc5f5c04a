import { spawnSync } from 'node:child_process';
import { openPostgres, REPO_ROOT } from '@enplan/lib';
import { POSTGRES_MIGRATIONS } from '@enplan/subgraph-plan/src/schema';
import { PostgresServer } from './postgresServer';

/** Starts a compiled subgraph with `env` and returns how it ended (a misconfigured one never listens). */
const start = (subgraph: string, env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [`subgraphs/${subgraph}/dist/index.js`], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, PORT: '0', DATA_DIR: '/nonexistent-enplan', ...env },
  });

describe('DATABASE_URL at start-up', () => {
  it.each(['consent', 'plan'])('the %s subgraph refuses a URL that is not PostgreSQL, naming the variable', (subgraph) => {
    const result = start(subgraph, { DATABASE_URL: 'mysql://db/enplan' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
  });

  it('the plan subgraph refuses to start on a database a newer release has migrated, and says why', async () => {
    const postgres = await PostgresServer.start();
    try {
      const url = await postgres.createDatabase('newer');
      const pool = openPostgres(url, { max: 1 });
      await pool.query('CREATE TABLE schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
      await pool.query("INSERT INTO schema_versions VALUES ('plan', 99)");
      await pool.end();
      const result = start('plan', { DATABASE_URL: url, METRICS_PORT: '0' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `the plan schema in this database is at version 99, newer than this release knows (${POSTGRES_MIGRATIONS.length})`,
      );
    } finally {
      await postgres.stop();
    }
  });

  it('a department subgraph that keeps its data in SQLite refuses DATABASE_URL rather than ignore it', () => {
    const result = start('employment', { DATABASE_URL: 'postgres://db/enplan' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'DATABASE_URL is not supported by the employment subgraph: it keeps its data in DATABASE_FILE',
    );
  });
});
