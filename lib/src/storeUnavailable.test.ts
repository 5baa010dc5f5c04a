import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { formatErrorMasked } from './formatError';
import { silentLogger } from './logger';
import { openDatabase } from './sqlite';
import { isStoreUnavailable } from './storeUnavailable';

const withCode = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

/** The consent service's store full or its PostgreSQL stopped is the service unavailable, not a bug (issue #32). */
describe('a store that cannot work just now', () => {
  it.each<[string, unknown, boolean]>([
    ['SQLite: database or disk is full', withCode('database or disk is full', { code: 'ERR_SQLITE_ERROR', errcode: 13 }), true],
    [
      'SQLite: disk I/O error (extended code)',
      withCode('disk I/O error', { code: 'ERR_SQLITE_ERROR', errcode: 10 | (3 << 8) }),
      true,
    ],
    ['SQLite: database is locked', withCode('database is locked', { code: 'ERR_SQLITE_ERROR', errcode: 5 }), true],
    [
      'SQLite: a constraint (a bug or bad input, not an outage)',
      withCode('UNIQUE constraint failed', { code: 'ERR_SQLITE_ERROR', errcode: 19 }),
      false,
    ],
    ['SQLite: a corrupt file', withCode('database disk image is malformed', { code: 'ERR_SQLITE_ERROR', errcode: 11 }), false],
    [
      'PostgreSQL: the administrator shut it down (57P01)',
      withCode('terminating connection due to administrator command', { code: '57P01' }),
      true,
    ],
    ['PostgreSQL: starting up (57P03)', withCode('the database system is starting up', { code: '57P03' }), true],
    ['PostgreSQL: connection failure (08006)', withCode('connection failure', { code: '08006' }), true],
    ['PostgreSQL: refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }), true],
    ['node-postgres: the connection was cut', new Error('Connection terminated unexpectedly'), true],
    ['PostgreSQL: a unique violation (23505)', withCode('duplicate key value', { code: '23505' }), false],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'cpr')"), false],
    ['not an error at all', 'database or disk is full', false],
  ])('%s → %s', (_name, error, unavailable) => {
    expect(isStoreUnavailable(error)).toBe(unavailable);
  });

  it("recognises node:sqlite's own error for a full file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'enplan-store-full-'));
    const db = openDatabase(join(dir, 'full.sqlite'));
    try {
      db.exec('CREATE TABLE t (x BLOB); PRAGMA max_page_count = 4');
      let full: unknown;
      try {
        for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (randomblob(3000))').run();
      } catch (error) {
        full = error;
      }
      expect(isStoreUnavailable(full)).toBe(true);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is answered DEPARTMENT_UNAVAILABLE naming the service, at the field's path, without the store's words", () => {
    const cause = withCode('database or disk is full', { code: 'ERR_SQLITE_ERROR', errcode: 13 });
    const error = new GraphQLError(cause.message, { path: ['giveConsent'], originalError: cause });
    expect(formatErrorMasked(silentLogger, 'consent')(error.toJSON(), error)).toEqual({
      message: 'The consent system did not answer; its data is missing.',
      path: ['giveConsent'],
      extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'consent' },
    });
    // The gateway, which has no store of its own, keeps masking it.
    expect(formatErrorMasked(silentLogger)(error.toJSON(), error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
