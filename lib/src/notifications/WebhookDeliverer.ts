import type { Notification } from './Notification';
import type { Deliverer } from './Outbox';

export interface WebhookDelivererOptions {
  /** Where to POST; a function when the address is known only later (a service started on port 0). */
  url: string | (() => string);
  /**
   * Extra headers for each request, made from its exact URL and body: e.g. an assertion signed over
   * both (zero trust), or the integration's credentials.
   */
  headers?: (request: { url: URL; body: string }) => Promise<Record<string, string>> | Record<string, string>;
  /** @default 5000 */
  timeoutMs?: number;
}

/**
 * Delivers a notification as JSON by HTTP POST: to the plan subgraph's inbox, or to a Digital Post
 * integration (the municipality's adapter to e-Boks/mit.dk). Any 2xx is delivered; anything else,
 * a timeout or a refused connection is a failure the outbox retries.
 */
export class WebhookDeliverer implements Deliverer {
  constructor(private readonly options: WebhookDelivererOptions) {}

  async deliver(notification: Notification): Promise<void> {
    const url = new URL(typeof this.options.url === 'function' ? this.options.url() : this.options.url);
    const body = JSON.stringify(notification);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await this.options.headers?.({ url, body })) },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
    });
    // Drain the body so the connection can be reused.
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
  }
}
