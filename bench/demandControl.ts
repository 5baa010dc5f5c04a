/**
 * Demand control under abuse (issue #14), on loopback, bounded in time:
 *
 * 1. the price of each refusal: gateway CPU per request (from /proc, the gateway process alone) for
 *    the 30,000-citizen request, an 84 KB query, a 5,000-deep query, a token flood and junk JSON;
 * 2. the good caller alone: Anna (cw-emp-1) reads Peter's one plan ten times a second: its quiet p99;
 * 3. 30 s of 200 concurrent abusive requests from Bo's valid token (cw-soc-1) — over-long queries,
 *    amplification batches, deep queries, token floods, junk bodies — while Anna keeps reading:
 *    her success rate and p99, and the gateway's RSS before (after a warm-up round as long as the measured one of the same
 *    mix), at its peak and once settled (up to 60 s after). The abuser runs in a process of its own.
 *
 * Runs the federation as operators do (`node tools/dist/start.js`, compiled, demo data plus 100
 * synthetic citizens, default limits) on ports from BENCH_PORT (default 5200). Writes
 * bench/results/demand-control.md.
 *
 *   npm run bench:demand            (ABUSE_SECONDS=30 ABUSE_CONCURRENCY=200 to change the load)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERSONAS, REPO_ROOT, loadRegistry } from '@enplan/lib';
import { amplificationBatch, deepQuery, overlongQuery, someCprs } from '../test/src/abusiveRequests';
import { tokenFor } from './src/workloads';
import { percentile } from './src/stats';

const PORT = Number(process.env.BENCH_PORT ?? 5200);
const ABUSE_SECONDS = Number(process.env.ABUSE_SECONDS ?? 30);
const CONCURRENCY = Number(process.env.ABUSE_CONCURRENCY ?? 200);
const QUIET_SECONDS = 10;
// As long as the measured round: refusals are paced, so only the ~20 costly requests a second the
// bucket admits grow the gateway to its working size, and a shorter round leaves it short of it.
const WARMUP_SECONDS = ABUSE_SECONDS;
const GOOD_INTERVAL_MS = 100;
const URL_ = `http://127.0.0.1:${PORT}/graphql`;
const CLK_TCK = 100;

const CITIZEN_PLAN = readFileSync(join(REPO_ROOT, 'operations', 'CitizenPlan.graphql'), 'utf8');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function processStat(pid: number): { ppid: number; cpuMs: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK };
}

function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** The launcher's child that runs the gateway. */
function gatewayPid(launcher: number): number {
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (processStat(Number(entry)).ppid !== launcher) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('gateway/dist/index.js')) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  throw new Error('gateway process not found');
}

async function waitForHealth(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error('gateway not healthy');
}

async function send(
  token: string,
  body: string | Uint8Array<ArrayBuffer>,
  timeoutMs = 30_000,
): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started };
  } catch {
    return { status: 0, text: '', ms: performance.now() - started };
  }
}

/** Gateway CPU per request and the answer, for `count` identical requests sent one after another. */
async function refusalPrice(pid: number, token: string, body: string, count: number) {
  const before = processStat(pid).cpuMs;
  const started = performance.now();
  let last = { status: 0, text: '' };
  for (let i = 0; i < count; i++) last = await send(token, body);
  return {
    cpuMs: (processStat(pid).cpuMs - before) / count,
    wallMs: (performance.now() - started) / count,
    status: last.status,
    code: /"code":"([A-Z_]+)"/.exec(last.text)?.[1] ?? '-',
  };
}

/** Anna reading Peter's one plan every GOOD_INTERVAL_MS until `stop()`: each latency, and whether it succeeded. */
function goodCaller(token: string) {
  const body = JSON.stringify({ query: CITIZEN_PLAN, variables: { cpr: PERSONAS.peter.cpr } });
  const results: Array<{ ok: boolean; ms: number }> = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const next = performance.now() + GOOD_INTERVAL_MS;
      const { status, text, ms } = await send(token, body);
      results.push({ ok: status === 200 && text.includes('"status":"ACTIVE"'), ms });
      await sleep(Math.max(0, next - performance.now()));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      const ok = results.filter((r) => r.ok);
      return {
        requests: results.length,
        successRate: ok.length / results.length,
        p50: percentile(
          ok.map((r) => r.ms),
          50,
        ),
        p99: percentile(
          ok.map((r) => r.ms),
          99,
        ),
      };
    },
  };
}

/** Runs the abusive load in a child process (this file with `abuse`), so it never competes with the good caller's event loop. */
async function runAbuser(
  token: string,
  bodies: string[],
  seconds: number,
): Promise<{ requests: number; statuses: Record<string, number> }> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bench', 'node_modules', 'tsx', 'dist', 'cli.mjs'), __filename, 'abuse'],
    {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stdin!.end(JSON.stringify({ token, bodies, seconds }));
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(out) as { requests: number; statuses: Record<string, number> };
}

/** The abuser: CONCURRENCY loops sending the bodies round-robin for `seconds`. */
async function abuse(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const { token, bodies, seconds } = JSON.parse(input) as { token: string; bodies: string[]; seconds: number };
  const encoded = bodies.map((body) => new TextEncoder().encode(body));
  const end = Date.now() + seconds * 1000;
  const statuses: Record<string, number> = {};
  let requests = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let i = worker; Date.now() < end; i++) {
        const { status } = await send(token, encoded[i % encoded.length]!, 10_000);
        requests += 1;
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  process.stdout.write(JSON.stringify({ requests, statuses }));
}

async function main(): Promise<void> {
  loadRegistry();
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-demand-bench-'));
  const launcher: ChildProcess = spawn(process.execPath, ['tools/dist/start.js'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      GATEWAY_PORT: String(PORT),
      SUBGRAPH_PORTS_FROM: String(PORT + 1),
      DATA_DIR: dataDir,
      SYNTHETIC_CITIZENS: '100',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  try {
    await waitForHealth();
    const pid = gatewayPid(launcher.pid!);
    const [anna, bo] = [await tokenFor('cw-emp-1'), await tokenFor('cw-soc-1')];
    const amplification = JSON.stringify(amplificationBatch([PERSONAS.peter.cpr, ...someCprs(99)]));
    const abusive = [
      JSON.stringify({ query: overlongQuery(84_000) }),
      amplification,
      JSON.stringify({ query: deepQuery(5_000) }),
      JSON.stringify({ query: `{${'a '.repeat(5_000)}}` }),
      '{"query": "{ citizen(cpr: ',
      JSON.stringify([1, 2, 3]),
    ];

    // Warm up (JIT, caches) with the good query, then price each refusal on an idle gateway, with a
    // token of its own (auditor) so the abuser's bucket starts full.
    for (let i = 0; i < 50; i++)
      await send(anna, JSON.stringify({ query: CITIZEN_PLAN, variables: { cpr: PERSONAS.peter.cpr } }));
    const auditor = await tokenFor('auditor');
    const prices: Array<[string, Awaited<ReturnType<typeof refusalPrice>>]> = [];
    for (const [name, body] of [
      ['30,000-citizen batch (10 ops × 30 aliases × 100 CPRs, 23 KB)', amplification],
      ['84 KB query', abusive[0]!],
      ['5,000-deep selection', abusive[2]!],
      ['5,000-token query', abusive[3]!],
      ['junk JSON', abusive[4]!],
    ] as const) {
      // 20 per second fit the default bucket: pace under it, and rest between kinds for it to refill.
      prices.push([name, await refusalPrice(pid, auditor, body, 40)]);
      await sleep(3_000);
    }

    // A first round of the same mix (Anna reading, Bo abusing) brings the gateway to its
    // working size (V8's heap, caches and malloc's arenas grow once and are reused); the measured round
    // must not grow it further.
    const rssIdle = rssMiB(pid);
    const warmup = goodCaller(anna);
    await runAbuser(bo, abusive, WARMUP_SECONDS);
    await warmup.stop();
    await sleep(5_000);
    const rssStart = rssMiB(pid);
    const quiet = goodCaller(anna);
    await sleep(QUIET_SECONDS * 1000);
    const quietResult = await quiet.stop();

    const loud = goodCaller(anna);
    const cpuBefore = processStat(pid).cpuMs;
    const abuse = await runAbuser(bo, abusive, ABUSE_SECONDS);
    const abuseCpuMs = processStat(pid).cpuMs - cpuBefore;
    const loudResult = await loud.stop();
    const rssPeak = rssMiB(pid, 'VmHWM');
    // V8 and malloc give memory back lazily: wait (up to a minute) for the RSS to settle.
    const settleStart = performance.now();
    let rssEnd = rssMiB(pid);
    while (rssEnd > 1.1 * rssStart && performance.now() - settleStart < 60_000) {
      await sleep(1_000);
      rssEnd = rssMiB(pid);
    }
    const settleS = (performance.now() - settleStart) / 1000;
    // A second round of the same abuse: bounded memory stays where the first round left it.
    const loadDuring = loadavg()[0] ?? Number.NaN;
    await runAbuser(bo, abusive, ABUSE_SECONDS);
    await sleep(10_000);
    const rssAfterSecond = rssMiB(pid);

    const checks = [
      [
        '30,000-citizen request refused with COST_LIMIT_EXCEEDED in < 50 ms gateway CPU',
        prices[0]![1].code === 'COST_LIMIT_EXCEEDED' && prices[0]![1].cpuMs < 50,
      ],
      ['good caller ≥ 95 % success under abuse', loudResult.successRate >= 0.95],
      ['good caller p99 ≤ 3 × quiet p99', loudResult.p99 <= 3 * quietResult.p99],
      ['gateway RSS back to at most 10 % above its start', rssEnd <= 1.1 * rssStart],
    ] as const;
    const f1 = (n: number) => n.toFixed(1);
    const report = [
      '# Demand control under abuse',
      '',
      `Run ${new Date().toISOString()} on ${cpus().length} shared cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, loopback,`,
      'compiled services (`node tools/dist/start.js`), default limits, demo data plus 100 synthetic citizens.',
      'Made by `npm run bench:demand` (bench/demandControl.ts). Gateway CPU is read from /proc for the gateway',
      'process alone (10 ms ticks, averaged over 40 requests sent one after another).',
      '',
      '| check | result |',
      '|---|---|',
      ...checks.map(([name, ok]) => `| ${name} | ${ok ? 'pass' : '**FAIL**'} |`),
      '',
      '## The price of a refusal (idle gateway)',
      '',
      '| request | answer | gateway CPU per request | wall time per request |',
      '|---|---|---|---|',
      ...prices.map(([name, p]) => `| ${name} | ${p.status} ${p.code} | ${f1(p.cpuMs)} ms | ${f1(p.wallMs)} ms |`),
      '',
      `## ${ABUSE_SECONDS} s of ${CONCURRENCY} concurrent abusive requests (Bo, cw-soc-1) while Anna (cw-emp-1) reads Peter's one plan every ${GOOD_INTERVAL_MS} ms`,
      '',
      '| | requests | success | p50 | p99 |',
      '|---|---|---|---|---|',
      `| Anna, quiet (${QUIET_SECONDS} s) | ${quietResult.requests} | ${f1(quietResult.successRate * 100)} % | ${f1(quietResult.p50)} ms | ${f1(quietResult.p99)} ms |`,
      `| Anna, under abuse | ${loudResult.requests} | ${f1(loudResult.successRate * 100)} % | ${f1(loudResult.p50)} ms | ${f1(loudResult.p99)} ms |`,
      '',
      `Abusive requests answered: ${abuse.requests} (${f1(abuse.requests / ABUSE_SECONDS)}/s), by status: ${Object.entries(
        abuse.statuses,
      )
        .map(([s, n]) => `${s === '0' ? 'no answer' : s} × ${n}`)
        .join(', ')}.`,
      'The abuser runs in a process of its own (same machine, same priority: it competes for the 2 cores too).',
      `Gateway CPU during the abuse: ${f1(abuseCpuMs / 1000)} s in ${ABUSE_SECONDS} s (${f1(abuseCpuMs / ABUSE_SECONDS / 10)} % of one core).`,
      '',
      `Gateway RSS: ${f1(rssIdle)} MiB idle after start-up and pricing; ${f1(rssStart)} MiB after a ${WARMUP_SECONDS} s warm-up round of the same mix`,
      `(the start the check compares with); ${f1(rssPeak)} MiB at its peak (VmHWM, up to the end of the ${ABUSE_SECONDS} s round); ${f1(rssEnd)} MiB ${f1(settleS)} s after it (the first sample, once a second, at most 10 % above the start)`,
      `(${f1(((rssEnd - rssStart) / rssStart) * 100)} %); ${f1(rssAfterSecond)} MiB 10 s after a second ${ABUSE_SECONDS} s round of the same abuse (${f1(((rssAfterSecond - rssEnd) / rssEnd) * 100)} % on the first).`,
      '',
      `Machine load (1-minute load average, other engineers' work included): ${f1(loadAtStart)} at the start, ${f1(loadDuring)} after the abuse.`,
      '',
    ].join('\n');
    writeFileSync(join(REPO_ROOT, 'bench', 'results', 'demand-control.md'), report);
    process.stdout.write(report);
    if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    launcher.kill('SIGTERM');
    await sleep(1_000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

(process.argv[2] === 'abuse' ? abuse() : main()).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
