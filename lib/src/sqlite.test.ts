import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inTransaction, openDatabase, type SqliteDatabase } from './sqlite';

/**
 * A full disk under the SQLite default (issue #32): SQLite answers SQLITE_FULL and rolls the whole
 * transaction back itself. `PRAGMA max_page_count` makes the file "full" at a size of our choosing,
 * the same error a full filesystem gives (test/src/faultSchedule.test.ts fills a real one).
 */
describe('a transaction on a full SQLite file', () => {
  let dir: string;
  let db: SqliteDatabase;
  const rows = () => (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
  const writeMany = (count: number) =>
    inTransaction(db, () => {
      for (let i = 0; i < count; i++) db.prepare('INSERT INTO entries VALUES (randomblob(3000))').run();
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enplan-sqlite-full-'));
    db = openDatabase(join(dir, 'full.sqlite'));
    db.exec('CREATE TABLE entries (payload BLOB)');
    writeMany(2);
    db.exec('PRAGMA max_page_count = 12');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails with the disk-full error itself, writes none of it, and keeps what was committed', () => {
    expect(() => writeMany(100)).toThrow('database or disk is full');
    expect(db.isTransaction).toBe(false);
    expect(rows()).toBe(2);
  });

  it('gives the same error from a nested transaction, and takes writes again once there is room', () => {
    expect(() => inTransaction(db, () => writeMany(100))).toThrow('database or disk is full');
    db.exec('PRAGMA max_page_count = 1000');
    writeMany(3);
    expect(rows()).toBe(5);
  });
});
