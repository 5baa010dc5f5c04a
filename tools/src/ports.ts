import { createServer } from 'node:net';

/** True when nothing listens on `host:port` (we could bind it ourselves). */
function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** The first of `wanted` whose port is taken, or undefined when all are free. */
export async function firstTakenPort<T extends { port: number }>(host: string, wanted: readonly T[]): Promise<T | undefined> {
  for (const item of wanted) if (!(await portIsFree(host, item.port))) return item;
  return undefined;
}
