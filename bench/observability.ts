/**
 * The cost of observability (issue #18): the gateway before metrics and tracing existed, and after,
 * with tracing off (the default), at the production sampling default and at 100 % sampling, each
 * exporting to an OTLP sink. Same subgraphs for all, alternating rounds, the gateway alone on core 1.
 *
 *   npm run build && node bench/observability.ts [path/to/gateway/dist/index.js of the commit before]
 *
 * The "before" gateway is a build of the commit before #18 (see bench/results/observability.md for how
 * it was made); without it, that column is left out. Writes bench/results/observability.json; the
 * Markdown report is written by hand from it. Run on demand, never in `npm test`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, registeredSubgraphs, syntheticCitizen, loadRegistry } from '@enplan/lib';
import { demoClaims, issueDemoToken } from '@enplan/gateway/src/auth/demoTokens';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEV_JWT_SECRET } from '@enplan/gateway/src/config';

const ROUNDS = Number(process.env.ROUNDS ?? 4);
const ROUND_S = Number(process.env.ROUND_S ?? 6);
const CONNECTIONS = 10;
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
const CAN_PIN = spawnSync('taskset', ['-c', '0,1', 'true']).status === 0;
const children: ChildProcess[] = [];

function spawnPinned(cpu: number, entry: string, env: Record<string, string>): ChildProcess {
  const args = CAN_PIN ? ['-c', String(cpu), process.execPath, entry] : [entry];
  const child = spawn(CAN_PIN ? 'taskset' : process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function freePort(): Promise<number> {
  const server = createNetServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function healthy(port: number): Promise<void> {
  for (let i = 0; i < 1_200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`port ${port} not healthy`);
}

/** CPU ms (user + system) of a process, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** `connections` clients posting the bodies in turn for `seconds`; latencies in ms. */
async function load(url: string, token: string, bodies: string[], seconds: number) {
  let next = 0;
  let failed = 0;
  let degraded = 0;
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: bodies[next++ % bodies.length],
        });
        // A timed-out department or consent service still answers 200, with *_UNAVAILABLE errors.
        if ((await response.text()).includes('_UNAVAILABLE')) degraded += 1;
        if (response.status !== 200) failed += 1;
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, failed, degraded, rps: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  loadRegistry();
  const beforeEntry = process.argv[2];
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-obs-bench-'));
  // An OTLP/HTTP sink that accepts and drops, as a collector would (its cost is not the gateway's).
  let exportedBytes = 0;
  const sink = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (exportedBytes += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => sink.once('listening', resolve));
  const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

  const urls: Record<string, string> = {};
  const ports = new Map<string, number>();
  for (const { name } of registeredSubgraphs()) ports.set(name, await freePort());
  const consentUrl = `http://127.0.0.1:${ports.get('consent')}`;
  for (const { name } of registeredSubgraphs()) {
    const port = ports.get(name) as number;
    spawnPinned(0, `subgraphs/${name}/dist/index.js`, {
      PORT: String(port),
      METRICS_PORT: '0',
      DATA_DIR: dataDir,
      SYNTHETIC_CITIZENS: '200',
      CONSENT_URL: consentUrl,
    });
    urls[`SUBGRAPH_URL_${name.toUpperCase()}`] = `http://127.0.0.1:${port}/graphql`;
  }
  await Promise.all([...ports.values()].map(healthy));

  const tracing = { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl };
  const variants: Array<{ id: string; entry: string; env: Record<string, string> }> = [
    ...(beforeEntry ? [{ id: 'before #18', entry: beforeEntry, env: {} }] : []),
    { id: 'tracing off (default)', entry: 'gateway/dist/index.js', env: {} },
    { id: 'tracing on, 5 % sampled (default sampler)', entry: 'gateway/dist/index.js', env: tracing },
    { id: 'tracing on, 100 % sampled', entry: 'gateway/dist/index.js', env: { ...tracing, OTEL_TRACES_SAMPLER: 'always_on' } },
  ];
  const gateways = [];
  for (const variant of variants) {
    const port = await freePort();
    const child = spawnPinned(1, variant.entry, { ...urls, PORT: String(port), METRICS_PORT: '0', ...variant.env });
    await healthy(port);
    gateways.push({ ...variant, url: `http://127.0.0.1:${port}/graphql`, pid: child.pid as number });
  }
  // taskset execs node in place, so the pid is the gateway's own.

  const token = async (who: string) =>
    issueDemoToken(demoClaims(who)!, { secret: DEV_JWT_SECRET, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE });
  const section = 'caseworker { name } goals { description } actions { title legalBasis followUpDate } nextFollowUp';
  const onePlan = `query CitizenPlan($cpr: ID!) { citizen(cpr: $cpr) { plan { coordinatingCaseworker { name } status
    employment { ${section} } social { ${section} } children { ${section} } }
    employment { kind status benefits { kind monthlyAmountDkk } healthNotes { summary } } social { kind status } family { kind } } }`;
  const caseload = `query Caseload($cprs: [ID!]!) { citizens(cprs: $cprs) { cpr plan { status employment { nextFollowUp } social { nextFollowUp } }
    employment { kind status } social { kind status } } }`;
  const cprs = Array.from({ length: 50 }, (_, i) => syntheticCitizen(i).cpr);
  const workloads = [
    {
      id: 'one-plan (Bo, 50 citizens rotating)',
      token: await token('cw-soc-1'),
      bodies: cprs.map((cpr) => JSON.stringify({ query: onePlan, variables: { cpr } })),
    },
    {
      id: 'caseload-50 (Anna)',
      token: await token('cw-emp-1'),
      bodies: [JSON.stringify({ query: caseload, variables: { cprs } })],
    },
  ];

  const results: Record<
    string,
    Record<
      string,
      Array<{ rps: number; p50Ms: number; p99Ms: number; cpuMsPerRequest: number; failed: number; degraded: number }>
    >
  > = {};
  for (const workload of workloads) {
    results[workload.id] = {};
    for (const gateway of gateways) {
      results[workload.id]![gateway.id] = [];
      await load(gateway.url, workload.token, workload.bodies, 2); // warm-up
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const gateway of gateways) {
        const cpu0 = cpuMs(gateway.pid);
        const run = await load(gateway.url, workload.token, workload.bodies, ROUND_S);
        const cpuMsPerRequest = (cpuMs(gateway.pid) - cpu0) / run.requests;
        results[workload.id]![gateway.id]!.push({
          rps: run.rps,
          p50Ms: run.p50Ms,
          p99Ms: run.p99Ms,
          cpuMsPerRequest,
          failed: run.failed,
          degraded: run.degraded,
        });
        process.stderr.write(
          `${workload.id} | ${gateway.id} | round ${round + 1}: ${run.rps.toFixed(0)} req/s, ${cpuMsPerRequest.toFixed(2)} CPU ms/req\n`,
        );
      }
    }
  }

  // Paired per round against the first gateway (the one before #18, else tracing off): the box's
  // speed drifts between rounds, a ratio within one round cancels most of that.
  const reference = gateways[0]!.id;
  const summary = Object.fromEntries(
    Object.entries(results).map(([workload, byGateway]) => [
      workload,
      Object.fromEntries(
        Object.entries(byGateway).map(([gateway, rounds]) => {
          const base = byGateway[reference]!;
          return [
            gateway,
            {
              rps: median(rounds.map((r) => r.rps)),
              p50Ms: median(rounds.map((r) => r.p50Ms)),
              p99Ms: median(rounds.map((r) => r.p99Ms)),
              cpuMsPerRequest: median(rounds.map((r) => r.cpuMsPerRequest)),
              rpsRatio: median(rounds.map((r, i) => r.rps / base[i]!.rps)),
              cpuRatio: median(rounds.map((r, i) => r.cpuMsPerRequest / base[i]!.cpuMsPerRequest)),
              failed: rounds.reduce((sum, r) => sum + r.failed, 0),
              degraded: rounds.reduce((sum, r) => sum + r.degraded, 0),
            },
          ];
        }),
      ),
    ]),
  );
  const foreignLoad = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const out = {
    at: new Date().toISOString(),
    reference,
    loadAverageAtEnd: foreignLoad,
    rounds: ROUNDS,
    roundSeconds: ROUND_S,
    connections: CONNECTIONS,
    pinned: CAN_PIN,
    exportedBytes,
    summary,
    results,
  };
  writeFileSync(join(REPO_ROOT, 'bench', 'results', 'observability.json'), JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  sink.close();
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0); // keep-alive sockets to the stopped services would only report their closing
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
