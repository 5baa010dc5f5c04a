import type { ConfigReader } from '../config';
import type { Logger } from '../logger';
import type { Deliverer, OutboxQueue } from './Outbox';

export interface OutboxRelayOptions {
  /** A deliverer per channel the outbox writes. */
  deliverers: Readonly<Record<string, Deliverer>>;
  logger: Logger;
  /** How often to look for due messages. @default 500 */
  pollMs?: number;
  /** First retry delay; doubles per failed attempt. @default 1000 */
  retryBaseMs?: number;
  /** @default DEFAULT_RETRY_MAX_MS */
  retryMaxMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/** The longest wait between two attempts at one message, unless told otherwise: 5 minutes. */
const DEFAULT_RETRY_MAX_MS = 300_000;

/** `NOTIFICATION_RETRY_MAX_MS`: the longest back-off of a service's relay (the consent and plan subgraphs'). */
export function notificationRetryMaxMs(env: ConfigReader): number {
  return env.integer('NOTIFICATION_RETRY_MAX_MS', DEFAULT_RETRY_MAX_MS, { min: 100, max: 86_400_000 });
}

/**
 * Delivers an outbox's messages, retrying each with exponential back-off until it is delivered:
 * a citizen is never told nothing because Digital Post or the inbox was down for a while. Within a
 * channel a failed message holds back the ones after it, so messages arrive in order.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly outbox: OutboxQueue,
    private readonly options: OutboxRelayOptions,
  ) {
    const missing = outbox.channels.filter((c) => !options.deliverers[c]);
    if (missing.length > 0) throw new Error(`No deliverer for outbox channel(s): ${missing.join(', ')}`);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.pump(), this.options.pollMs ?? 500);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One delivery round; concurrent calls share the round in progress. */
  pump(): Promise<void> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deliverDue(): Promise<void> {
    try {
      await this.outbox.deliveryRound(() => this.deliverEach());
    } catch (error) {
      // The store itself failed (e.g. closed during shutdown): the messages stay queued for the next round.
      this.options.logger.error('outbox relay round failed', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async deliverEach(): Promise<void> {
    const now = this.options.now ?? Date.now;
    const blocked = new Set<string>();
    for (const entry of await this.outbox.pending(100)) {
      if (blocked.has(entry.channel)) continue;
      if (entry.nextAttemptAt > now()) {
        blocked.add(entry.channel);
        continue;
      }
      try {
        await this.options.deliverers[entry.channel]!.deliver(entry.notification);
        await this.outbox.markDelivered(entry.seq, now());
      } catch (error) {
        const delay = Math.min(
          (this.options.retryBaseMs ?? 1_000) * 2 ** entry.attempts,
          this.options.retryMaxMs ?? DEFAULT_RETRY_MAX_MS,
        );
        const message = error instanceof Error ? error.message : String(error);
        await this.outbox.markFailed(entry.seq, now() + delay, message);
        this.options.logger.warn('notification not delivered; will retry', {
          channel: entry.channel,
          attempt: entry.attempts + 1,
          message,
        });
        blocked.add(entry.channel);
      }
    }
  }
}
