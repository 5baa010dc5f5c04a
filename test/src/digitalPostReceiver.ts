import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Digital Post integration on loopback, as the outbox's webhook deliverer calls it. */
export interface DigitalPostReceiver {
  url: string;
  /** Each message once, however often it was delivered. */
  received: Array<{ id: string; cpr: string; kind: string; subject: string }>;
  attempts: () => number;
  server: Server;
}

/** Starts one; it is down (503) for its first `failFirst` calls, then accepts. */
export async function startDigitalPost({ failFirst = 0 }: { failFirst?: number } = {}): Promise<DigitalPostReceiver> {
  const received: DigitalPostReceiver['received'] = [];
  let attempts = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      attempts += 1;
      if (attempts <= failFirst) {
        res.writeHead(503).end();
        return;
      }
      const { id, cpr, kind, subject } = JSON.parse(body) as DigitalPostReceiver['received'][number];
      if (!received.some((r) => r.id === id)) received.push({ id, cpr, kind, subject });
      res.writeHead(202).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/digital-post`,
    received,
    attempts: () => attempts,
    server,
  };
}
