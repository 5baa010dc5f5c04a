import { createHash } from 'node:crypto';
import type { AccessLogInput } from '@enplan/lib';
import type { AccessLogBackend, AccessLogEntry, ChainLink, ChainReader } from './accessLogBackend';
import type { CheckpointSigner } from './checkpointSigner';

export type { AccessLogInput, AccessLogEntry };

export type VerifyResult = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; problem: string };

const GENESIS: ChainLink = { sequence: 0, hash: '0'.repeat(64) };
const VERIFY_PAGE = 1_000;

/** The hash of an entry covers every field and the previous entry's hash. */
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
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(canonical).digest('hex');
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

  constructor(
    private readonly backend: AccessLogBackend,
    private readonly options: AccessLogOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 10_000;
  }

  /** Resolves once the entries are committed, all or none. */
  append(entries: readonly AccessLogInput[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entries, resolve, reject });
      this.schedule();
    });
  }

  /** A citizen's entries, newest first. */
  entriesOf(cpr: string, first: number): Promise<AccessLogEntry[]> {
    return this.backend.entriesOf(cpr, first);
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

  /** Removes entries older than `retentionMs`; the remaining chain stays verifiable from a signed base checkpoint. */
  prune(retentionMs: number): Promise<number> {
    const now = this.options.now();
    return this.backend.prune(now - retentionMs, (last) => this.options.signer.sign('base', last, now));
  }

  /** Walks the chain from its base checkpoint to its head checkpoint, in one snapshot, and names the first thing that does not hold. */
  verify(): Promise<VerifyResult> {
    return this.backend.readSnapshot((reader) => this.verifyIn(reader));
  }

  private async verifyIn(reader: ChainReader): Promise<VerifyResult> {
    const { head, base } = await reader.checkpoints();
    const { signer } = this.options;
    if (base && !signer.holds(base))
      return { ok: false, entries: 0, brokenAt: base.sequence, problem: 'the retention checkpoint is not validly signed' };
    if (head && !signer.holds(head))
      return { ok: false, entries: 0, brokenAt: head.sequence, problem: 'the head checkpoint is not validly signed' };
    let expected: ChainLink = base ?? GENESIS;
    let count = 0;
    for (;;) {
      const page = await reader.entriesAfter(expected.sequence, VERIFY_PAGE);
      for (const entry of page) {
        count += 1;
        const broken = (problem: string): VerifyResult => ({ ok: false, entries: count, brokenAt: entry.sequence, problem });
        if (entry.sequence !== expected.sequence + 1) return broken(`entry ${expected.sequence + 1} is missing`);
        if (entry.prevHash !== expected.hash) return broken('does not link to the entry before it');
        const { hash, ...rest } = entry;
        if (entryHash(rest) !== hash) return broken('content was changed after it was written');
        if (head && entry.sequence === head.sequence && hash !== head.hash)
          return broken('differs from the signed head checkpoint');
        expected = { sequence: entry.sequence, hash };
      }
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
    const indexProblem = await reader.citizenIndexProblem?.();
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
      let link = head ?? GENESIS;
      const entries = inputs.map((input) => {
        const partial = { ...input, sequence: link.sequence + 1, at, prevHash: link.hash };
        const entry: AccessLogEntry = { ...partial, hash: entryHash(partial) };
        link = entry;
        return entry;
      });
      return { entries, head: this.options.signer.sign('head', link, at) };
    });
  }
}
