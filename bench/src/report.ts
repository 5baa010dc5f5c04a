import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from './load';
import type { WorkloadId } from './workloads';
import { median } from './stats';

export type GatewayId = 'baseline' | 'enplan-memory' | 'enplan-redis' | 'hive';

/** One autocannon run against one gateway, with what the gateway process spent on it. */
export interface Run extends LoadResult {
  gateway: GatewayId;
  workload: WorkloadId;
  round: number;
  /** Gateway CPU (user + sys) per completed request: its cost, whoever was the bottleneck. */
  gatewayCpuMsPerRequest: number;
  /** CPU the subgraphs and Redis spent per request: consent decisions and access-log writes land here. */
  backendCpuMsPerRequest: number;
  /** The same, per subgraph (and redis). */
  backendCpuMsPerRequestBy: Record<string, number>;
  /** Share of core 0 the subgraphs and Redis used (with the load generator there too: near 1 = core 0 was the bottleneck). */
  backendCoreUse: number;
  /** Share of its core the gateway used during the run (1 = saturated). */
  gatewayCoreUse: number;
  /** CPU used on this box by processes that are not part of the bench, in cores (other engineers' jobs). */
  foreignCores: number;
}

export interface FetchCount {
  gateway: GatewayId;
  citizens: number;
  cached: boolean;
  /** POSTs per path per subgraph (e.g. `consent /internal/decisions`) for one client request. */
  calls: Record<string, number>;
}

/** What bench/withdrawalPropagation.ts reports (run as it is, as a child process). */
export interface Withdrawal {
  ran: boolean;
  note: string;
  withdrawals?: number;
  propagationMs?: { p50: number; p99: number; max: number };
  deniedOnFirstPoll?: number;
}

export interface Results {
  startedAt: string;
  machine: { nproc: number; node: string; cpu: string; pinning: string };
  settings: { citizens: number; durationS: number; warmUpS: number; rounds: number; connections: number; uncachedPerRun: number };
  gateways: Record<GatewayId, { label: string; health: unknown; peakRssMiB: number }>;
  sanity: Array<{ gateway: GatewayId; workload: WorkloadId; status: number; errorCodes: Record<string, string> }>;
  runs: Run[];
  fetchCounts: FetchCount[];
  withdrawal: Withdrawal;
  notes: string[];
  totalSeconds: number;
}

const fixed = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** Median over rounds of (gateway's req/s ÷ baseline's req/s in the same round). */
export function ratio(
  runs: Run[],
  gateway: GatewayId,
  workload: WorkloadId,
  metric: 'rps' | 'gatewayCpuMsPerRequest' = 'rps',
): number {
  const of = (g: GatewayId) => runs.filter((r) => r.gateway === g && r.workload === workload);
  const base = new Map(of('baseline').map((r) => [r.round, r[metric]]));
  return median(of(gateway).flatMap((r) => (base.has(r.round) ? [r[metric] / (base.get(r.round) as number)] : [])));
}

export function toMarkdown(results: Results, workloads: ReadonlyArray<{ id: WorkloadId; title: string }>): string {
  const { machine, settings } = results;
  const lines: string[] = [
    `# enplan bench: the price of consent (${results.startedAt})`,
    '',
    `Machine: ${machine.nproc} cores (${machine.cpu}), Node ${machine.node}. Pinning: ${machine.pinning}.`,
    `Load: autocannon, ${settings.connections} connections, ${settings.durationS} s per run (workload 3: a fixed number of requests, at most ${settings.uncachedPerRun}, each a new citizen, sized to last about as long), ` +
      `${settings.warmUpS} s warm-up per gateway and workload, ${settings.rounds} alternating rounds; ${settings.citizens.toLocaleString('en')} synthetic citizens. ` +
      `Numbers are medians over rounds; ratios are the median of per-round ratios against the baseline of the same round.`,
    '',
    '## Targets',
    '',
    ...targets(results).map(([what, ok, detail]) => `- ${ok ? 'MET' : 'MISSED'}: ${what} (${detail})`),
    '',
  ];
  for (const workload of workloads) {
    lines.push(
      `## ${workload.title}`,
      '',
      '| gateway | req/s | ×baseline | p50 ms | p99 ms | gateway CPU ms/req | CPU ×baseline | gateway core use | subgraphs CPU ms/req (consent) | subgraphs core use | non-2xx | errors | foreign cores |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const [gateway, info] of Object.entries(results.gateways) as Array<[GatewayId, Results['gateways'][GatewayId]]>) {
      const runs = results.runs.filter((r) => r.gateway === gateway && r.workload === workload.id);
      if (runs.length === 0) continue;
      const m = (key: keyof Run) => median(runs.map((r) => r[key] as number));
      const sum = (key: keyof Run) => runs.reduce((total, r) => total + (r[key] as number), 0);
      const isBase = gateway === 'baseline';
      lines.push(
        `| ${info.label} | ${fixed(m('rps'))} | ${isBase ? '1' : fixed(ratio(results.runs, gateway, workload.id), 2)} | ${fixed(m('p50Ms'))} | ${fixed(m('p99Ms'))} | ` +
          `${fixed(m('gatewayCpuMsPerRequest'), 2)} | ${isBase ? '1' : fixed(ratio(results.runs, gateway, workload.id, 'gatewayCpuMsPerRequest'), 2)} | ` +
          `${fixed(m('gatewayCoreUse') * 100)}% | ${fixed(m('backendCpuMsPerRequest'), 2)} (${fixed(median(runs.map((r) => r.backendCpuMsPerRequestBy.consent ?? NaN)), 2)}) | ${fixed(m('backendCoreUse') * 100)}% | ${sum('non2xx')} | ${sum('errors') + sum('timeouts')} | ${fixed(m('foreignCores'), 2)} |`,
      );
    }
    lines.push('');
  }
  lines.push('## Peak RSS (VmHWM over the whole run)', '', '| gateway | peak RSS MiB | decision cache |', '|---|---:|---|');
  for (const info of Object.values(results.gateways)) {
    const health = info.health as { decisionCache?: unknown } | undefined;
    lines.push(`| ${info.label} | ${fixed(info.peakRssMiB)} | ${health?.decisionCache ?? '–'} |`);
  }
  lines.push('', '## Calls per client request (counting proxies), caseload query by Anna', '');
  const paths = [...new Set(results.fetchCounts.flatMap((f) => Object.keys(f.calls)))].sort();
  lines.push(
    `| gateway | citizens | decisions cached | ${paths.join(' | ')} | total |`,
    `|---|---:|---|${paths.map(() => '---:').join('|')}|---:|`,
  );
  for (const f of results.fetchCounts) {
    const total = Object.values(f.calls).reduce((a, b) => a + b, 0);
    lines.push(
      `| ${results.gateways[f.gateway].label} | ${f.citizens} | ${f.gateway === 'baseline' ? '–' : f.cached ? 'yes' : 'no'} | ${paths.map((p) => f.calls[p] ?? 0).join(' | ')} | ${total} |`,
    );
  }
  const w = results.withdrawal;
  lines.push('', '## Withdrawal propagation across two gateways sharing Redis', '');
  lines.push(
    w.ran && w.propagationMs
      ? `${w.withdrawals} withdrawals: p50 **${fixed(w.propagationMs.p50, 1)} ms**, p99 **${fixed(w.propagationMs.p99, 1)} ms**, max ${fixed(w.propagationMs.max, 1)} ms ` +
          `from A's withdrawal response to B's first denial; B denied on its first read after the withdrawal ${w.deniedOnFirstPoll} times. ${w.note}`
      : `Not measured: ${w.note}`,
  );
  lines.push(
    '',
    '## Sanity check (one request per gateway and workload before the load)',
    '',
    '| gateway | workload | HTTP | errors (path → code) |',
    '|---|---|---:|---|',
  );
  for (const s of results.sanity) {
    const codes =
      Object.entries(s.errorCodes)
        .map(([path, code]) => `${path} → ${code}`)
        .join(', ') || 'none';
    lines.push(`| ${results.gateways[s.gateway].label} | ${s.workload} | ${s.status} | ${codes} |`);
  }
  if (results.notes.length > 0) lines.push('', '## Notes', '', ...results.notes.map((n) => `- ${n}`));
  lines.push('', `Total bench time: ${fixed(results.totalSeconds)} s.`, '');
  return lines.join('\n');
}

/** The targets, each with whether this run met it and the number behind it. */
export function targets(results: Results): Array<[string, boolean, string]> {
  const r1 = ratio(results.runs, 'enplan-memory', 'one-plan');
  const r2 = ratio(results.runs, 'enplan-memory', 'caseload-50');
  const decisions = results.fetchCounts
    .filter((f) => f.gateway === 'enplan-memory' && !f.cached)
    .map((f) => f.calls['consent /internal/decisions'] ?? 0);
  const p99 = results.withdrawal.propagationMs?.p99 ?? NaN;
  return [
    ['throughput enplan (memory cache) / baseline ≥ 0.90 on workload (1)', r1 >= 0.9, `median ratio ${fixed(r1, 2)}`],
    ['throughput enplan (memory cache) / baseline ≥ 0.90 on workload (2)', r2 >= 0.9, `median ratio ${fixed(r2, 2)}`],
    [
      'consent decision calls per request constant in the caseload size',
      decisions.length > 0 && decisions.every((d) => d === decisions[0]),
      `${decisions.join(', ')} for 1, 10, 100 citizens`,
    ],
    // Not a target of a run that did not measure it (BENCH_WITHDRAWALS=0).
    ...(results.withdrawal.ran
      ? [['withdrawal propagation p99 < 50 ms', p99 < 50, `p99 ${fixed(p99, 1)} ms`] as [string, boolean, string]]
      : []),
  ];
}

/** Writes <name>.md / <name>.json (default latest) and a dated copy of each to bench/results/. */
export function writeResults(dir: string, results: Results, markdown: string, name = 'latest'): string[] {
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const json = JSON.stringify(results, null, 2);
  const files = [
    [join(dir, `${name}.md`), markdown],
    [join(dir, `${name}.json`), json],
    [join(dir, `${stamp}.md`), markdown],
    [join(dir, `${stamp}.json`), json],
  ] as const;
  for (const [file, text] of files) writeFileSync(file, text);
  return files.map(([file]) => file);
}
