import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A service listening on a port; `stop()` drains and closes it. */
export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Listens on `port` (0 for any free one) and reports the port actually taken. `server`: one made
 * for `app` beforehand (e.g. for a plugin that must know it), to listen only once all is ready.
 */
export async function listen(
  app: Express,
  port: number,
  host = '127.0.0.1',
  server: Server = createServer(app),
): Promise<{ server: Server; port: number }> {
  server.listen(port, host);
  await once(server, 'listening');
  // Keep-alive longer than typical client pools so the gateway's connections are reused, not reset.
  server.keepAliveTimeout = 65_000;
  return { server, port: (server.address() as AddressInfo).port };
}
