import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openPostgres, PERSONAS, REPO_ROOT, silentLogger, type AccessLogInput, type DatabaseLocation } from '@enplan/lib';
import { AccessLog } from '@enplan/subgraph-consent/src/AccessLog';
import { CheckpointSigner, DEV_CHECKPOINT_KEY } from '@enplan/subgraph-consent/src/checkpointSigner';
import { openConsentDatabase } from '@enplan/subgraph-consent/src/openConsentDatabase';
import { PostgresServer } from './postgresServer';

const read: AccessLogInput = {
  actorId: 'cw-emp-1',
  actorName: 'Anna',
  actorDepartment: 'EMPLOYMENT',
  cpr: PERSONAS.peter.cpr,
  ownerDepartment: 'SOCIAL',
  categories: ['CASE'],
  purpose: 'ONE_PLAN',
  decision: 'DISCLOSED',
  consentId: 'CON-000001',
  operationName: 'AnnaReadsPeter',
  reason: 'permit',
};

/** `npm run verify-log -- <target>`, as an auditor runs it (the compiled CLI, its own process). */
const verifyLog = (target: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['subgraphs/consent/dist/cli/verifyAccessLog.js', target], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

async function writeTenEntries(location: DatabaseLocation): Promise<void> {
  const database = await openConsentDatabase(location, silentLogger);
  const log = new AccessLog(database.accessLog, { now: Date.now, signer: new CheckpointSigner(DEV_CHECKPOINT_KEY) });
  for (let i = 0; i < 10; i++) await log.append([read]);
  await database.close();
}

describe('npm run verify-log names the deletion of the newest access-log rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enplan-verify-'));
  let postgres: PostgresServer;
  beforeAll(async () => {
    postgres = await PostgresServer.start();
  });
  afterAll(async () => {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on SQLite', async () => {
    const file = join(dir, 'consent.sqlite');
    await writeTenEntries({ kind: 'sqlite', file });
    expect(verifyLog(file).stdout).toBe('access log intact: 10 entries\n');
    const db = new DatabaseSync(file);
    db.exec('DELETE FROM access_log WHERE sequence > 7');
    db.close();
    const broken = verifyLog(file);
    expect([broken.status, broken.stdout]).toEqual([
      1,
      'access log BROKEN at entry 8: the newest entries 8 to 10 were deleted (the signed head checkpoint names 10)\n',
    ]);
  });

  it('on PostgreSQL', async () => {
    const url = await postgres.createDatabase('verify');
    await writeTenEntries({ kind: 'postgres', url });
    expect(verifyLog(url).stdout).toBe('access log intact: 10 entries\n');
    const pool = openPostgres(url, { max: 1 });
    await pool.query('DELETE FROM access_log WHERE sequence = 10');
    await pool.end();
    const broken = verifyLog(url);
    expect([broken.status, broken.stdout]).toEqual([
      1,
      'access log BROKEN at entry 10: the newest entry 10 was deleted (the signed head checkpoint names 10)\n',
    ]);
  });

  it('on SQLite, reads a file as the release before left it (schema 4), and names a by-citizen index someone dropped', async () => {
    const file = join(dir, 'before.sqlite');
    await writeTenEntries({ kind: 'sqlite', file });
    const db = new DatabaseSync(file);
    db.exec(`CREATE INDEX access_log_by_cpr ON access_log(cpr, sequence DESC);
      DROP TABLE access_log_by_citizen; DROP TABLE access_log_by_citizen_through;
      UPDATE schema_versions SET version = 4 WHERE component = 'consent'`);
    expect(verifyLog(file).stdout).toBe('access log intact: 10 entries\n');
    db.exec("UPDATE schema_versions SET version = 5 WHERE component = 'consent'");
    db.close();
    const broken = verifyLog(file);
    expect([broken.status, broken.stdout]).toEqual([
      1,
      "access log BROKEN at entry 1: the by-citizen index is missing: no citizen's own log would show the entries\n",
    ]);
  });

  it('refuses to vouch for a log without the key it was signed with', async () => {
    const file = join(dir, 'other.sqlite');
    await writeTenEntries({ kind: 'sqlite', file });
    const wrongKey = verifyLog(file, { ACCESS_LOG_CHECKPOINT_KEY: 'not the key the consent service signed with, 32+' });
    expect([wrongKey.status, wrongKey.stdout]).toEqual([
      1,
      'access log BROKEN at entry 10: the head checkpoint is not validly signed\n',
    ]);
  });
});
