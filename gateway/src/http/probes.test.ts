import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from '@enplan/lib';
import express from 'express';
import { probes } from './probes';

/** A stand-in consent service that counts its /health hits (real HTTP on loopback). */
async function countingConsentService(): Promise<{ url: string; hits: () => number; server: Server }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits += 1;
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`, hits: () => hits, server };
}

describe('/ready cannot be used to flood the consent service', () => {
  let consent: Awaited<ReturnType<typeof countingConsentService>>;
  let gateway: Server;
  let origin: string;

  beforeAll(async () => {
    consent = await countingConsentService();
    const app = express();
    app.use(
      probes({
        draining: () => false,
        consentHealthUrl: consent.url,
        timeoutMs: 1_000,
        cacheMs: 60_000,
        details: () => ({}),
      }),
    );
    const listening = await listen(app, 0, '127.0.0.1');
    origin = `http://127.0.0.1:${listening.port}`;
    gateway = listening.server;
  });
  afterAll(async () => {
    gateway.closeAllConnections();
    gateway.close();
    consent.server.close();
  });

  it('200 concurrent /ready hits, then 50 more, ask the consent service once', async () => {
    const first = await Promise.all(Array.from({ length: 200 }, () => fetch(`${origin}/ready`)));
    for (let i = 0; i < 50; i++) await fetch(`${origin}/ready`);
    expect(first.every((r) => r.status === 200)).toBe(true);
    expect(consent.hits()).toBe(1);
  });
});
