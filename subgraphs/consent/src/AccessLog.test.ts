import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASEWORKERS, openDatabase, PERSONAS, type AccessLogInput, type SqliteDatabase } from '@enplan/lib';
import { AccessLog } from './AccessLog';

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

describe('the access log carries the request id (a nullable column added later)', () => {
  let dir: string;
  let db: SqliteDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enplan-accesslog-'));
    db = openDatabase(join(dir, 'consent.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores it with each entry and hands it back on the citizen\'s view', () => {
    const log = new AccessLog(db);
    log.append([annaReadsPeter('DISCLOSED', '4bf92f3577b34da6a3ce929d0e0e4736'), annaReadsPeter('DENIED')], T);
    expect(log.entriesOf(PERSONAS.peter.cpr, 10).map((e) => [e.decision, e.requestId])).toEqual([
      ['DENIED', null],
      ['DISCLOSED', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ]);
    expect(log.verify()).toEqual({ ok: true, entries: 2 });
  });

  it('opens a log written before the column existed, and the whole chain, old and new entries, verifies', () => {
    new AccessLog(db).append([annaReadsPeter('DISCLOSED'), annaReadsPeter('DENIED')], T);
    db.exec('ALTER TABLE access_log DROP COLUMN request_id'); // as the table was before
    const log = new AccessLog(db);
    log.append([annaReadsPeter('DISCLOSED', 'ticket-4711-anna-reads-peter')], T + 1);
    expect(log.verify()).toEqual({ ok: true, entries: 3 });
    expect(log.entriesOf(PERSONAS.peter.cpr, 10).map((e) => e.requestId)).toEqual(['ticket-4711-anna-reads-peter', null, null]);
  });

  it.each([
    ['a request id changed', "UPDATE access_log SET request_id = 'ticket-0000-someone-else' WHERE sequence = 2", 2],
    ['a request id removed', 'UPDATE access_log SET request_id = NULL WHERE sequence = 2', 2],
    ['a request id added to an entry that had none', "UPDATE access_log SET request_id = 'ticket-4711-anna-reads-peter' WHERE sequence = 1", 1],
  ])('the hash chain names the entry when %s', (_what, tamper, brokenAt) => {
    const log = new AccessLog(db);
    log.append([annaReadsPeter('DENIED')], T);
    log.append([annaReadsPeter('DISCLOSED', '4bf92f3577b34da6a3ce929d0e0e4736')], T + 1);
    db.exec(tamper);
    expect(log.verify()).toMatchObject({ ok: false, brokenAt, problem: 'content was changed after it was written' });
  });
});
