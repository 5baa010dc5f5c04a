import {
  ASSERTION_HEADER,
  CONSENT_API,
  CONSENT_FEED_HEARTBEAT_MS,
  createAssertionSigner,
  type Actor,
  type AssertionSigner,
  type Logger,
} from '@enplan/lib';
import type { JWK } from 'jose';

export interface ConsentChangeHandlers {
  /** A citizen's consents changed, by whatever path; `sequence` numbers the change (DecisionsResponse's `changeSequence`). */
  change(cpr: string, sequence: number): void;
  /** The feed is (again) in place; anything announced while it was not has been missed. */
  live(): void;
  /** The feed is gone: nothing cached may be trusted until `live`. */
  lost(): void;
}

export interface ConsentChangeFeedOptions {
  /** The consent service's origin. */
  baseUrl: string;
  /** The gateway's private key: each subscription is signed for the consent service, like every call. */
  signingKey: JWK;
  callerId: string;
  handlers: ConsentChangeHandlers;
  logger: Logger;
  /** Silence after which the feed counts as lost. @default three heartbeats */
  silenceMs?: number;
  /** Wait before reconnecting. @default 250 */
  reconnectMs?: number;
}

/**
 * The gateway's subscription to the consent service's change feed (server-sent events, see
 * subgraphs/consent/src/changeFeedRoute.ts): every consent change, whatever made it, reaches every
 * gateway. `live` only while the stream is open and heard from within `silenceMs`; on any failure
 * it reports `lost` and reconnects.
 */
export class ConsentChangeFeed {
  private isLive = false;
  private closed = false;
  private abort: AbortController | undefined;
  private retry: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly caller: Actor;
  private signer: Promise<AssertionSigner> | undefined;

  constructor(private readonly options: ConsentChangeFeedOptions) {
    this.caller = { role: 'SERVICE', id: options.callerId, name: options.callerId };
  }

  get live(): boolean {
    return this.isLive;
  }

  start(): void {
    void this.run();
  }

  /** Resolves true once live, or false after `timeoutMs`. */
  whenLive(timeoutMs: number): Promise<boolean> {
    if (this.isLive) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(this.isLive);
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.abort?.abort();
  }

  private async run(): Promise<void> {
    const { baseUrl, signingKey, callerId, logger } = this.options;
    const silenceMs = this.options.silenceMs ?? 3 * CONSENT_FEED_HEARTBEAT_MS;
    const abort = new AbortController();
    this.abort = abort;
    let watchdog: NodeJS.Timeout | undefined;
    const heard = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => abort.abort(), silenceMs);
    };
    try {
      heard();
      const url = new URL(CONSENT_API.changes, baseUrl);
      this.signer ??= createAssertionSigner(signingKey, callerId);
      const assertion = await (
        await this.signer
      ).sign({ audience: 'consent', method: 'GET', path: url.pathname, body: '', actor: this.caller });
      const response = await fetch(url, {
        headers: { accept: 'text/event-stream', [ASSERTION_HEADER]: assertion },
        signal: abort.signal,
      });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body) {
        heard();
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.onEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      throw new Error('stream ended');
    } catch (error) {
      if (!this.closed)
        logger.warn('consent changes: feed lost; cached decisions not trusted until it is back', {
          reason: (error as Error).message,
        });
    } finally {
      clearTimeout(watchdog);
      this.setLive(false);
    }
    if (!this.closed) this.retry = setTimeout(() => void this.run(), this.options.reconnectMs ?? 250);
  }

  private onEvent(block: string): void {
    let event = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data = line.slice(6);
    }
    if (event === 'ready') this.setLive(true);
    else if (event === 'change') {
      // A CPR (ten digits) and a sequence. A change that cannot be read is a change missed: the feed
      // counts as lost (the cache is distrusted), as if it had broken.
      const change = /^(\d{10}) (\d{1,15})$/.exec(data);
      if (!change) throw new Error('a change the gateway cannot read');
      this.options.handlers.change(change[1]!, Number(change[2]));
    }
  }

  private setLive(live: boolean): void {
    if (live === this.isLive) return;
    this.isLive = live;
    if (live) {
      this.options.handlers.live();
      this.options.logger.info('consent changes: feed live');
      for (const waiter of [...this.waiters]) waiter();
    } else {
      this.options.handlers.lost();
    }
  }
}
