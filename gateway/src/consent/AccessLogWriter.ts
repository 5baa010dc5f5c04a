import type { AccessLogInput } from '@enplan/lib';
import type { ConsentClient } from './ConsentClient';

interface Pending {
  entries: AccessLogInput[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes access-log entries for all concurrent requests in one call per event-loop turn. Each
 * caller's promise settles only when its entries are stored (or the write failed), so no data is
 * returned before its record exists.
 */
export class AccessLogWriter {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly client: ConsentClient,
    private readonly maxBatch = 5_000,
  ) {}

  write(entries: AccessLogInput[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ entries, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (let start = 0; start < batch.length; ) {
      const chunk: Pending[] = [];
      let size = 0;
      while (start < batch.length && (chunk.length === 0 || size + (batch[start] as Pending).entries.length <= this.maxBatch)) {
        const next = batch[start++] as Pending;
        chunk.push(next);
        size += next.entries.length;
      }
      try {
        await this.client.writeAccessLog(chunk.flatMap((p) => p.entries));
        for (const p of chunk) p.resolve();
      } catch (error) {
        for (const p of chunk) p.reject(error);
      }
    }
  }
}
