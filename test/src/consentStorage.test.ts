import { PERSONAS, silentLogger, type AccessLogInput, type DatabaseLocation } from '@enplan/lib';
import { AccessLog } from '@enplan/subgraph-consent/src/AccessLog';
import type { AccessLogBackend } from '@enplan/subgraph-consent/src/accessLogBackend';
import { CheckpointSigner } from '@enplan/subgraph-consent/src/checkpointSigner';
import { openConsentDatabase, type ConsentDatabase } from '@enplan/subgraph-consent/src/openConsentDatabase';
import { consentSeed } from '@enplan/subgraph-consent/src/seed';
import { StorageBackends, type Sql } from './storageBackends';

const { peter, mette, jonas, lars } = PERSONAS;
const DAY = 86_400_000;

const backends = new StorageBackends('storage');
const BACKENDS = backends.list;
afterAll(() => backends.cleanUp());

const annaRead = (cpr: string, i = 0): AccessLogInput => ({
  actorId: 'cw-emp-1',
  actorName: 'Anna',
  actorDepartment: 'EMPLOYMENT',
  cpr,
  ownerDepartment: 'SOCIAL',
  categories: ['CASE', 'PLAN'],
  purpose: 'ONE_PLAN',
  decision: i % 3 === 0 ? 'DENIED' : 'DISCLOSED',
  consentId: 'CON-000001',
  operationName: `Read${i}`,
  reason: 'test',
});

/** What a database announces, in order; `count(n)` resolves once n citizens were announced (the test's timeout bounds the wait). */
function announcements(database: ConsentDatabase): { count(n: number): Promise<string[]> } {
  const heard: string[] = [];
  const waiters = new Set<() => void>();
  database.changes.subscribe({
    change: (cpr) => {
      heard.push(cpr);
      for (const wake of waiters) wake();
    },
    lost: () => undefined,
  });
  return {
    count: (n) =>
      new Promise((resolve) => {
        const wake = () => {
          if (heard.length < n) return;
          waiters.delete(wake);
          resolve([...heard]);
        };
        waiters.add(wake);
        wake();
      }),
  };
}

/** Counts the transactions that extend the chain (the real backend does the work). */
function counting(backend: AccessLogBackend): AccessLogBackend & { transactions: number } {
  const counted = Object.create(backend) as AccessLogBackend & { transactions: number };
  counted.transactions = 0;
  counted.extendChain = (extend) => {
    counted.transactions += 1;
    return backend.extendChain(extend);
  };
  return counted;
}

describe.each(BACKENDS)('the consent store on $name', (backend) => {
  let database: ConsentDatabase;
  let sql: () => Sql;
  let location: DatabaseLocation;
  let now = Date.parse('2026-12-01T08:00:00.000Z');
  const clock = () => now;
  const signer = new CheckpointSigner('a checkpoint key for the storage tests, 32+ chars');
  const open = () => openConsentDatabase(location, silentLogger);
  const logOf = (db: ConsentDatabase, backendOverride?: AccessLogBackend) =>
    new AccessLog(backendOverride ?? db.accessLog, { now: clock, signer });

  beforeEach(async () => {
    ({ location, sql } = await backend.create());
    database = await open();
    await database.store.seed(consentSeed(now, 0));
  });
  afterEach(() => database.close());

  describe('schema migrations', () => {
    it('opens the same database again without changing it, and seeds only once', async () => {
      await database.close();
      database = await open();
      await database.store.seed(consentSeed(now, 0));
      expect((await database.store.consentsOf(peter.cpr)).map((c) => c.id)).toEqual(['CON-000001']);
    });

    it('refuses to start on a database migrated by a newer release', async () => {
      await database.close();
      const db = sql();
      await db.exec("UPDATE schema_versions SET version = 99 WHERE component = 'consent'");
      await db.close();
      await expect(open()).rejects.toThrow(/the consent schema in this database is at version 99, newer than this release knows/);
      database = { close: async () => undefined } as ConsentDatabase;
    });
  });

  describe('consents', () => {
    it("reads many citizens' consents at once, each citizen's newest first", async () => {
      const many = await database.store.consentsOfMany([peter.cpr, mette.cpr, jonas.cpr, peter.cpr]);
      expect([...many].map(([cpr, consents]) => [cpr, consents.map((c) => c.id)])).toEqual([
        [peter.cpr, ['CON-000001']],
        [mette.cpr, ['CON-000002']],
        [jonas.cpr, []],
      ]);
    });

    it('a new consent that supersedes an old one marks it, in the same transaction; a withdrawal happens once', async () => {
      const [old] = await database.store.consentsOf(mette.cpr);
      await database.store.insert({
        ...old!,
        id: 'CON-NEW',
        supersedes: old!.id,
        evidence: { ...old!.evidence, recordedAt: now + 1 },
      });
      expect((await database.store.byId(old!.id))?.supersededBy).toBe('CON-NEW');
      expect(await database.store.withdraw('CON-NEW', now, mette.cpr)).toBe(true);
      expect(await database.store.withdraw('CON-NEW', now + 5, mette.cpr)).toBe(false);
      expect(await database.store.byId('CON-NEW')).toMatchObject({ withdrawnAt: now, withdrawnBy: mette.cpr });
    });

    it('announces every change it makes, once: a withdrawal names the citizen, a superseding consent too', async () => {
      const announced = announcements(database);
      await database.store.withdraw('CON-000001', now, peter.cpr);
      await announced.count(1);
      const [old] = await database.store.consentsOf(mette.cpr);
      await database.store.insert({ ...old!, id: 'CON-NEW', supersedes: old!.id });
      await announced.count(2);
      await database.store.withdraw('CON-000005', now, lars.cpr); // the last one: anything repeated before it shows
      expect(await announced.count(3)).toEqual([peter.cpr, mette.cpr, lars.cpr]);
    });

    it('announces a change made by plain SQL on another connection (UPDATE, DELETE, INSERT), once each', async () => {
      const announced = announcements(database);
      const db = sql();
      await db.exec("UPDATE consents SET withdrawn_at = 1, withdrawn_by = 'import' WHERE id = 'CON-000001'");
      await announced.count(1);
      await db.exec("DELETE FROM consents WHERE id = 'CON-000002'");
      await announced.count(2);
      await db.exec(`INSERT INTO consents SELECT 'CON-JONAS', '${jonas.cpr}', '${jonas.cpr}', grantor_capacity, purpose, valid_from,
        valid_until, provisions, evidence_method, recorded_by, recorded_at, document_ref, NULL, NULL, NULL, NULL
        FROM consents WHERE id = 'CON-000001'`);
      await announced.count(3);
      await db.exec("UPDATE consents SET withdrawn_at = 1, withdrawn_by = 'import' WHERE id = 'CON-000005'");
      await db.close();
      expect(await announced.count(4)).toEqual([peter.cpr, mette.cpr, jonas.cpr, lars.cpr]);
    });
  });

  describe('the access log', () => {
    it('coalesces concurrent appends into one transaction, and every caller waits for the commit', async () => {
      const observed = counting(database.accessLog);
      const log = logOf(database, observed);
      await Promise.all(Array.from({ length: 100 }, (_, i) => log.append([annaRead(peter.cpr, i), annaRead(mette.cpr, i)])));
      expect(observed.transactions).toBe(1);
      expect(await log.verify()).toEqual({ ok: true, entries: 200 });
      expect((await log.entriesOf(peter.cpr, 1))[0]).toMatchObject({ sequence: 199, cpr: peter.cpr, operationName: 'Read99' });
    });

    it('when the write fails, every coalesced caller is refused and nothing is written', async () => {
      const log = logOf(database);
      await log.append([annaRead(peter.cpr)]);
      const db = sql();
      await db.exec(
        backend.name === 'SQLite'
          ? "CREATE TRIGGER refuse BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END;"
          : `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
             CREATE TRIGGER refuse BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION refuse();`,
      );
      const outcomes = await Promise.allSettled([log.append([annaRead(mette.cpr)]), log.append([annaRead(jonas.cpr)])]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      await db.exec('DROP TRIGGER refuse' + (backend.name === 'SQLite' ? '' : ' ON access_log'));
      await db.close();
      await log.append([annaRead(mette.cpr)]);
      expect(await log.verify()).toEqual({ ok: true, entries: 2 });
    });

    it('verify names the deletion of the newest rows (the signed head checkpoint remembers them)', async () => {
      const log = logOf(database);
      for (let i = 0; i < 10; i++) await log.append([annaRead(peter.cpr, i)]);
      const db = sql();
      await db.exec('DELETE FROM access_log WHERE sequence >= 9');
      await db.close();
      expect(await log.verify()).toEqual({
        ok: false,
        entries: 8,
        brokenAt: 9,
        problem: 'the newest entries 9 to 10 were deleted (the signed head checkpoint names 10)',
      });
    });

    it('verify names a head checkpoint rewritten without the key, and an edited row', async () => {
      const log = logOf(database);
      for (let i = 0; i < 5; i++) await log.append([annaRead(peter.cpr, i)]);
      const db = sql();
      await db.exec("UPDATE access_log SET decision = 'DISCLOSED' WHERE sequence = 4");
      expect(await log.verify()).toEqual({
        ok: false,
        entries: 4,
        brokenAt: 4,
        problem: 'content was changed after it was written',
      });
      await db.exec("UPDATE access_log SET decision = 'DENIED' WHERE sequence = 4");
      await db.exec(
        "DELETE FROM access_log WHERE sequence = 5; UPDATE access_log_checkpoints SET sequence = 4 WHERE kind = 'head'",
      );
      await db.close();
      expect(await log.verify()).toMatchObject({ ok: false, problem: 'the head checkpoint is not validly signed' });
    });

    it('retention deletes entries older than the period; the rest still verifies from the signed base checkpoint', async () => {
      const log = logOf(database);
      for (let i = 0; i < 6; i++) {
        await log.append([annaRead(peter.cpr, i)]);
        now += 200 * DAY;
      }
      // Entries at 0, 200, …, 1000 days; now is day 1200: a two-year retention keeps days 600 to 1000.
      expect(await log.prune(730 * DAY)).toBe(3);
      expect(await log.verify()).toEqual({ ok: true, entries: 3 });
      await log.append([annaRead(mette.cpr)]);
      expect(await log.verify()).toEqual({ ok: true, entries: 4 });
      expect(await log.prune(730 * DAY)).toBe(0);

      const db = sql();
      await db.exec('DELETE FROM access_log WHERE sequence = 4');
      await db.close();
      expect(await log.verify()).toEqual({ ok: false, entries: 1, brokenAt: 5, problem: 'entry 4 is missing' });
    });
  });
});
