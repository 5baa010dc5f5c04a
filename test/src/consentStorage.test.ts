import { DatabaseSync } from 'node:sqlite';
import {
  migrateSqlite,
  openDatabase,
  PERSONAS,
  REPRESENTATIVES,
  silentLogger,
  type AccessLogInput,
  type DatabaseLocation,
} from '@enplan/lib';
import { AccessLog } from '@enplan/subgraph-consent/src/AccessLog';
import type { AccessLogBackend } from '@enplan/subgraph-consent/src/accessLogBackend';
import { CheckpointSigner } from '@enplan/subgraph-consent/src/checkpointSigner';
import { openConsentDatabase, type ConsentDatabase } from '@enplan/subgraph-consent/src/openConsentDatabase';
import { CONSENT_SCHEMA, SQLITE_MIGRATIONS } from '@enplan/subgraph-consent/src/schema';
import { powerSeed } from '@enplan/subgraph-consent/src/representation/powerSeed';
import { consentSeed } from '@enplan/subgraph-consent/src/seed';
import { CITIZEN_INDEX_BATCH } from '@enplan/subgraph-consent/src/SqliteAccessLogBackend';
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

/**
 * What a database announces, in order; `count(n)` resolves once n citizens were announced (the
 * test's timeout bounds the wait); `sequences` are the changes' numbers, in the same order.
 */
function announcements(database: ConsentDatabase): { count(n: number): Promise<string[]>; sequences: number[] } {
  const heard: string[] = [];
  const sequences: number[] = [];
  const waiters = new Set<() => void>();
  database.changes.subscribe({
    change: (cpr, sequence) => {
      heard.push(cpr);
      sequences.push(sequence);
      for (const wake of waiters) wake();
    },
    lost: () => undefined,
  });
  return {
    sequences,
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

  describe('powers of representation', () => {
    it("stores, finds by representative, changes and revokes powers; each change numbered and announced with the citizen's consents", async () => {
      await database.powers.seed(powerSeed(now));
      await database.powers.seed(powerSeed(now)); // once only
      expect((await database.powers.powersOf(lars.cpr)).map((p) => p.id)).toEqual(['FM-000001']);
      expect((await database.powers.heldBy('PERSONAL_OMBUD', REPRESENTATIVES.ole.id)).map((p) => p.cpr)).toEqual([jonas.cpr]);
      const before = await database.powers.asOf('PERSON', REPRESENTATIVES.sara.cpr, lars.cpr);
      expect(before.powers.map((p) => p.powers)).toEqual([['READ_PLAN', 'READ_ACCESS_LOG', 'MANAGE_CONSENTS']]);
      expect((await database.powers.asOf('PERSON', REPRESENTATIVES.sara.cpr, jonas.cpr)).powers).toEqual([]);

      const announced = announcements(database);
      const old = before.powers[0]!;
      await database.powers.insert({
        ...old,
        id: 'FM-NEW',
        powers: ['READ_PLAN'],
        supersedes: old.id,
        evidence: { ...old.evidence, recordedAt: now + 1 },
      });
      expect(await database.powers.byId(old.id)).toMatchObject({ revokedAt: now + 1 });
      expect(await database.powers.revoke('FM-NEW', now + 2, 'citizen-010165')).toBe(true);
      expect(await database.powers.revoke('FM-NEW', now + 3, 'citizen-010165')).toBe(false);
      expect(await database.powers.byId('FM-NEW')).toMatchObject({ revokedAt: now + 2, revokedBy: 'citizen-010165' });
      expect(new Set(await announced.count(2))).toEqual(new Set([lars.cpr]));
      const after = await database.powers.asOf('PERSON', REPRESENTATIVES.sara.cpr, lars.cpr);
      expect(after.changeSequence).toBeGreaterThan(before.changeSequence);
    });
  });

  describe('consents', () => {
    it("reads many citizens' consents at once, each citizen's newest first", async () => {
      const { consents: many } = await database.store.consentsAsOf([peter.cpr, mette.cpr, jonas.cpr, peter.cpr]);
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
      expect(await database.store.withdraw('CON-NEW', now, mette.cpr, null)).toBe(true);
      expect(await database.store.withdraw('CON-NEW', now + 5, mette.cpr, null)).toBe(false);
      expect(await database.store.byId('CON-NEW')).toMatchObject({ withdrawnAt: now, withdrawnBy: mette.cpr });
    });

    it('keeps who acted for the citizen: the representative who gave a consent, and the one who withdrew it, with the power', async () => {
      const sara = {
        powerId: 'FM-000001',
        kind: 'PERSON' as const,
        ref: REPRESENTATIVES.sara.cpr,
        name: REPRESENTATIVES.sara.name,
        organisation: null,
        citizenName: lars.name,
      };
      const [old] = await database.store.consentsOf(lars.cpr);
      expect(old).toMatchObject({ givenByRepresentative: null, withdrawnByRepresentative: null });
      await database.store.insert({
        ...old!,
        id: 'CON-BY-SARA',
        grantor: { cpr: sara.ref, capacity: 'POWER_OF_ATTORNEY' },
        evidence: { ...old!.evidence, method: 'MITID', recordedAt: now + 1 },
        givenByRepresentative: sara,
      });
      expect(await database.store.withdraw('CON-BY-SARA', now + 2, 'sara', sara)).toBe(true);
      expect(await database.store.byId('CON-BY-SARA')).toMatchObject({
        grantor: { cpr: sara.ref, capacity: 'POWER_OF_ATTORNEY' },
        givenByRepresentative: sara,
        withdrawnAt: now + 2,
        withdrawnBy: 'sara',
        withdrawnByRepresentative: sara,
      });
      // Lars withdrawing himself records no representative.
      expect(await database.store.withdraw(old!.id, now + 3, lars.cpr, null)).toBe(true);
      expect(await database.store.byId(old!.id)).toMatchObject({ withdrawnBy: lars.cpr, withdrawnByRepresentative: null });
    });

    it('announces every change it makes, once: a withdrawal names the citizen, a superseding consent too', async () => {
      const announced = announcements(database);
      await database.store.withdraw('CON-000001', now, peter.cpr, null);
      await announced.count(1);
      const [old] = await database.store.consentsOf(mette.cpr);
      await database.store.insert({ ...old!, id: 'CON-NEW', supersedes: old!.id });
      await announced.count(2);
      await database.store.withdraw('CON-000005', now, lars.cpr, null); // the last one: anything repeated before it shows
      expect(await announced.count(3)).toEqual([peter.cpr, mette.cpr, lars.cpr]);
    });

    it('numbers every change in commit order, whatever made it, and reads consents as of the newest change', async () => {
      const announced = announcements(database);
      const before = (await database.store.consentsAsOf([peter.cpr])).changeSequence;
      await database.store.withdraw('CON-000001', now, peter.cpr, null);
      await announced.count(1);
      const db = sql();
      await db.exec("UPDATE consents SET withdrawn_at = 1, withdrawn_by = 'import' WHERE id = 'CON-000005'");
      await db.close();
      await announced.count(2);
      const [peters, lars_] = announced.sequences;
      expect(peters).toBeGreaterThan(before);
      expect(lars_).toBeGreaterThan(peters!);
      const after = await database.store.consentsAsOf([peter.cpr, jonas.cpr]);
      expect(after.changeSequence).toBe(lars_);
      expect(after.consents.get(peter.cpr)?.[0]?.withdrawnAt).toBe(now);
      // Another replica (opened after the changes: on SQLite a new one prunes the journal) reads the same number.
      const other = await open();
      try {
        expect((await other.store.consentsAsOf([jonas.cpr])).changeSequence).toBe(lars_);
      } finally {
        await other.close();
      }
    });

    it('announces a change made by plain SQL on another connection (UPDATE, DELETE, INSERT), once each', async () => {
      const announced = announcements(database);
      const db = sql();
      await db.exec("UPDATE consents SET withdrawn_at = 1, withdrawn_by = 'import' WHERE id = 'CON-000001'");
      await announced.count(1);
      await db.exec("DELETE FROM consents WHERE id = 'CON-000002'");
      await announced.count(2);
      await db.exec(`INSERT INTO consents SELECT 'CON-JONAS', '${jonas.cpr}', '${jonas.cpr}', grantor_capacity, purpose, valid_from,
        valid_until, provisions, evidence_method, recorded_by, recorded_at, document_ref, NULL, NULL, NULL, NULL, NULL, NULL
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
      expect((await log.entriesOf(peter.cpr, { first: 1 }))[0]).toMatchObject({
        sequence: 199,
        cpr: peter.cpr,
        operationName: 'Read99',
      });
    });

    it("two services on one database appending in turn each continue the other's chain", async () => {
      const other = await open();
      try {
        const logs = [logOf(database), logOf(other)];
        for (let i = 0; i < 6; i++) await logs[i % 2]!.append([annaRead(peter.cpr, i), annaRead(mette.cpr, i)]);
        expect(await logs[0]!.verify()).toEqual({ ok: true, entries: 12 });
        expect((await logs[1]!.entriesOf(peter.cpr, { first: 10 })).map((e) => e.operationName)).toEqual([
          'Read5',
          'Read4',
          'Read3',
          'Read2',
          'Read1',
          'Read0',
        ]);
      } finally {
        await other.close();
      }
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

    it('keeps what each entry records (overview, read, change) beside entries from before kinds, and an edited kind breaks the chain', async () => {
      const log = logOf(database);
      await log.append([
        annaRead(peter.cpr, 1),
        { ...annaRead(peter.cpr, 2), kind: 'OVERVIEW' },
        { ...annaRead(peter.cpr, 4), kind: 'CHANGE' },
      ]);
      expect((await log.entriesOf(peter.cpr, { first: 10 })).map((e) => [e.operationName, e.kind ?? null])).toEqual([
        ['Read4', 'CHANGE'],
        ['Read2', 'OVERVIEW'],
        ['Read1', null],
      ]);
      expect(await log.verify()).toEqual({ ok: true, entries: 3 });
      // Downgrading a change to an overview after the fact is found.
      const db = sql();
      await db.exec("UPDATE access_log SET access_kind = 'OVERVIEW' WHERE sequence = 3");
      await db.close();
      expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3, problem: 'content was changed after it was written' });
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

describe("the access log's by-citizen index on SQLite, kept in batches", () => {
  const sqlite = BACKENDS.find((b) => b.name === 'SQLite')!;
  const signer = new CheckpointSigner('a checkpoint key for the storage tests, 32+ chars');
  let database: ConsentDatabase;
  let log: AccessLog;
  let file: string;
  let now = Date.parse('2026-12-01T08:00:00.000Z');

  beforeEach(async () => {
    const { location } = await sqlite.create();
    file = (location as { file: string }).file;
    database = await openConsentDatabase(location, silentLogger);
    log = new AccessLog(database.accessLog, { now: () => now, signer });
  });
  afterEach(() => database.close());

  /** Appends `count` reads, Peter's and Mette's in turn, 100 per append; returns Peter's sequence numbers. */
  async function readsOfPeterAndMette(count: number): Promise<number[]> {
    for (let from = 0; from < count; from += 100)
      await log.append(
        Array.from({ length: Math.min(100, count - from) }, (_, i) => annaRead(i % 2 ? mette.cpr : peter.cpr, from + i)),
      );
    return Array.from({ length: count }, (_, i) => i + 1).filter((sequence) => sequence % 2 === 1);
  }

  const indexedThrough = () => {
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      return (db.prepare('SELECT sequence FROM access_log_by_citizen_through').get() as { sequence: number }).sequence;
    } finally {
      db.close();
    }
  };

  it("Peter's log shows his entries newest first, the indexed ones and the newer ones after them alike, and no one else's", async () => {
    const peters = await readsOfPeterAndMette(CITIZEN_INDEX_BATCH + 300);
    expect(indexedThrough()).toBe(CITIZEN_INDEX_BATCH);
    const newestFirst = [...peters].reverse();
    const all = await log.entriesOf(peter.cpr, { first: 10_000 });
    expect(all.map((e) => e.sequence)).toEqual(newestFirst);
    expect(new Set(all.map((e) => e.cpr))).toEqual(new Set([peter.cpr]));
    // A page that ends in the unindexed tail, one that spans the boundary, and Jonas, who has none.
    expect((await log.entriesOf(peter.cpr, { first: 3 })).map((e) => e.sequence)).toEqual(newestFirst.slice(0, 3));
    expect((await log.entriesOf(peter.cpr, { first: 200 })).map((e) => e.sequence)).toEqual(newestFirst.slice(0, 200));
    expect(await log.entriesOf(jonas.cpr, { first: 10 })).toEqual([]);
    expect(await log.verify()).toEqual({ ok: true, entries: CITIZEN_INDEX_BATCH + 300 });
  });

  it('verify names an entry hidden from its citizen by deleting its index row; an index row moved to another citizen shows him nothing', async () => {
    await readsOfPeterAndMette(CITIZEN_INDEX_BATCH);
    const db = new DatabaseSync(file);
    db.exec('DELETE FROM access_log_by_citizen WHERE sequence = 7');
    expect((await log.entriesOf(peter.cpr, { first: 10_000 })).some((e) => e.sequence === 7)).toBe(false);
    expect(await log.verify()).toEqual({
      ok: false,
      entries: CITIZEN_INDEX_BATCH,
      brokenAt: 7,
      problem: "is missing from the by-citizen index: the citizen's own log would not show it",
    });
    db.exec(`INSERT INTO access_log_by_citizen VALUES ('${peter.cpr}', 7), ('${jonas.cpr}', 8)`);
    db.close();
    expect(await log.entriesOf(jonas.cpr, { first: 10 })).toEqual([]);
    expect(await log.verify()).toEqual({
      ok: false,
      entries: CITIZEN_INDEX_BATCH,
      brokenAt: 8,
      problem: 'the by-citizen index names it for a citizen it is not about, or it does not exist',
    });
  });

  it("a file from the release before (schema 4) keeps every citizen's entries findable after the upgrade", async () => {
    await database.close();
    const { location } = await sqlite.create();
    file = (location as { file: string }).file;
    const before = openDatabase(file);
    migrateSqlite(before, CONSENT_SCHEMA, SQLITE_MIGRATIONS.slice(0, 4));
    before.exec(`INSERT INTO access_log (sequence, at, actor_id, actor_name, cpr, owner_department, categories, purpose,
        decision, reason, prev_hash, hash)
      VALUES (1, 1, 'cw-emp-1', 'Anna', '${peter.cpr}', 'SOCIAL', 'CASE', 'ONE_PLAN', 'DISCLOSED', 'test', 'a', 'b'),
             (2, 2, 'cw-emp-1', 'Anna', '${mette.cpr}', 'SOCIAL', 'CASE', 'ONE_PLAN', 'DISCLOSED', 'test', 'b', 'c'),
             (3, 3, 'cw-emp-1', 'Anna', '${peter.cpr}', 'SOCIAL', 'CASE', 'ONE_PLAN', 'DISCLOSED', 'test', 'c', 'd')`);
    before.close();
    database = await openConsentDatabase(location, silentLogger);
    log = new AccessLog(database.accessLog, { now: () => now, signer });
    expect(indexedThrough()).toBe(3);
    expect((await log.entriesOf(peter.cpr, { first: 10 })).map((e) => e.sequence)).toEqual([3, 1]);
    await log.append([annaRead(peter.cpr)]);
    expect((await log.entriesOf(peter.cpr, { first: 10 })).map((e) => e.sequence)).toEqual([4, 3, 1]);
  });

  it('retention removes the index rows of the entries it deletes', async () => {
    await readsOfPeterAndMette(CITIZEN_INDEX_BATCH);
    now += 800 * DAY;
    await log.append([annaRead(peter.cpr)]);
    expect(await log.prune(730 * DAY)).toBe(CITIZEN_INDEX_BATCH);
    expect((await log.entriesOf(peter.cpr, { first: 10 })).map((e) => e.sequence)).toEqual([CITIZEN_INDEX_BATCH + 1]);
    const db = new DatabaseSync(file, { readOnly: true });
    expect(db.prepare('SELECT count(*) AS rows FROM access_log_by_citizen').get()).toEqual({ rows: 0 });
    db.close();
    expect(await log.verify()).toEqual({ ok: true, entries: 1 });
  });
});
