import { spawnSync } from 'node:child_process';
import {
  migratePostgres,
  migrateSqlite,
  openDatabase,
  openPostgres,
  PERSONAS,
  REPO_ROOT,
  silentLogger,
  type AccessLogInput,
  type DatabaseLocation,
  type Department,
} from '@enplan/lib';
import { AccessLog } from '@enplan/subgraph-consent/src/AccessLog';
import type { AccessLogBackend } from '@enplan/subgraph-consent/src/accessLogBackend';
import { CheckpointSigner, DEV_CHECKPOINT_KEY } from '@enplan/subgraph-consent/src/checkpointSigner';
import { openConsentDatabase, type ConsentDatabase } from '@enplan/subgraph-consent/src/openConsentDatabase';
import { PgAccessLogBackend } from '@enplan/subgraph-consent/src/PgAccessLogBackend';
import { CONSENT_SCHEMA, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '@enplan/subgraph-consent/src/schema';
import { SqliteAccessLogBackend } from '@enplan/subgraph-consent/src/SqliteAccessLogBackend';
import { StorageBackends } from './storageBackends';

const { peter, mette } = PERSONAS;
const DAY = 86_400_000;
const signer = new CheckpointSigner(DEV_CHECKPOINT_KEY);

const backends = new StorageBackends('volume');
afterAll(() => backends.cleanUp());

/** Anna (employment) reads a citizen's data held by `department`. */
const annaReads = (cpr: string, department: Department, i: number): AccessLogInput => ({
  actorId: 'cw-emp-1',
  actorName: 'Anna',
  actorDepartment: 'EMPLOYMENT',
  cpr,
  ownerDepartment: department,
  categories: ['CASE'],
  purpose: 'ONE_PLAN',
  decision: i % 4 === 0 ? 'DENIED' : 'DISCLOSED',
  consentId: 'CON-000001',
  operationName: `Read${i}`,
  reason: 'test',
});

/** `npm run verify-log -- [--incremental] <target>`, the compiled CLI in its own process (build first). */
const verifyLog = (...args: string[]) =>
  spawnSync(process.execPath, ['subgraphs/consent/dist/cli/verifyAccessLog.js', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });

const target = (location: DatabaseLocation) => (location.kind === 'sqlite' ? location.file : location.url);

describe.each(backends.list)('the access log at volume, on $name', (backend) => {
  let now: number;
  let database: ConsentDatabase | undefined;
  let location: DatabaseLocation;
  let sql: Awaited<ReturnType<typeof backend.create>>['sql'];
  const logOf = (accessLog: AccessLogBackend, pruneBatch?: number) =>
    new AccessLog(accessLog, { now: () => now, signer, ...(pruneBatch && { pruneBatch }) });

  beforeEach(async () => {
    now = Date.parse('2025-01-01T08:00:00.000Z');
    ({ location, sql } = await backend.create());
  });
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it("the migration from today's schema keeps every entry, and the whole chain verifies after it", async () => {
    // The schema as the release before this one left it, written through that release's append path.
    const before = await logWrittenBeforeTheMigration(
      location,
      () => now,
      async (log) => {
        for (let i = 0; i < 30; i++) {
          await log.append([annaReads(i % 2 ? mette.cpr : peter.cpr, i % 3 ? 'SOCIAL' : 'HEALTH', i)]);
          now += DAY;
        }
      },
    );
    expect(before).toBe(30);

    database = await openConsentDatabase(location, silentLogger);
    const log = logOf(database.accessLog);
    expect(await log.verify()).toEqual({ ok: true, entries: 30 });
    // Peter's entries are the even ones; HEALTH holds every third.
    const peters = await log.entriesOf(peter.cpr, { first: 100 });
    expect(peters.map((e) => e.sequence)).toEqual([29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1]);
    expect((await log.entriesOf(peter.cpr, { first: 100, department: 'HEALTH' })).map((e) => e.sequence)).toEqual([
      25, 19, 13, 7, 1,
    ]);
    await log.append([annaReads(peter.cpr, 'HEALTH', 30)]);
    expect(verifyLog(target(location)).stdout).toBe('access log intact: 31 entries\n');
  });

  it("a citizen's log is paged newest first from where the page before ended, and by department", async () => {
    database = await openConsentDatabase(location, silentLogger);
    const log = logOf(database.accessLog);
    await log.append(
      Array.from({ length: 40 }, (_, i) => annaReads(i % 2 ? mette.cpr : peter.cpr, i % 4 < 2 ? 'SOCIAL' : 'HEALTH', i)),
    );
    const page = async (before?: number, department?: Department) =>
      (await log.entriesOf(peter.cpr, { first: 5, ...(before && { before }), ...(department && { department }) })).map(
        (e) => e.sequence,
      );
    expect(await page()).toEqual([39, 37, 35, 33, 31]);
    expect(await page(31)).toEqual([29, 27, 25, 23, 21]);
    expect(await page(3)).toEqual([1]);
    expect(await page(1)).toEqual([]);
    expect(await page(undefined, 'HEALTH')).toEqual([39, 35, 31, 27, 23]);
    expect(await page(23, 'HEALTH')).toEqual([19, 15, 11, 7, 3]);
    expect(await page(undefined, 'EMPLOYMENT')).toEqual([]);
    expect(new Set((await log.entriesOf(peter.cpr, { first: 100 })).map((e) => e.cpr))).toEqual(new Set([peter.cpr]));
  });

  it('retention deletes in small batches past a verified checkpoint; full, incremental and verify-log still pass', async () => {
    database = await openConsentDatabase(location, silentLogger);
    const log = logOf(database.accessLog, 3);
    // One entry a day for 20 days, then verified; 10 more days later: entries 1–30.
    for (let i = 0; i < 30; i++) {
      await log.append([annaReads(peter.cpr, 'SOCIAL', i)]);
      if (i === 19) expect(await log.verifyAndRecord()).toEqual({ ok: true, entries: 20 });
      now += DAY;
    }
    // Day 30: a retention of 5 days keeps days 25 to 29, the entries 26 to 30; the cut lies past the verified checkpoint (20).
    expect(await log.prune(5 * DAY)).toBe(25);
    expect(await log.prune(5 * DAY)).toBe(0);
    expect(await log.verify()).toEqual({ ok: true, entries: 5 });
    expect(await log.verify({ incremental: true })).toEqual({ ok: true, entries: 5 });
    expect((await log.entriesOf(peter.cpr, { first: 100 })).map((e) => e.sequence)).toEqual([30, 29, 28, 27, 26]);
    const verified = verifyLog(target(location));
    expect([verified.status, verified.stdout]).toEqual([0, 'access log intact: 5 entries\n']);
    expect(verified.stderr).toMatch(/^verified 5 of 5 entries \(\d+\/s\)\n$/);

    // The cut is signed: deleting the first row that remains is found, as before retention existed.
    const db = sql();
    await db.exec('DELETE FROM access_log WHERE sequence = 26');
    await db.close();
    expect(await log.verify()).toEqual({ ok: false, entries: 1, brokenAt: 27, problem: 'entry 26 is missing' });
  });

  it('an append made while retention runs is committed before the cut is done', async () => {
    database = await openConsentDatabase(location, silentLogger);
    // One entry per batch: nineteen transactions, so on PostgreSQL too the append has many turns to go between them.
    const log = logOf(database.accessLog, 1);
    for (let i = 0; i < 20; i++) {
      await log.append([annaReads(peter.cpr, 'SOCIAL', i)]);
      now += DAY;
    }
    const finished: string[] = [];
    await Promise.all([
      log.prune(DAY).then(() => finished.push('retention')),
      log.append([annaReads(mette.cpr, 'HEALTH', 20)]).then(() => finished.push('append')),
    ]);
    expect(finished).toEqual(['append', 'retention']);
    expect(await log.verify()).toEqual({ ok: true, entries: 2 });
  });

  it('incremental verification walks only what came after the last verified checkpoint, and finds a row edited there', async () => {
    database = await openConsentDatabase(location, silentLogger);
    const log = logOf(database.accessLog);
    for (let i = 0; i < 10; i++) await log.append([annaReads(peter.cpr, 'SOCIAL', i)]);
    expect(verifyLog('--incremental', target(location)).stdout).toBe(
      'access log intact: 10 entries since the last verified checkpoint\n',
    );
    for (let i = 10; i < 15; i++) await log.append([annaReads(peter.cpr, 'SOCIAL', i)]);
    expect(await log.verify({ incremental: true })).toEqual({ ok: true, entries: 5 });

    const db = sql();
    await db.exec("UPDATE access_log SET decision = 'DISCLOSED' WHERE sequence = 13");
    expect(await log.verify({ incremental: true })).toEqual({
      ok: false,
      entries: 3,
      brokenAt: 13,
      problem: 'content was changed after it was written',
    });
    const broken = verifyLog('--incremental', target(location));
    expect([broken.status, broken.stdout]).toEqual([
      1,
      'access log BROKEN at entry 13: content was changed after it was written\n',
    ]);

    // Before the checkpoint, an edit is the full verification's to find.
    await db.exec(
      "UPDATE access_log SET decision = 'DENIED' WHERE sequence = 13; UPDATE access_log SET decision = 'DISCLOSED' WHERE sequence = 5",
    );
    await db.close();
    expect(await log.verify({ incremental: true })).toEqual({ ok: true, entries: 5 });
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 5, problem: 'content was changed after it was written' });
  });

  it('incremental verification reads page after page (2,000 entries each) and finds a row edited on the third', async () => {
    database = await openConsentDatabase(location, silentLogger);
    const log = logOf(database.accessLog);
    await log.append([annaReads(peter.cpr, 'SOCIAL', 0)]);
    expect(await log.verifyAndRecord()).toEqual({ ok: true, entries: 1 });
    for (let from = 1; from <= 4_500; from += 500)
      await log.append(
        Array.from({ length: 500 }, (_, i) => annaReads(from % 1_000 ? peter.cpr : mette.cpr, 'SOCIAL', from + i)),
      );
    expect(await log.verify({ incremental: true })).toEqual({ ok: true, entries: 4_500 });

    const db = sql();
    await db.exec("UPDATE access_log SET reason = 'edited' WHERE sequence = 4321");
    expect(await log.verify({ incremental: true })).toEqual({
      ok: false,
      entries: 4_320,
      brokenAt: 4_321,
      problem: 'content was changed after it was written',
    });
    await db.exec("UPDATE access_log SET reason = 'test' WHERE sequence = 4321");
    await db.close();
    expect(await log.verify()).toEqual({ ok: true, entries: 4_501 });
  });

  it('a verified checkpoint rewritten without the key is refused', async () => {
    database = await openConsentDatabase(location, silentLogger);
    const log = logOf(database.accessLog);
    for (let i = 0; i < 6; i++) await log.append([annaReads(peter.cpr, 'SOCIAL', i)]);
    expect(await log.verifyAndRecord()).toEqual({ ok: true, entries: 6 });
    await log.append([annaReads(peter.cpr, 'SOCIAL', 6)]);
    // Moved to the head, so that an edit before it would go unwalked.
    const db = sql();
    await db.exec("UPDATE access_log_checkpoints SET sequence = 7 WHERE kind = 'verified'");
    await db.close();
    expect(await log.verify({ incremental: true })).toEqual({
      ok: false,
      entries: 0,
      brokenAt: 7,
      problem: 'the verified checkpoint is not validly signed',
    });
  });
});

/**
 * A log in the schema of the release before this one (SQLite 6, PostgreSQL 4), appended to by
 * `write`; returns its row count.
 */
async function logWrittenBeforeTheMigration(
  location: DatabaseLocation,
  now: () => number,
  write: (log: AccessLog) => Promise<void>,
): Promise<number> {
  const options = { now, signer };
  if (location.kind === 'sqlite') {
    const db = openDatabase(location.file);
    try {
      migrateSqlite(db, CONSENT_SCHEMA, SQLITE_MIGRATIONS.slice(0, 6));
      await write(new AccessLog(new SqliteAccessLogBackend(db, location.file), options));
      return (db.prepare('SELECT count(*) AS n FROM access_log').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const pool = openPostgres(location.url, { max: 2 });
  try {
    await migratePostgres(pool, CONSENT_SCHEMA, POSTGRES_MIGRATIONS.slice(0, 4));
    await write(new AccessLog(new PgAccessLogBackend(pool), options));
    return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM access_log')).rows[0]?.n);
  } finally {
    await pool.end();
  }
}
