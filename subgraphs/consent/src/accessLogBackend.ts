import type { AccessKind, AccessLogInput, DataCategory, Department, Purpose } from '@enplan/lib';

export interface AccessLogEntry extends AccessLogInput {
  sequence: number;
  /** Epoch ms. */
  at: number;
  prevHash: string;
  hash: string;
}

/** Where the chain ends: the newest entry's sequence number and hash. */
export interface ChainLink {
  sequence: number;
  hash: string;
}

/**
 * A signed statement about the chain, stored apart from its rows: `head` is the newest entry
 * (updated with every append), `base` the last entry removed by retention (the chain starts after it),
 * `verified` the newest entry a verification found intact (an incremental verification starts after it).
 */
export interface Checkpoint extends ChainLink {
  kind: 'head' | 'base' | 'verified';
  at: number;
  signature: string;
}

export interface Checkpoints {
  head?: Checkpoint;
  base?: Checkpoint;
  verified?: Checkpoint;
}

/** One page of a citizen's entries, newest first. */
export interface AccessLogPage {
  /** At most this many entries. */
  first: number;
  /** Only entries older than this sequence (the last one of the page before): keyset pagination, as cheap on page 1,000 as on page 1. */
  before?: number;
  /** Only entries about data this department holds. */
  department?: Department;
}

/** A consistent read of the log (one snapshot), for verification. */
export interface ChainReader {
  checkpoints(): Promise<Checkpoints>;
  /** Entries with a sequence above `sequence`, in order, at most `limit`. */
  entriesAfter(sequence: number, limit: number): Promise<AccessLogEntry[]>;
  /**
   * Where a by-citizen index the backend keeps itself (not the database) would hide an entry from
   * its citizen, or point elsewhere: the first such entry. Absent where the database keeps the index.
   */
  citizenIndexProblem?(): Promise<{ sequence: number; problem: string } | undefined>;
}

/**
 * What a database must do for the access log. Every change to the chain happens in one transaction
 * that holds the chain exclusively, so replicas on one database extend one linear chain.
 */
export interface AccessLogBackend {
  /**
   * Entries retention deletes per transaction unless told otherwise: what keeps one batch short on
   * this database, so that the appends and reads beside it barely wait.
   */
  readonly pruneBatchSize: number;
  /** Reads the head (`undefined` for an empty log), inserts what `extend` makes of it, and stores the new head checkpoint. */
  extendChain(extend: (head: ChainLink | undefined) => { entries: AccessLogEntry[]; head: Checkpoint }): Promise<void>;
  /**
   * Deletes the oldest entries written before `cutoff`, at most `limit` and never one after an entry
   * written at or after it, and stores `base` made from the last one deleted, in one short
   * transaction that appends do not wait for. Returns how many were deleted.
   */
  pruneBatch(cutoff: number, limit: number, makeBase: (last: ChainLink) => Checkpoint): Promise<number>;
  /** Stores a `verified` checkpoint (appends and retention keep their own). */
  storeCheckpoint(checkpoint: Checkpoint): Promise<void>;
  entriesOf(cpr: string, page: AccessLogPage): Promise<AccessLogEntry[]>;
  readSnapshot<T>(read: (reader: ChainReader) => Promise<T>): Promise<T>;
}

/**
 * How the store writes the joint plan's owner (null in every type outside it): the column stays
 * NOT NULL on SQLite, and no department can be named so.
 */
const JOINT_PLAN_OWNER = 'joint plan';

/** A row of `access_log`, the same on both backends. */
export interface AccessLogRow {
  sequence: number;
  at: number;
  actor_id: string;
  actor_name: string;
  actor_department: Department | null;
  cpr: string;
  owner_department: Department;
  categories: string;
  purpose: Purpose;
  decision: AccessLogInput['decision'];
  consent_id: string | null;
  operation_name: string | null;
  reason: string;
  request_id: string | null;
  /** Null in rows written before kinds existed (schema version 6). */
  access_kind: AccessKind | null;
  prev_hash: string;
  hash: string;
}

export function fromRow(r: AccessLogRow): AccessLogEntry {
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
    requestId: r.request_id ?? null,
    ...(r.access_kind ? { kind: r.access_kind } : {}),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * The SELECT list of ACCESS_LOG_COLUMNS for a table that has `present` columns: a log not yet
 * migrated (verify-log reads it as it is) lacks the newer ones, read as null as the service would.
 */
export function accessLogColumnsOf(present: ReadonlySet<string>): string {
  return ACCESS_LOG_COLUMNS.map((column) => (present.has(column) ? column : `NULL AS ${column}`)).join(', ');
}

/**
 * A row read as an array of ACCESS_LOG_COLUMNS, in that order: verification reads millions, and
 * the drivers make arrays for less than objects (node:sqlite's row objects are slow to read, too).
 */
export function fromColumns(v: readonly unknown[]): AccessLogEntry {
  return fromRow({
    sequence: v[0],
    at: v[1],
    actor_id: v[2],
    actor_name: v[3],
    actor_department: v[4],
    cpr: v[5],
    owner_department: v[6],
    categories: v[7],
    purpose: v[8],
    decision: v[9],
    consent_id: v[10],
    operation_name: v[11],
    reason: v[12],
    prev_hash: v[13],
    hash: v[14],
    request_id: v[15],
    access_kind: v[16],
  } as AccessLogRow);
}

export function toRow(e: AccessLogEntry): AccessLogRow {
  return {
    sequence: e.sequence,
    at: e.at,
    actor_id: e.actorId,
    actor_name: e.actorName,
    actor_department: e.actorDepartment,
    cpr: e.cpr,
    owner_department: e.ownerDepartment ?? JOINT_PLAN_OWNER,
    categories: e.categories.join(','),
    purpose: e.purpose,
    decision: e.decision,
    consent_id: e.consentId,
    operation_name: e.operationName,
    reason: e.reason,
    request_id: e.requestId ?? null,
    access_kind: e.kind ?? null,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/** The columns every backend writes, in this order. */
export const ACCESS_LOG_COLUMNS = [
  'sequence',
  'at',
  'actor_id',
  'actor_name',
  'actor_department',
  'cpr',
  'owner_department',
  'categories',
  'purpose',
  'decision',
  'consent_id',
  'operation_name',
  'reason',
  'prev_hash',
  'hash',
  'request_id',
  'access_kind',
] as const satisfies ReadonlyArray<keyof AccessLogRow>;

export interface CheckpointRow {
  kind: Checkpoint['kind'];
  sequence: number;
  hash: string;
  at: number;
  signature: string;
}

export function checkpointsFrom(rows: readonly CheckpointRow[]): Checkpoints {
  return Object.fromEntries(rows.map((r) => [r.kind, { ...r }])) as Checkpoints;
}
