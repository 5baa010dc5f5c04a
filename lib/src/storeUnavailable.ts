/**
 * Whether an error says a service's own store could not do its work just now (the SQLite file's
 * disk is full or failing, PostgreSQL is stopped, restarting or unreachable), as opposed to a bug.
 * Such an error is answered as the service being unavailable, like the service itself being down
 * (DEPARTMENT_UNAVAILABLE naming it), not as an internal error (issue #32).
 */
export function isStoreUnavailable(error: unknown): boolean {
  // Not `instanceof Error`: node:sqlite's errors may come from another realm (jest's module sandbox).
  if (typeof error !== 'object' || error === null) return false;
  const { code, errcode, message } = error as { code?: unknown; errcode?: unknown; message?: unknown };
  // node:sqlite: the primary result code is the low byte of the extended one.
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') return SQLITE_UNAVAILABLE.has(errcode & 0xff);
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_UNAVAILABLE_CLASSES.has(code.slice(0, 2)))) return true;
  // node-postgres says a lost connection in words only.
  return typeof message === 'string' && /^Connection terminated|^timeout exceeded when trying to connect/.test(message);
}

/** SQLITE_BUSY (5), SQLITE_IOERR (10), SQLITE_FULL (13), SQLITE_CANTOPEN (14). */
const SQLITE_UNAVAILABLE: ReadonlySet<number> = new Set([5, 10, 13, 14]);
const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** SQLSTATE classes 08 (connection exception) and 57 (operator intervention: shutdown, starting up). */
const POSTGRES_UNAVAILABLE_CLASSES: ReadonlySet<string> = new Set(['08', '57']);
