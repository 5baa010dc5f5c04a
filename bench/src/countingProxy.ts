import { Agent, createServer, request, type Server } from 'node:http';

/**
 * A tiny HTTP proxy in front of one subgraph that counts POSTs by path (`/graphql`,
 * `/internal/decisions`, `/internal/access-log`): the ground truth of how many calls a gateway
 * makes per client request, whatever the gateway itself reports.
 */
export interface CountingProxy {
  origin: string;
  counts: Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

export function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST') counts.set(req.url ?? '', (counts.get(req.url ?? '') ?? 0) + 1);
    const forward = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        origin: `http://127.0.0.1:${port}`,
        counts,
        reset: () => counts.clear(),
        close: () =>
          new Promise((done) => {
            agent.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
