import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { migrateSqlite, openDatabase, PERSONAS, type Logger } from '@enplan/lib';
import { toRow } from '@enplan/subgraph-consent/src/ConsentStore';
import { openConsentDatabase, type ConsentDatabase } from '@enplan/subgraph-consent/src/openConsentDatabase';
import { CONSENT_CHANGES_TRIGGERS, CONSENT_SCHEMA, SQLITE_MIGRATIONS } from '@enplan/subgraph-consent/src/schema';
import { consentSeed } from '@enplan/subgraph-consent/src/seed';

const { peter, mette, lars } = PERSONAS;
const NOW = Date.parse('2026-12-01T08:00:00.000Z');

/**
 * The SQLite consent file journals every consent change (migration 4) and the consent service
 * announces the journal (SqliteConsentChangeWatcher): what it promises beyond the store suite that
 * runs on both backends (consentStorage.test.ts).
 */
describe('the consent change journal on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enplan-journal-'));
  let files = 0;
  let file: string;
  let database: ConsentDatabase | undefined;
  let other: DatabaseSync;
  const logged: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (message, fields) => logged.push({ level: 'info', message, fields }),
    warn: (message, fields) => logged.push({ level: 'warn', message, fields }),
    error: (message, fields) => logged.push({ level: 'error', message, fields }),
  };

  /** Another connection to the same file, as the sqlite3 shell or an import would open it. */
  const journalRows = () => (other.prepare('SELECT count(*) AS n FROM consent_changes').get() as { n: number }).n;
  const heardBy = (db: ConsentDatabase) => {
    const heard: string[] = [];
    db.changes.subscribe({ change: (cpr) => heard.push(cpr), lost: () => undefined });
    return heard;
  };
  /** Polls (it does not sleep a fixed time) until `ok`, at most 5 s. */
  const until = async (ok: () => boolean) => {
    const deadline = Date.now() + 5_000;
    while (!ok() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return ok();
  };

  beforeEach(() => {
    file = join(dir, `consent-${++files}.sqlite`);
    logged.length = 0;
  });
  afterEach(async () => {
    other?.close();
    await database?.close();
    database = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function openSeeded(synthetic = 0): Promise<ConsentDatabase> {
    database = await openConsentDatabase({ kind: 'sqlite', file }, logger);
    await database.store.seed(consentSeed(NOW, synthetic));
    other = new DatabaseSync(file, { timeout: 5_000 });
    return database;
  }

  it('a file from the release before (schema 3) is migrated at start-up, keeps its consents, and then announces direct changes', async () => {
    const before = openDatabase(file);
    expect(migrateSqlite(before, CONSENT_SCHEMA, SQLITE_MIGRATIONS.slice(0, 3))).toEqual({ previous: 0, current: 3 });
    const insert = before.prepare(
      `INSERT INTO consents VALUES (@id, @cpr, @grantor_cpr, @grantor_capacity, @purpose, @valid_from, @valid_until,
        @provisions, @evidence_method, @recorded_by, @recorded_at, @document_ref, @withdrawn_at, @withdrawn_by,
        @supersedes, @superseded_by)`,
    );
    // The rows carry the columns later migrations add: a schema-3 table takes what it has.
    (insert as unknown as StatementSync).setAllowUnknownNamedParameters(true);
    for (const consent of consentSeed(NOW, 0)) insert.run(toRow(consent));
    before.close();

    database = await openConsentDatabase({ kind: 'sqlite', file }, logger);
    other = new DatabaseSync(file, { timeout: 5_000 });
    expect(other.prepare("SELECT version FROM schema_versions WHERE component = 'consent'").get()).toEqual({
      version: SQLITE_MIGRATIONS.length,
    });
    expect((await database.store.consentsOf(peter.cpr)).map((c) => c.id)).toEqual(['CON-000001']);
    const heard = heardBy(database);
    other.exec("UPDATE consents SET withdrawn_at = 1, withdrawn_by = 'import' WHERE id = 'CON-000001'");
    expect(await until(() => heard.length > 0)).toBe(true);
    expect(heard).toEqual([peter.cpr]);
  });

  it('the release before (schema 3) refuses a file this release migrated (a downgrade is not supported)', async () => {
    await (await openSeeded()).close();
    database = undefined;
    const db = openDatabase(file);
    try {
      expect(() => migrateSqlite(db, CONSENT_SCHEMA, SQLITE_MIGRATIONS.slice(0, 3))).toThrow(
        `the consent schema in this database is at version ${SQLITE_MIGRATIONS.length}, newer than this release knows (3)`,
      );
    } finally {
      db.close();
    }
  });

  it("announces this process's own change before the write returns (no wait for a poll), and the seed not at all", async () => {
    const db = await openSeeded(1_000);
    expect(journalRows()).toBe(0); // the seed of 1,005 consents left nothing to announce
    const heard = heardBy(db);
    await db.store.withdraw('CON-000001', NOW, peter.cpr, null);
    expect(heard).toEqual([peter.cpr]);
    expect(journalRows()).toBe(0); // announced, then deleted
  });

  it('keeps the journal small: 200 direct changes are all announced, each once, and the journal is emptied', async () => {
    const db = await openSeeded(200);
    const heard = heardBy(db);
    const withdraw = other.prepare("UPDATE consents SET withdrawn_at = 1, withdrawn_by = 'import' WHERE id = ?");
    for (let i = 0; i < 200; i++) withdraw.run(`CON-${String(1000 + i).padStart(6, '0')}`);
    expect(await until(() => heard.length >= 200)).toBe(true);
    const synthetic = [...consentSeed(NOW, 200)].slice(5).map((c) => c.cpr);
    expect(heard).toEqual(synthetic);
    expect(await until(() => journalRows() === 0)).toBe(true);
  });

  describe('fails closed', () => {
    const lostAndBack = async (db: ConsentDatabase, breakIt: string, mendIt: string) => {
      let lost = 0;
      db.changes.subscribe({ change: () => undefined, lost: () => (lost += 1) });
      expect(db.changes.available).toBe(true);
      other.exec(breakIt);
      expect(await until(() => !db.changes.available)).toBe(true);
      expect(lost).toBe(1);
      other.exec(mendIt);
      expect(await until(() => db.changes.available)).toBe(true);
    };

    it('a service started on a file whose trigger was dropped serves, but announces that its changes are unavailable', async () => {
      await (await openSeeded()).close();
      other.exec('DROP TRIGGER consents_journal_delete');
      database = await openConsentDatabase({ kind: 'sqlite', file }, logger);
      expect(database.changes.available).toBe(false);
      expect((await database.store.consentsOf(peter.cpr)).map((c) => c.id)).toEqual(['CON-000001']);
      expect(logged.find((l) => l.level === 'error')?.fields).toEqual({
        reason: 'the trigger consents_journal_delete on consents is missing',
      });
    });

    it('a dropped trigger: changes unavailable (subscribers told) until it is back as it was', async () => {
      const db = await openSeeded();
      await lostAndBack(db, 'DROP TRIGGER consents_journal_update', `${CONSENT_CHANGES_TRIGGERS.consents_journal_update};`);
      expect(logged.filter((l) => l.level === 'error')).toEqual([
        {
          level: 'error',
          message: 'consent changes: cannot watch the consent file; subscribers told not to trust their caches',
          fields: { reason: 'the trigger consents_journal_update on consents is missing' },
        },
      ]);
      expect(logged.at(-1)?.message).toBe('consent changes: watching the consent file again');
    });

    it('a trigger replaced by one that journals nothing: unavailable until the real one is back', async () => {
      const db = await openSeeded();
      const heard = heardBy(db);
      await lostAndBack(
        db,
        `DROP TRIGGER consents_journal_update;
         CREATE TRIGGER consents_journal_update AFTER UPDATE ON consents BEGIN SELECT 1; END;
         UPDATE consents SET withdrawn_at = 1 WHERE id = 'CON-000002';`,
        `DROP TRIGGER consents_journal_update; ${CONSENT_CHANGES_TRIGGERS.consents_journal_update};`,
      );
      expect(heard).toEqual([]); // never journaled: only the lost feed (the gateways empty their caches) covers it
      expect(logged.find((l) => l.level === 'error')?.fields).toEqual({
        reason: 'the trigger consents_journal_update on consents was altered',
      });
    });

    it('the journal renamed away: unavailable; renamed back: available, and what was journaled meanwhile is announced', async () => {
      const db = await openSeeded();
      const heard = heardBy(db);
      await lostAndBack(
        db,
        `ALTER TABLE consent_changes RENAME TO consent_changes_away;
         UPDATE consents SET withdrawn_at = 1 WHERE id = 'CON-000005';`,
        'ALTER TABLE consent_changes_away RENAME TO consent_changes',
      );
      expect(await until(() => heard.length > 0)).toBe(true);
      expect(heard).toEqual([lars.cpr]);
      other.exec("UPDATE consents SET withdrawn_at = 1 WHERE id = 'CON-000002'");
      expect(await until(() => heard.length > 1)).toBe(true);
      expect(heard).toEqual([lars.cpr, mette.cpr]);
    });
  });
});
