import { createHash } from 'node:crypto';
import { inTransaction, type AccessLogInput, type DataCategory, type Department, type Purpose, type SqliteDatabase } from '@enplan/lib';

export type { AccessLogInput };

export interface AccessLogEntry extends AccessLogInput {
  sequence: number;
  /** Epoch ms. */
  at: number;
  prevHash: string;
  hash: string;
}

export type VerifyResult = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; problem: string };

const GENESIS = '0'.repeat(64);
/** How the store writes the joint plan's owner (null in every type outside it): the column stays NOT NULL, and no department can be named so. */
const JOINT_PLAN_OWNER = 'joint plan';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS access_log (
  sequence INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL,
  actor_department TEXT, cpr TEXT NOT NULL, owner_department TEXT NOT NULL, categories TEXT NOT NULL,
  purpose TEXT NOT NULL, decision TEXT NOT NULL, consent_id TEXT, operation_name TEXT, reason TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS access_log_by_cpr ON access_log(cpr, sequence DESC);
`;
// Added later (nullable): logs written before it keep verifying, as their hashes never covered it.
const REQUEST_ID_COLUMN = 'ALTER TABLE access_log ADD COLUMN request_id TEXT';

interface Row {
  sequence: number;
  at: number;
  actor_id: string;
  actor_name: string;
  actor_department: Department | null;
  cpr: string;
  owner_department: Department | typeof JOINT_PLAN_OWNER;
  categories: string;
  purpose: Purpose;
  decision: AccessLogInput['decision'];
  consent_id: string | null;
  operation_name: string | null;
  reason: string;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * The hash of an entry covers every field and the previous entry's hash. The request id, added
 * later, is covered when there is one; an entry without it hashes as entries always did.
 */
function entryHash(e: Omit<AccessLogEntry, 'hash'>): string {
  const fields: unknown[] = [
    e.sequence, e.at, e.actorId, e.actorName, e.actorDepartment, e.cpr, e.ownerDepartment, e.categories,
    e.purpose, e.decision, e.consentId, e.operationName, e.reason, e.prevHash,
  ];
  if (e.requestId) fields.push(e.requestId);
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(canonical).digest('hex');
}

function fromRow(r: Row): AccessLogEntry {
  return {
    sequence: r.sequence,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorDepartment: r.actor_department,
    cpr: r.cpr,
    ownerDepartment: r.owner_department === JOINT_PLAN_OWNER ? null : r.owner_department,
    categories: r.categories === '' ? [] : (r.categories.split(',') as DataCategory[]),
    purpose: r.purpose,
    decision: r.decision,
    consentId: r.consent_id,
    operationName: r.operation_name,
    reason: r.reason,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * Append-only, tamper-evident access log: each entry hashes the one before it, so `verify` finds
 * the first edited or deleted row. (Deleting the newest rows leaves a valid, shorter chain; anchor the
 * head hash elsewhere to catch that.)
 */
export class AccessLog {
  private readonly statements;
  private head: { sequence: number; hash: string };

  constructor(private readonly db: SqliteDatabase) {
    db.exec(SCHEMA);
    const columns = db.prepare('PRAGMA table_info(access_log)').all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'request_id')) db.exec(REQUEST_ID_COLUMN);
    this.statements = {
      last: db.prepare('SELECT sequence, hash FROM access_log ORDER BY sequence DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO access_log (sequence, at, actor_id, actor_name, actor_department, cpr, owner_department, categories,
          purpose, decision, consent_id, operation_name, reason, prev_hash, hash, request_id)
         VALUES (@sequence, @at, @actorId, @actorName, @actorDepartment, @cpr, @ownerDepartment,
          @categories, @purpose, @decision, @consentId, @operationName, @reason, @prevHash, @hash, @requestId)`,
      ),
      byCpr: db.prepare('SELECT * FROM access_log WHERE cpr = ? ORDER BY sequence DESC LIMIT ?'),
      all: db.prepare('SELECT * FROM access_log ORDER BY sequence'),
    };
    const last = this.statements.last.get() as { sequence: number; hash: string } | undefined;
    this.head = last ?? { sequence: 0, hash: GENESIS };
  }

  /** Appends the entries in one transaction, all or none. */
  append(inputs: readonly AccessLogInput[], at: number): AccessLogEntry[] {
    const appended: AccessLogEntry[] = [];
    let head = this.head;
    inTransaction(this.db, () => {
      for (const input of inputs) {
        const partial = { ...input, requestId: input.requestId ?? null, sequence: head.sequence + 1, at, prevHash: head.hash };
        const entry = { ...partial, hash: entryHash(partial) };
        this.statements.insert.run({ ...entry, ownerDepartment: entry.ownerDepartment ?? JOINT_PLAN_OWNER, categories: entry.categories.join(',') });
        appended.push(entry);
        head = { sequence: entry.sequence, hash: entry.hash };
      }
    });
    this.head = head;
    return appended;
  }

  /** A citizen's entries, newest first. */
  entriesOf(cpr: string, first: number): AccessLogEntry[] {
    return (this.statements.byCpr.all(cpr, first) as Row[]).map(fromRow);
  }

  /** Walks the whole chain and reports the first row whose link or content does not hold. */
  verify(): VerifyResult {
    let expectedPrev = GENESIS;
    let expectedSequence = 1;
    let count = 0;
    for (const row of this.statements.all.iterate() as Iterable<Row>) {
      const entry = fromRow(row);
      count += 1;
      if (entry.sequence !== expectedSequence) {
        return { ok: false, entries: count, brokenAt: entry.sequence, problem: `entry ${expectedSequence} is missing` };
      }
      if (entry.prevHash !== expectedPrev) {
        return { ok: false, entries: count, brokenAt: entry.sequence, problem: 'does not link to the entry before it' };
      }
      const { hash, ...rest } = entry;
      if (entryHash(rest) !== hash) {
        return { ok: false, entries: count, brokenAt: entry.sequence, problem: 'content was changed after it was written' };
      }
      expectedPrev = hash;
      expectedSequence += 1;
    }
    return { ok: true, entries: count };
  }
}
