import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A service listening on a port; `stop()` drains and closes it. */
export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Listens on `port` (0 for any free one) and reports the port actually taken. */
export async function listen(app: Express, port: number, host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const server = app.listen(port, host);
  await once(server, 'listening');
  // Keep-alive longer than typical client pools so the gateway's connections are reused, not reset.
  server.keepAliveTimeout = 65_000;
  return { server, port: (server.address() as AddressInfo).port };
}
