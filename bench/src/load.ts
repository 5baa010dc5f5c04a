import autocannon from 'autocannon';
import { runScript } from './processes';

/** One autocannon run: POST `bodies` to `url`, rotating (or each once, when `amount` is set). */
export interface LoadSpec {
  url: string;
  token: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  durationS: number;
  /** Stop after this many responses (used so that no body is sent twice). */
  amount?: number;
  bodies: string[];
}

export interface LoadResult {
  requests: number;
  durationS: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Bodies sent beyond `bodies.length` (wrapped round): must stay 0 for the uncached workload. */
  wrapped: number;
}

/** Runs the load in a child process pinned to `cpu`, so the generator never competes with the gateway. */
export async function runLoad(spec: LoadSpec, cpu: number): Promise<LoadResult> {
  const out = await runScript(__filename, [], cpu, JSON.stringify(spec));
  return JSON.parse(out.trim().split('\n').pop() ?? '') as LoadResult;
}

async function generate(spec: LoadSpec): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    connections: spec.connections,
    duration: spec.durationS,
    ...(spec.amount !== undefined && { amount: spec.amount }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${spec.token}` },
    // A shared counter across connections: each request takes the next body.
    requests: [{ setupRequest: (request) => ({ ...request, body: spec.bodies[next++ % spec.bodies.length] as string }) }],
  });
  return {
    requests: result.requests.total,
    durationS: result.duration,
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    wrapped: Math.max(0, next - spec.bodies.length),
  };
}

if (require.main === module) {
  let input = '';
  process.stdin.setEncoding('utf8').on('data', (chunk: string) => (input += chunk));
  process.stdin.on('end', () => {
    generate(JSON.parse(input) as LoadSpec).then(
      (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
      (error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
