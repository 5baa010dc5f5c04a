import { currentRequestId, strongerAccessKind, type AccessLogInput, type ConsentClient } from '@enplan/lib';

interface Pending {
  /** The request the entries belong to (its context object). */
  request: object;
  entries: readonly AccessLogInput[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface RequestGroup {
  entries: Map<string, AccessLogInput>;
  waiters: Pending[];
}

function merge(a: AccessLogInput, b: AccessLogInput): AccessLogInput {
  return {
    ...a,
    categories: [...new Set([...a.categories, ...b.categories])].sort(),
    kind: strongerAccessKind(a.kind ?? 'READ', b.kind ?? 'READ'),
    consentId: a.consentId ?? b.consentId,
    reason: a.reason === b.reason ? a.reason : `${a.reason}; ${b.reason}`,
  };
}

/** One fetch's part in its request's access log: one `write`, and `close()` in a `finally`. */
export interface AccessLogSession {
  /** Resolves once the entries are stored (at once when there are none); rejects when they could not be. */
  write(entries: readonly AccessLogInput[]): Promise<void>;
  /** Reports the fetch as done with nothing to record, unless it wrote. */
  close(): void;
}

/**
 * Writes access-log entries for all concurrent requests in one call: group commit, one hop before
 * the consent service's own. While a write is in flight, the entries that become ready wait and go
 * together in the next call as soon as it returns; an idle writer sends on the next event-loop turn.
 * Under load that turns many small writes (each paying HTTP, a signature check and a transaction at
 * the consent service) into few larger ones; a lone request waits for nothing.
 *
 * Entries of one request about the same citizen, owning department and decision become one record
 * (the Citizen and OnePlan fetches of a plan step are one disclosure to the caseworker): a request's
 * entries wait until every fetch it has in flight has reported, which costs no time, since its plan
 * step waits for all of them anyway. Each caller's promise settles only when its entries are stored,
 * or the write failed: no data is returned before its record exists.
 */
export class AccessLogWriter {
  private pending: Pending[] = [];
  private scheduled = false;
  private writing = false;
  private readonly inFlight = new WeakMap<object, number>();

  constructor(
    private readonly client: ConsentClient,
    private readonly maxBatch = 5_000,
  ) {}

  /**
   * A fetch of `request` starts: its session holds the request's entries back until every fetch in
   * flight has reported. Call `close()` in a `finally`: a fetch that ends without `write` (a failure)
   * then still reports, with nothing to record, and the request's other records are not held forever.
   */
  open(request: object): AccessLogSession {
    this.inFlight.set(request, (this.inFlight.get(request) ?? 0) + 1);
    let reported = false;
    const report = (entries: readonly AccessLogInput[]) => {
      if (reported) throw new Error('an access-log session writes once');
      reported = true;
      return this.report(request, entries);
    };
    return {
      write: report,
      close: () => {
        if (!reported) void report([]);
      },
    };
  }

  private report(request: object, entries: readonly AccessLogInput[]): Promise<void> {
    // Stamped now, in the request's own context: the batch is sent later, on behalf of many requests.
    const requestId = currentRequestId();
    const stamped = requestId ? entries.map((entry) => ({ ...entry, requestId })) : entries;
    const stillRunning = (this.inFlight.get(request) ?? 1) - 1;
    this.inFlight.set(request, stillRunning);
    const written =
      stamped.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => this.pending.push({ request, entries: stamped, resolve, reject }));
    if (stillRunning === 0 && this.pending.length > 0) this.schedule();
    return written;
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private isReady = (p: Pending) => (this.inFlight.get(p.request) ?? 0) === 0;

  private async flush(): Promise<void> {
    this.scheduled = false;
    // Requests with fetches still running keep their entries for a later flush.
    const batch = this.pending.filter(this.isReady);
    this.pending = this.pending.filter((p) => !this.isReady(p));
    if (batch.length === 0) return;
    this.writing = true;
    try {
      await this.write(batch);
    } finally {
      this.writing = false;
      if (this.pending.some(this.isReady)) this.schedule();
    }
  }

  private async write(batch: readonly Pending[]): Promise<void> {
    const groups = new Map<object, RequestGroup>();
    for (const pending of batch) {
      let group = groups.get(pending.request);
      if (!group) {
        group = { entries: new Map(), waiters: [] };
        groups.set(pending.request, group);
      }
      for (const entry of pending.entries) {
        const key = `${entry.cpr}|${entry.ownerDepartment}|${entry.decision}`;
        const existing = group.entries.get(key);
        group.entries.set(key, existing ? merge(existing, entry) : entry);
      }
      group.waiters.push(pending);
    }
    // Whole requests per call, at most `maxBatch` entries each (the consent service caps a call).
    let chunk: RequestGroup[] = [];
    let size = 0;
    for (const group of groups.values()) {
      if (chunk.length > 0 && size + group.entries.size > this.maxBatch) {
        await this.send(chunk);
        chunk = [];
        size = 0;
      }
      chunk.push(group);
      size += group.entries.size;
    }
    if (chunk.length > 0) await this.send(chunk);
  }

  private async send(chunk: readonly RequestGroup[]): Promise<void> {
    const waiters = chunk.flatMap((g) => g.waiters);
    try {
      await this.client.writeAccessLog(chunk.flatMap((g) => [...g.entries.values()]));
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    }
  }
}
