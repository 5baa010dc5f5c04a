import type { Redis } from 'ioredis';
import type { Logger } from '@enplan/lib';
import { CITIZEN_KEY_PATTERN, type CitizenKey } from './citizenKey';

/** The Redis channel on which gateways announce consent changes. */
export const INVALIDATION_CHANNEL = 'enplan:consent-invalidations';
/** The message that means "drop every cached decision" (a new cache epoch). */
export const ALL_CITIZENS = '*';

export interface InvalidationHandlers {
  /** A citizen's consents changed (through any gateway, this one included). */
  citizen(citizen: CitizenKey): void;
  /** Everything cached may be stale. */
  all(): void;
  /** The subscription is (again) in place; anything announced while it was not has been missed. */
  subscribed(): void;
}

/**
 * Rule 7 across gateway instances: every consent change is published on a Redis channel and every
 * gateway drops what it cached about that citizen. Messages carry the citizen key (a keyed HMAC),
 * never the CPR. Publishing goes over the command connection; subscribing needs a dedicated one.
 *
 * Redis pub/sub delivers at most once, to whoever is subscribed at that moment, so `subscribed` is
 * true only while the subscription is known to be in place; callers must not trust local copies
 * otherwise, and must drop them when it comes back.
 */
export class ConsentInvalidationBus {
  private isSubscribed = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly handlers: InvalidationHandlers,
    private readonly logger: Logger,
  ) {
    subscriber.on('ready', () => void this.subscribe());
    subscriber.on('close', () => {
      if (this.isSubscribed)
        this.logger.warn('consent invalidations: subscription lost; local decisions not trusted until it is back');
      this.isSubscribed = false;
    });
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== INVALIDATION_CHANNEL) return;
      if (message === ALL_CITIZENS) this.handlers.all();
      else if (CITIZEN_KEY_PATTERN.test(message)) this.handlers.citizen(message as CitizenKey);
    });
    if (subscriber.status === 'ready') void this.subscribe();
  }

  /** True only while the subscription is in place (events lag the connection status by a tick). */
  get subscribed(): boolean {
    return this.isSubscribed && this.subscriber.status === 'ready';
  }

  /** Announces a change to every gateway. Throws when it could not be sent. */
  async publish(message: CitizenKey | typeof ALL_CITIZENS): Promise<void> {
    await this.publisher.publish(INVALIDATION_CHANNEL, message);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
  }

  private async subscribe(): Promise<void> {
    if (this.closed) return;
    try {
      await this.subscriber.subscribe(INVALIDATION_CHANNEL);
    } catch (error) {
      this.logger.warn('consent invalidations: could not subscribe', { error: (error as Error).message });
      // A failure on a live connection (e.g. a timeout) gets no new 'ready' event: try again.
      if (this.subscriber.status === 'ready') this.retry = setTimeout(() => void this.subscribe(), 500);
      return;
    }
    this.isSubscribed = true;
    this.handlers.subscribed();
    this.logger.info('consent invalidations: subscribed');
  }
}
