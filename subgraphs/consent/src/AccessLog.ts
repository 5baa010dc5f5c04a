import { hash as digest } from 'node:crypto';
import type { AccessLogInput } from '@enplan/lib';
import type { AccessLogBackend, AccessLogEntry, AccessLogPage, ChainLink, ChainReader, Checkpoint } from './accessLogBackend';
import type { CheckpointSigner } from './checkpointSigner';

export type { AccessLogInput, AccessLogEntry };

export type VerifyResult = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; problem: string };

export interface VerifyOptions {
  /**
   * Start after the `verified` checkpoint the last verification left (signed, like the others),
   * not at the retention base: only what was appended since is walked.
   */
  incremental?: boolean;
  /** Called after each page with the entries walked so far and how many the walk has in all. */
  onProgress?: (walked: number, total: number) => void;
}

const GENESIS: ChainLink = { sequence: 0, hash: '0'.repeat(64) };
/**
 * Entries read per query while verifying: large enough that round trips cost little beside hashing
 * (the next page is read meanwhile), small enough that a page dies young: at 10,000 the two pages
 * alive outlived the young generation, and garbage collection cost a fifth more per entry.
 */
const VERIFY_PAGE = 2_000;

/** The hash of an entry covers every field and the previous entry's hash (never its own: an entry may be passed whole). */
function entryHash(e: Omit<AccessLogEntry, 'hash'>): string {
  const fields: unknown[] = [
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
  ];
  // The request id and the kind came later: entries without them hash as they always did.
  if (e.requestId) fields.push(e.requestId);
  if (e.kind) fields.push({ kind: e.kind });
  // One-shot: half the cost of a Hash object per entry, which verification at volume pays 20 million times.
  return digest('sha256', JSON.stringify(fields), 'hex');
}

/**
 * Links entries onto the chain after `head`: the one rule by which the service appends and a bulk
 * loader (bench/syntheticMunicipality.ts) writes a log, so both make the same chain.
 */
export function linkEntries(
  head: ChainLink | undefined,
  inputs: ReadonlyArray<AccessLogInput & { at: number }>,
): AccessLogEntry[] {
  let link = head ?? GENESIS;
  return inputs.map((input) => {
    const partial = { ...input, sequence: link.sequence + 1, prevHash: link.hash };
    const entry: AccessLogEntry = { ...partial, hash: entryHash(partial) };
    link = entry;
    return entry;
  });
}

/** What does not hold of `entry`, the one after `expected` on the chain that ends at `head`. */
function entryProblem(entry: AccessLogEntry, expected: ChainLink, head: Checkpoint | undefined): string | undefined {
  if (entry.sequence !== expected.sequence + 1) return `entry ${expected.sequence + 1} is missing`;
  if (entry.prevHash !== expected.hash) return 'does not link to the entry before it';
  if (entryHash(entry) !== entry.hash) return 'content was changed after it was written';
  if (head && entry.sequence === head.sequence && entry.hash !== head.hash) return 'differs from the signed head checkpoint';
  return undefined;
}

interface PendingAppend {
  entries: readonly AccessLogInput[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface AccessLogOptions {
  now: () => number;
  signer: CheckpointSigner;
  /** Most entries written in one transaction. @default 10000 */
  maxBatch?: number;
  /** Most entries retention deletes in one transaction. @default the backend's `pruneBatchSize` */
  pruneBatch?: number;
}

/**
 * Append-only, tamper-evident access log: each entry hashes the one before it, so `verify` finds
 * the first edited or deleted row; a signed checkpoint of the newest entry, kept apart from the rows
 * and updated in the same transaction, shows when the newest rows were deleted; retention removes
 * the oldest rows and leaves a signed checkpoint the remaining chain starts from.
 *
 * Group commit: appends from concurrent requests are written together, in one transaction, by the
 * next write after the one in flight (or on the next event-loop turn). Each caller's promise
 * settles when its own entries are committed, or the transaction failed: the caller answers only then.
 */
export class AccessLog {
  private queue: PendingAppend[] = [];
  private writing = false;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly pruneBatch: number;

  constructor(
    private readonly backend: AccessLogBackend,
    private readonly options: AccessLogOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 10_000;
    this.pruneBatch = options.pruneBatch ?? backend.pruneBatchSize;
  }

  /** Resolves once the entries are committed, all or none. */
  append(entries: readonly AccessLogInput[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entries, resolve, reject });
      this.schedule();
    });
  }

  /** A page of a citizen's entries, newest first. */
  entriesOf(cpr: string, page: AccessLogPage): Promise<AccessLogEntry[]> {
    return this.backend.entriesOf(cpr, page);
  }

  /**
   * Signs the current end of the chain when no head checkpoint exists: only when a log written
   * before checkpoints existed is upgraded (an empty log needs none).
   */
  async anchorUpgradedLog(): Promise<void> {
    await this.backend.extendChain((head) => ({
      entries: [],
      head: this.options.signer.sign('head', head ?? GENESIS, this.options.now()),
    }));
  }

  /**
   * Removes entries older than `retentionMs`, oldest first, in small transactions (`pruneBatch`), so
   * appends and reads never wait long; after each, the remaining chain verifies from its signed base checkpoint.
   */
  async prune(retentionMs: number): Promise<number> {
    const now = this.options.now();
    const makeBase = (last: ChainLink) => this.options.signer.sign('base', last, now);
    let deleted = 0;
    for (;;) {
      const batch = await this.backend.pruneBatch(now - retentionMs, this.pruneBatch, makeBase);
      deleted += batch;
      if (batch < this.pruneBatch) return deleted;
      // A turn of the event loop between batches: on SQLite a batch never waits for I/O, and the
      // appends queued meanwhile (flushed on setImmediate) would otherwise wait for the whole cut.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Walks the chain to its head checkpoint, in one snapshot, and names the first thing that does not
   * hold: from the retention base, or (`incremental`) from the last `verified` checkpoint.
   */
  verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    return this.backend.readSnapshot((reader) => this.verifyIn(reader, options));
  }

  /**
   * Verifies, and when the chain holds, signs a `verified` checkpoint at its head: the next
   * incremental verification starts there. Needs the checkpoint key, as the service has it.
   */
  async verifyAndRecord(options: VerifyOptions = {}): Promise<VerifyResult> {
    let verified: Checkpoint | undefined;
    const result = await this.backend.readSnapshot(async (reader) => {
      const outcome = await this.verifyIn(reader, options);
      const { head } = await reader.checkpoints();
      if (outcome.ok && head) verified = this.options.signer.sign('verified', head, this.options.now());
      return outcome;
    });
    if (verified) await this.backend.storeCheckpoint(verified);
    return result;
  }

  private async verifyIn(reader: ChainReader, { incremental = false, onProgress }: VerifyOptions): Promise<VerifyResult> {
    const { head, base, verified } = await reader.checkpoints();
    const { signer } = this.options;
    if (base && !signer.holds(base))
      return { ok: false, entries: 0, brokenAt: base.sequence, problem: 'the retention checkpoint is not validly signed' };
    if (head && !signer.holds(head))
      return { ok: false, entries: 0, brokenAt: head.sequence, problem: 'the head checkpoint is not validly signed' };
    if (incremental && verified && !signer.holds(verified))
      return { ok: false, entries: 0, brokenAt: verified.sequence, problem: 'the verified checkpoint is not validly signed' };
    let expected: ChainLink = base ?? GENESIS;
    // Retention may have removed what the last verification reached: then the base is the later start.
    if (incremental && verified && verified.sequence > expected.sequence) expected = verified;
    const total = Math.max(0, (head?.sequence ?? expected.sequence) - expected.sequence);
    let count = 0;
    let next = reader.entriesAfter(expected.sequence, VERIFY_PAGE);
    for (;;) {
      const page = await next;
      // The next page is read while this one is hashed; one left unread when the walk stops early is dropped.
      const last = page.at(-1);
      if (last && page.length === VERIFY_PAGE) {
        next = reader.entriesAfter(last.sequence, VERIFY_PAGE);
        next.catch(() => undefined);
      }
      for (const entry of page) {
        count += 1;
        const problem = entryProblem(entry, expected, head);
        if (problem) return { ok: false, entries: count, brokenAt: entry.sequence, problem };
        expected = entry;
      }
      onProgress?.(count, total);
      if (page.length < VERIFY_PAGE) break;
    }
    if (!head) {
      if (count === 0 && !base) return { ok: true, entries: 0 };
      return { ok: false, entries: count, brokenAt: expected.sequence, problem: 'the signed head checkpoint is missing' };
    }
    if (expected.sequence < head.sequence) {
      const first = expected.sequence + 1;
      const span = first === head.sequence ? `entry ${first} was` : `entries ${first} to ${head.sequence} were`;
      return {
        ok: false,
        entries: count,
        brokenAt: first,
        problem: `the newest ${span} deleted (the signed head checkpoint names ${head.sequence})`,
      };
    }
    if (expected.sequence > head.sequence) {
      return {
        ok: false,
        entries: count,
        brokenAt: head.sequence + 1,
        problem: 'was added after the signed head checkpoint, not by the consent service',
      };
    }
    // The by-citizen index is checked whole, so by the full verification only.
    const indexProblem = incremental ? undefined : await reader.citizenIndexProblem?.();
    if (indexProblem) return { ok: false, entries: count, brokenAt: indexProblem.sequence, problem: indexProblem.problem };
    return { ok: true, entries: count };
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    // Whole appends per transaction, up to maxBatch entries (one larger append goes alone).
    let size = 0;
    let take = 0;
    while (take < this.queue.length && (take === 0 || size + this.queue[take]!.entries.length <= this.maxBatch)) {
      size += this.queue[take]!.entries.length;
      take += 1;
    }
    const batch = this.queue.splice(0, take);
    this.writing = true;
    try {
      await this.write(batch.flatMap((p) => p.entries));
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.writing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private write(inputs: readonly AccessLogInput[]): Promise<void> {
    return this.backend.extendChain((head) => {
      const at = this.options.now();
      const entries = linkEntries(
        head,
        inputs.map((input) => ({ ...input, at })),
      );
      return { entries, head: this.options.signer.sign('head', entries.at(-1) ?? head ?? GENESIS, at) };
    });
  }
}
