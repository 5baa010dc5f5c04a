import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ASSERTION_HEADER } from '@enplan/lib';

/** A gateway→subgraph call as it went over the wire. */
export interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A pass-through proxy in front of one subgraph that keeps what the gateway sent, as an eavesdropper on the network would. */
export async function capturingProxy(target: () => string): Promise<{ server: Server; url: string; captured: Captured[] }> {
  const captured: Captured[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    captured.push({ headers: req.headers, body });
    const upstream = await fetch(target(), { method: 'POST', headers: forwardable(req.headers), body });
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, captured };
}

/** The headers a replay needs: the body type and the signed assertion, nothing else. */
export function forwardable(headers: IncomingHttpHeaders): Record<string, string> {
  return { 'content-type': String(headers['content-type']), [ASSERTION_HEADER]: String(headers[ASSERTION_HEADER]) };
}
