import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, registeredSubgraphs, loadRegistry } from '@enplan/lib';
import { startCountingProxy, type CountingProxy } from './countingProxy';
import { runLoad, type LoadSpec } from './load';
import {
  CAN_PIN,
  cpuMs,
  foreignCores,
  freePort,
  machineBusyMs,
  peakRssMiB,
  pinSelf,
  runScript,
  startRedis,
  startService,
  startSubgraphs,
  stopAll,
  stopService,
  treeCpuMs,
  WITHOUT_FAIR_SHARES,
  type Service,
} from './processes';
import { toMarkdown, writeResults, type FetchCount, type GatewayId, type Results, type Run } from './report';
import {
  CASELOAD_QUERY,
  ONE_PLAN_QUERY,
  WORKLOADS as ALL_WORKLOADS,
  body,
  citizenPlan,
  cprs,
  tokenFor,
  type WorkloadId,
} from './workloads';

/**
 * `npm run bench`: the price of consent. Starts the five subgraphs once (10,000 synthetic citizens),
 * four gateways side by side on them, and drives them in alternating rounds with autocannon. See
 * bench/README.md for how to read the output. BENCH_* variables shrink it for a quick try.
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SETTINGS = {
  citizens: env('BENCH_CITIZENS', 10_000),
  // More, shorter rounds rather than fewer long ones: this VM's speed drifts by ±25 % over minutes,
  // and alternating A B C D often is what cancels that out of the medians.
  durationS: env('BENCH_DURATION_S', 6),
  warmUpS: env('BENCH_WARMUP_S', 3),
  rounds: env('BENCH_ROUNDS', 5),
  connections: env('BENCH_CONNECTIONS', 10),
  withdrawals: env('BENCH_WITHDRAWALS', 100),
};
/** BENCH_GATEWAYS / BENCH_WORKLOADS (comma-separated ids) run a subset, e.g. the caseload on PostgreSQL. */
const only = <T extends { id: string }>(all: ReadonlyArray<T>, variable: string): ReadonlyArray<T> => {
  const ids = process.env[variable]?.split(',').filter(Boolean);
  if (!ids) return all;
  const unknown = ids.filter((id) => !all.some((x) => x.id === id));
  if (unknown.length > 0)
    throw new Error(`${variable}: unknown ${unknown.join(', ')} (known: ${all.map((x) => x.id).join(', ')})`);
  return all.filter((x) => ids.includes(x.id));
};
/**
 * BENCH_DATABASE_URL_<SUBGRAPH> (e.g. _CONSENT): that subgraph's DATABASE_URL, instead of its SQLite
 * file (bench/postgres.ts starts a PostgreSQL and sets them).
 */
const databaseUrls = (name: string): Record<string, string> => {
  const url = process.env[`BENCH_DATABASE_URL_${name.toUpperCase()}`];
  return url ? { DATABASE_URL: url } : {};
};
/** Before each run, wait (at most perRunS, budgetS in all) until other processes use at most maxForeignCores. */
const QUIET = { maxForeignCores: 0.2, perRunS: 15, budgetS: env('BENCH_QUIET_BUDGET_S', 90) };
/** The 2-core layout: load generator, subgraphs, Redis and this orchestrator on core 0; the gateway under test alone on core 1. */
const LOAD_CPU = 0;
const BACKEND_CPU = 0;
const GATEWAY_CPU = 1;

const ALL_GATEWAYS: ReadonlyArray<{ id: GatewayId; label: string; entry: string; redis?: boolean }> = [
  { id: 'baseline', label: 'baseline (@apollo/gateway, no consent)', entry: 'bench/src/baselineGateway.ts' },
  { id: 'enplan-memory', label: 'enplan, memory cache', entry: 'gateway/src/index.ts' },
  { id: 'enplan-redis', label: 'enplan, REDIS_URL', entry: 'gateway/src/index.ts', redis: true },
  { id: 'hive', label: 'Hive Gateway (no consent)', entry: 'bench/src/hiveGateway.ts' },
];
const GATEWAYS = only(ALL_GATEWAYS, 'BENCH_GATEWAYS');
const WORKLOADS = only(ALL_WORKLOADS, 'BENCH_WORKLOADS');
const ENPLAN_WITH_DECISION_CACHE: GatewayId[] = ['enplan-memory', 'enplan-redis'];

const log = (message: string) => process.stdout.write(`[bench] ${message}\n`);

async function post(url: string, token: string, payload: string): Promise<{ status: number; json: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: payload,
  });
  return { status: response.status, json: await response.json() };
}

async function main(): Promise<void> {
  loadRegistry();
  const started = Date.now();
  const notes: string[] = [
    "Hive Gateway runs with its in-flight deduplication of identical subgraph requests off (its key ignores the per-user Actor header; Apollo's gateway does not deduplicate).",
    "enplan fetches from subgraphs with Node's own fetch (undici); the baseline keeps @apollo/gateway's default fetcher (make-fetch-happen), as the plain gateway ships. That choice is part of enplan, and it lowers enplan's gateway CPU per request by about a tenth.",
    "Every gateway's requests that select a citizen's joint plan make the plan subgraph ask the consent service who may see it (one call per request), so that cost lands on the subgraphs' core for all four gateways alike.",
    "enplan sends the entity fetches of one query-plan step to one subgraph in one call (each `_entities` under its own alias; see _Calls per client request_); the plain gateways send each fetch on its own. That saves the subgraphs a request's fixed cost (HTTP, signature check, execution, disclosure-log transaction) per merged fetch, which is why enplan can exceed 1.",
  ];
  pinSelf(LOAD_CPU);
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-bench-'));
  process.once('exit', () => {
    stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const plan = citizenPlan(SETTINGS.citizens, SETTINGS.rounds, ENPLAN_WITH_DECISION_CACHE.length);

  // Backends: Redis and the five subgraphs, seeded once.
  log(
    `seeding and starting ${registeredSubgraphs().length} subgraphs with ${SETTINGS.citizens} synthetic citizens in ${dataDir}`,
  );
  const redis = await startRedis(await freePort(), dataDir, BACKEND_CPU);
  const subgraphs = (await startSubgraphs(dataDir, SETTINGS.citizens, BACKEND_CPU, databaseUrls)).services;
  for (const { name } of registeredSubgraphs())
    if (databaseUrls(name).DATABASE_URL)
      notes.push(`The ${name} subgraph ran on PostgreSQL (${process.env.BENCH_DATABASE_NOTE ?? 'DATABASE_URL'}).`);
  const subgraphEnv = (origin: (name: string) => string) =>
    Object.fromEntries(
      registeredSubgraphs().map(({ name }) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `${origin(name)}/graphql`]),
    );
  const directUrls = subgraphEnv((name) => (subgraphs.get(name) as Service).origin);

  // The gateways under test, side by side, each in its own process on the gateway core.
  const gateways = new Map<GatewayId, Service & { label: string; health: unknown }>();
  for (const g of GATEWAYS) {
    const extra: Record<string, string> = g.redis ? { REDIS_URL: `redis://127.0.0.1:${redis.port}` } : {};
    const service = await startService(
      g.id,
      g.entry,
      { PORT: String(await freePort()), ...directUrls, ...extra, ...WITHOUT_FAIR_SHARES },
      GATEWAY_CPU,
    );
    const health = await (await fetch(`${service.origin}/health`)).json().catch(() => ({}));
    gateways.set(g.id, { ...service, label: g.label, health });
    log(`${g.label} on ${service.origin} (pid ${service.pid})`);
  }
  const url = (g: GatewayId) => `${(gateways.get(g) as Service).origin}/graphql`;

  const tokens = { 'cw-soc-1': await tokenFor('cw-soc-1'), 'cw-emp-1': await tokenFor('cw-emp-1') };
  const onePlanBodies = (from: number, count: number) => cprs(from, count).map((cpr) => body(ONE_PLAN_QUERY, { cpr }));
  const caseloadBody = body(CASELOAD_QUERY, { cprs: cprs(plan.cached.caseload, plan.cached.count) });
  const uncachedSlot = (g: GatewayId, round: number | 'warm-up') =>
    plan.uncached(Math.max(0, ENPLAN_WITH_DECISION_CACHE.indexOf(g)), round);
  const runs: Run[] = [];
  const spec = (g: GatewayId, workload: WorkloadId, round: number | 'warm-up'): LoadSpec => {
    const common = {
      url: url(g),
      connections: SETTINGS.connections,
      durationS: round === 'warm-up' ? SETTINGS.warmUpS : SETTINGS.durationS,
    };
    if (workload === 'one-plan')
      return { ...common, token: tokens['cw-soc-1'], bodies: onePlanBodies(plan.cached.onePlan, plan.cached.count) };
    if (workload === 'caseload-50') return { ...common, token: tokens['cw-emp-1'], bodies: [caseloadBody] };
    // Every body once: `amount` stops the run before any citizen could come round again (autocannon
    // builds one request ahead per connection). Sized from this round's workload (1) to last about as long.
    const slot = uncachedSlot(g, round);
    const cachedRps = runs.find((r) => r.gateway === g && r.round === round && r.workload === 'one-plan')?.rps ?? Infinity;
    const amount = Math.min(slot.count - 2 * SETTINGS.connections - 5, Math.ceil(cachedRps * SETTINGS.durationS));
    return { ...common, token: tokens['cw-soc-1'], bodies: onePlanBodies(slot.from, slot.count), amount };
  };

  // Sanity: the answers are what each gateway should give (consent denials from enplan only).
  const sanity: Results['sanity'] = [];
  for (const g of gateways.keys()) {
    for (const w of WORKLOADS) {
      const s = spec(g, w.id, 'warm-up'); // not round 0: its uncached citizens must stay unseen
      const { status, json } = await post(s.url, s.token, s.bodies[0] as string);
      const errorCodes = Object.fromEntries(
        ((json.errors ?? []) as any[]).map((e) => [(e.path ?? []).join('.'), String(e.extensions?.code)]),
      );
      sanity.push({ gateway: g, workload: w.id, status, errorCodes });
    }
  }

  // On a shared 2-core box other jobs (test runs) distort a run badly: start each run when the box is
  // quiet, within a budget, and report the foreign load that remained.
  let waitedS = 0;
  const waitForQuiet = async () => {
    const start = Date.now();
    while (
      (await foreignCores(500)) > QUIET.maxForeignCores &&
      Date.now() - start < QUIET.perRunS * 1000 &&
      waitedS < QUIET.budgetS
    ) {
      waitedS += 0.5;
    }
  };
  const measure = async (g: GatewayId, workload: WorkloadId, round: number | 'warm-up') => {
    const gateway = gateways.get(g) as Service;
    if (round !== 'warm-up') await waitForQuiet();
    const backends = [...subgraphs.values(), redis];
    const backendMs = () => backends.map((s) => cpuMs(s.pid));
    const [cpu0, backend0, busy0, tree0] = [cpuMs(gateway.pid), backendMs(), machineBusyMs(), treeCpuMs()];
    const result = await runLoad(spec(g, workload, round), LOAD_CPU);
    const [cpu1, backend1, busy1, tree1] = [cpuMs(gateway.pid), backendMs(), machineBusyMs(), treeCpuMs()];
    const perRequest = (ms: number) => ms / Math.max(1, result.requests);
    if (round === 'warm-up') return;
    const wallMs = result.durationS * 1000;
    const run: Run = {
      ...result,
      gateway: g,
      workload,
      round,
      gatewayCpuMsPerRequest: perRequest(cpu1 - cpu0),
      gatewayCoreUse: (cpu1 - cpu0) / wallMs,
      backendCpuMsPerRequest: perRequest(backend1.reduce((a, b) => a + b, 0) - backend0.reduce((a, b) => a + b, 0)),
      backendCpuMsPerRequestBy: Object.fromEntries(
        backends.map((s, i) => [s.name, perRequest((backend1[i] as number) - (backend0[i] as number))]),
      ),
      backendCoreUse: (backend1.reduce((a, b) => a + b, 0) - backend0.reduce((a, b) => a + b, 0)) / wallMs,
      foreignCores: Math.max(0, busy1 - busy0 - (tree1 - tree0)) / wallMs,
    };
    runs.push(run);
    if (workload === 'one-plan-uncached' && run.wrapped > 0)
      notes.push(`${g} round ${round}: ${run.wrapped} uncached requests repeated a citizen.`);
    log(
      `round ${round + 1} ${workload} ${g}: ${run.rps.toFixed(0)} req/s p50 ${run.p50Ms} ms p99 ${run.p99Ms} ms cpu ${run.gatewayCpuMsPerRequest.toFixed(2)} ms/req non-2xx ${run.non2xx}`,
    );
  };

  log('warm-up');
  for (const g of gateways.keys()) for (const w of WORKLOADS) await measure(g, w.id, 'warm-up');
  for (let round = 0; round < SETTINGS.rounds; round++) {
    for (const w of WORKLOADS) for (const g of gateways.keys()) await measure(g, w.id, round);
  }
  if (waitedS > 0)
    notes.push(
      `Waited ${waitedS} s in all for other jobs on the box to quiet down before runs (budget ${QUIET.budgetS} s); "foreign cores" is what they still used during each run.`,
    );
  const peakRss = new Map([...gateways].map(([g, s]) => [g, peakRssMiB(s.pid)]));

  // Calls per request, counted by proxies in front of the subgraphs, for fresh gateway instances.
  await waitForQuiet();
  log('counting subgraph and consent calls per request for caseloads of 1, 10 and 100');
  const proxies = new Map<string, CountingProxy>();
  for (const [name, s] of subgraphs) proxies.set(name, await startCountingProxy(s.origin));
  const proxiedUrls = subgraphEnv((name) => (proxies.get(name) as CountingProxy).origin);
  const fetchCounts: FetchCount[] = [];
  let nextCitizen = plan.counting.from;
  for (const g of ['enplan-memory', 'baseline'] as const) {
    const entry = (GATEWAYS.find((x) => x.id === g) as (typeof GATEWAYS)[number]).entry;
    const counted = await startService(
      `${g}-counted`,
      entry,
      {
        PORT: String(await freePort()),
        ...proxiedUrls,
        CONSENT_URL: (proxies.get('consent') as CountingProxy).origin,
        ...WITHOUT_FAIR_SHARES,
      },
      GATEWAY_CPU,
    );
    for (const n of [1, 10, 100]) {
      const payload = body(CASELOAD_QUERY, { cprs: cprs(nextCitizen, n) });
      nextCitizen += n;
      for (const cached of g === 'baseline' ? [false] : [false, true]) {
        for (const p of proxies.values()) p.reset();
        const { status, json } = await post(`${counted.origin}/graphql`, tokens['cw-emp-1'], payload);
        if (status !== 200 || json.errors || json.data?.citizens?.length !== n)
          notes.push(`call count for ${g}, ${n} citizens: unexpected answer ${JSON.stringify(json).slice(0, 200)}`);
        const calls: Record<string, number> = {};
        for (const [name, p] of proxies) for (const [path, count] of p.counts) calls[`${name} ${path}`] = count;
        fetchCounts.push({ gateway: g, citizens: n, cached, calls });
      }
    }
    await stopService(counted);
  }
  for (const p of proxies.values()) await p.close();

  // Withdrawal across two gateways sharing Redis: bench/withdrawalPropagation.ts, run as it is. It
  // brings its own federation (in one process) and Redis, so ours is stopped first and it gets both cores.
  for (const s of [...gateways.values(), ...subgraphs.values(), redis]) await stopService(s);
  const withdrawal: Results['withdrawal'] = { ran: false, note: '' };
  if (SETTINGS.withdrawals > 0) {
    await waitForQuiet();
    log(`withdrawal propagation: ${SETTINGS.withdrawals} withdrawals (bench/withdrawalPropagation.ts)`);
    try {
      const output = await runScript(
        'bench/withdrawalPropagation.ts',
        [String(SETTINGS.withdrawals)],
        `${LOAD_CPU},${GATEWAY_CPU}`,
      );
      Object.assign(withdrawal, JSON.parse(output.slice(output.indexOf('{'))), {
        ran: true,
        note:
          'Measured by bench/withdrawalPropagation.ts on both cores: two gateways and the subgraphs in one node process, one Redis. ' +
          'The time includes one full read through gateway B, so it is an upper bound of the propagation itself.',
      });
    } catch (error) {
      withdrawal.note = `bench/withdrawalPropagation.ts failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  } else {
    withdrawal.note = 'BENCH_WITHDRAWALS=0.';
  }

  const results: Results = {
    startedAt: new Date(started).toISOString(),
    machine: {
      nproc: cpus().length,
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      pinning: CAN_PIN
        ? `taskset: load generator, subgraphs, Redis and orchestrator on core ${LOAD_CPU}; each gateway on core ${GATEWAY_CPU} (one under load at a time)`
        : 'none (taskset not available)',
    },
    settings: {
      citizens: SETTINGS.citizens,
      durationS: SETTINGS.durationS,
      warmUpS: SETTINGS.warmUpS,
      rounds: SETTINGS.rounds,
      connections: SETTINGS.connections,
      uncachedPerRun: plan.perRun,
    },
    gateways: Object.fromEntries(
      [...gateways].map(([g, s]) => [g, { label: s.label, health: s.health, peakRssMiB: peakRss.get(g) ?? NaN }]),
    ) as Results['gateways'],
    sanity,
    runs,
    fetchCounts,
    withdrawal,
    notes,
    totalSeconds: (Date.now() - started) / 1000,
  };
  const markdown = toMarkdown(results, WORKLOADS);
  const files = writeResults(join(REPO_ROOT, 'bench', 'results'), results, markdown, process.env.BENCH_RESULTS_NAME);
  process.stdout.write(`\n${markdown}\n`);
  log(`written: ${files.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
