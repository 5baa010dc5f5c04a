import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '@enplan/lib';

/** Starts a compiled subgraph with `env` and returns how it ended (a misconfigured one never listens). */
const start = (subgraph: string, env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [`subgraphs/${subgraph}/dist/index.js`], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, PORT: '0', DATA_DIR: '/nonexistent-enplan', ...env },
  });

describe('DATABASE_URL at start-up', () => {
  it('the consent service refuses a URL that is not PostgreSQL, naming the variable', () => {
    const result = start('consent', { DATABASE_URL: 'mysql://db/enplan' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
  });

  it('a department subgraph that keeps its data in SQLite refuses DATABASE_URL rather than ignore it', () => {
    const result = start('employment', { DATABASE_URL: 'postgres://db/enplan' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'DATABASE_URL is not supported by the employment subgraph: it keeps its data in DATABASE_FILE',
    );
  });
});
