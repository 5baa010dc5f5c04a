import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASEWORKERS, migrateSqlite, openDatabase, PERSONAS, type AccessLogInput, type SqliteDatabase } from '@enplan/lib';
import { AccessLog } from './AccessLog';
import { CheckpointSigner, DEV_CHECKPOINT_KEY } from './checkpointSigner';
import { CONSENT_SCHEMA, SQLITE_MIGRATIONS } from './schema';
import { SqliteAccessLogBackend } from './SqliteAccessLogBackend';

const T = Date.UTC(2026, 11, 1, 10, 42);

function annaReadsPeter(decision: AccessLogInput['decision'], requestId?: string): AccessLogInput {
  return {
    actorId: CASEWORKERS.anna.id,
    actorName: CASEWORKERS.anna.name,
    actorDepartment: 'EMPLOYMENT',
    cpr: PERSONAS.peter.cpr,
    ownerDepartment: 'SOCIAL',
    categories: decision === 'DISCLOSED' ? ['CASE', 'PLAN'] : ['SUBSTANCE_ABUSE'],
    purpose: 'ONE_PLAN',
    decision,
    consentId: 'CON-000001',
    operationName: 'CitizenPlan',
    reason: decision === 'DISCLOSED' ? 'permitted by consent CON-000001' : 'denied by a provision of consent CON-000001',
    ...(requestId !== undefined && { requestId }),
  };
}

describe('the access log carries the request id (a nullable column added by migration 3)', () => {
  let dir: string;
  let file: string;
  let db: SqliteDatabase;
  let now = T;
  const open = (migrations = SQLITE_MIGRATIONS) => {
    migrateSqlite(db, CONSENT_SCHEMA, migrations);
    return new AccessLog(new SqliteAccessLogBackend(db, file), {
      now: () => now,
      signer: new CheckpointSigner(DEV_CHECKPOINT_KEY),
    });
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enplan-accesslog-'));
    file = join(dir, 'consent.sqlite');
    db = openDatabase(file);
    now = T;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores it with each entry and hands it back on the citizen's view", async () => {
    const log = open();
    await log.append([annaReadsPeter('DISCLOSED', '4bf92f3577b34da6a3ce929d0e0e4736'), annaReadsPeter('DENIED')]);
    expect((await log.entriesOf(PERSONAS.peter.cpr, { first: 10 })).map((e) => [e.decision, e.requestId])).toEqual([
      ['DENIED', null],
      ['DISCLOSED', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ]);
    expect(await log.verify()).toEqual({ ok: true, entries: 2 });
  });

  /** Two entries as the log held them before migration 3 (no request id), in the statements of that time; the last hash. */
  const writeLogBeforeMigration3 = (): string => {
    // As the log was before migration 3: the statements of that time, without the column.
    migrateSqlite(
      db,
      CONSENT_SCHEMA,
      SQLITE_MIGRATIONS.filter((m) => m.version < 3),
    );
    const insert = db.prepare(
      `INSERT INTO access_log (sequence, at, actor_id, actor_name, actor_department, cpr, owner_department, categories, purpose, decision,
        consent_id, operation_name, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let prevHash = '0'.repeat(64);
    for (const [sequence, input] of [annaReadsPeter('DISCLOSED'), annaReadsPeter('DENIED')].entries()) {
      const e = { ...input, sequence: sequence + 1, at: T, prevHash };
      const hash = createHash('sha256')
        .update(
          JSON.stringify([
            e.sequence,
            e.at,
            e.actorId,
            e.actorName,
            e.actorDepartment,
            e.cpr,
            e.ownerDepartment,
            e.categories,
            e.purpose,
            e.decision,
            e.consentId,
            e.operationName,
            e.reason,
            e.prevHash,
          ]),
        )
        .digest('hex');
      insert.run(
        e.sequence,
        e.at,
        e.actorId,
        e.actorName,
        e.actorDepartment,
        e.cpr,
        e.ownerDepartment,
        e.categories.join(','),
        e.purpose,
        e.decision,
        e.consentId,
        e.operationName,
        e.reason,
        e.prevHash,
        hash,
      );
      prevHash = hash;
    }
    return prevHash;
  };

  it('verifies a log before the column existed as it is, unmigrated, as verify-log reads it', async () => {
    const last = writeLogBeforeMigration3();
    const signer = new CheckpointSigner(DEV_CHECKPOINT_KEY);
    const head = signer.sign('head', { sequence: 2, hash: last }, T);
    db.prepare('INSERT INTO access_log_checkpoints VALUES (?, ?, ?, ?, ?)').run(
      head.kind,
      head.sequence,
      head.hash,
      head.at,
      head.signature,
    );
    const log = new AccessLog(new SqliteAccessLogBackend(db, file), { now: () => now, signer });
    expect(await log.verify()).toEqual({ ok: true, entries: 2 });
    db.exec("UPDATE access_log SET reason = 'edited' WHERE sequence = 2");
    expect(await log.verify()).toEqual({
      ok: false,
      entries: 2,
      brokenAt: 2,
      problem: 'content was changed after it was written',
    });
  });

  it('opens a log written before the column existed, and the whole chain, old and new entries, verifies', async () => {
    writeLogBeforeMigration3();
    const log = open();
    now = T + 1;
    await log.append([annaReadsPeter('DISCLOSED', 'ticket-4711-anna-reads-peter')]);
    expect(await log.verify()).toEqual({ ok: true, entries: 3 });
    expect((await log.entriesOf(PERSONAS.peter.cpr, { first: 10 })).map((e) => e.requestId)).toEqual([
      'ticket-4711-anna-reads-peter',
      null,
      null,
    ]);
  });

  it.each([
    ['a request id changed', "UPDATE access_log SET request_id = 'ticket-0000-someone-else' WHERE sequence = 2", 2],
    ['a request id removed', 'UPDATE access_log SET request_id = NULL WHERE sequence = 2', 2],
    [
      'a request id added to an entry that had none',
      "UPDATE access_log SET request_id = 'ticket-4711-anna-reads-peter' WHERE sequence = 1",
      1,
    ],
  ])('the hash chain names the entry when %s', async (_what, tamper, brokenAt) => {
    const log = open();
    await log.append([annaReadsPeter('DENIED')]);
    now = T + 1;
    await log.append([annaReadsPeter('DISCLOSED', '4bf92f3577b34da6a3ce929d0e0e4736')]);
    db.exec(tamper);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt, problem: 'content was changed after it was written' });
  });
});
