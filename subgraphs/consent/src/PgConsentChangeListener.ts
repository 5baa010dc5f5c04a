import { connectPostgres, type Logger } from '@enplan/lib';
import type pg from 'pg';
import type { ConsentChanges } from './ConsentChanges';
import { CONSENT_CHANGES_CHANNEL } from './schema';

const RECONNECT_MS = 500;

/**
 * LISTENs on the channel the consents trigger NOTIFYs (schema.ts) and announces each change. While
 * the connection is down, changes are marked unavailable (subscribers stop trusting their caches);
 * it reconnects on its own.
 */
export class PgConsentChangeListener {
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  private constructor(
    private readonly url: string,
    private readonly changes: ConsentChanges,
    private readonly logger: Logger,
  ) {}

  /** Resolves once listening; throws when the database cannot be reached at start-up. */
  static async start(url: string, changes: ConsentChanges, logger: Logger): Promise<PgConsentChangeListener> {
    const listener = new PgConsentChangeListener(url, changes, logger);
    await listener.connect();
    return listener;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = connectPostgres(this.url, 'enplan-consent-listener');
    client.on('notification', (message) => {
      // "<cpr> <sequence>" (schema.ts, migration 3)
      const [cpr, sequence] = message.payload?.split(' ') ?? [];
      if (message.channel === CONSENT_CHANGES_CHANNEL && cpr && sequence) this.changes.announce(cpr, Number(sequence));
    });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.changes.setAvailable(false);
      if (this.closed) return;
      this.logger.warn('consent changes: lost the database notifications; subscribers told', { reason });
      this.retry = setTimeout(() => void this.reconnect(), RECONNECT_MS);
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    await client.connect();
    await client.query(`LISTEN ${CONSENT_CHANGES_CHANNEL}`);
    this.client = client;
    this.changes.setAvailable(true);
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    try {
      await this.connect();
      this.logger.info('consent changes: listening again');
    } catch {
      this.retry = setTimeout(() => void this.reconnect(), RECONNECT_MS);
    }
  }
}
