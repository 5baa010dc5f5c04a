import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { INBOX_API_PATH, REPO_ROOT, isKitDepartment, registeredSubgraphs } from '@enplan/lib';

/**
 * Processes run compiled JavaScript, as `npm start` and the Docker image do, so we measure what
 * operators run: a workspace's `src/x.ts` is its `dist/x.js` (npm run build), the bench's own
 * `bench/src/x.ts` is `bench/dist/src/x.js` (tsc -p bench, which `npm run bench` runs first).
 */
export function compiled(entry: string): string[] {
  if (entry.endsWith('.js')) return [entry];
  // The stand-alone scripts beside bench/src borrow the tests' harness: they run through tsx.
  if (/^bench\/[^/]+\.ts$/.test(entry)) return [join(REPO_ROOT, 'bench', 'node_modules', 'tsx', 'dist', 'cli.mjs'), entry];
  if (entry.startsWith('bench/')) return [entry.replace(/^bench\/(.*)\.ts$/, 'bench/dist/$1.js')];
  return [entry.replace(/^(.*)\/src\/(.*)\.ts$/, '$1/dist/$2.js')];
}

/**
 * Gateway environment for the throughput benches and the soak: they drive each workload from one
 * token over many connections, so per-actor fair shares would measure the limiter, not the gateway.
 * bench/demandControl.ts measures the fair shares themselves.
 */
export const WITHOUT_FAIR_SHARES: Readonly<Record<string, string>> = {
  RATE_LIMIT_PER_SECOND: '0',
  MAX_CONCURRENT_EXPENSIVE: '1000',
};

/** `taskset` exists and may pin to both cores of this box. */
export const CAN_PIN = spawnSync('taskset', ['-c', '0,1', 'true']).status === 0;
const NODE = realpathSync(process.execPath);
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** `taskset -c <cpu list>` in front of a command when pinning is possible. */
export function pinned(cpu: number | string | undefined, command: string, args: string[]): [string, string[]] {
  return CAN_PIN && cpu !== undefined ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args];
}

/** Pins this (orchestrating) process and all its threads to one core, so it stays off the gateway's core. */
export function pinSelf(cpu: number): void {
  if (CAN_PIN) spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)]);
}

/** Runs `node <entry> <args>` (compiled) to completion (pinned to `cpu`), feeding `input` on stdin; resolves with its stdout. */
export function runScript(entry: string, args: string[], cpu: number | string, input = ''): Promise<string> {
  const [command, argv] = pinned(cpu, process.execPath, [...compiled(entry), ...args]);
  const child = spawn(command, argv, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${entry} exited with ${code}: ${err.slice(-2000)}`)),
    );
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Service {
  name: string;
  port: number;
  origin: string;
  child: ChildProcess;
  /** The process that serves (the node process under `taskset`). Set once healthy. */
  pid: number;
  /** The last lines the process wrote to stderr, for a useful message when it dies. */
  stderr: string[];
}

const running: ChildProcess[] = [];

/** Starts `node <entry>` (compiled; optionally pinned to one core) with `env` on top of ours; waits for /health. */
export async function startService(name: string, entry: string, env: Record<string, string>, cpu?: number): Promise<Service> {
  const port = Number(env.PORT);
  const [command, args] = pinned(cpu, process.execPath, [...compiled(entry)]);
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.push(child);
  const service: Service = { name, port, origin: `http://127.0.0.1:${port}`, child, pid: child.pid ?? -1, stderr: [] };
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    service.stderr.push(...chunk.split('\n').filter(Boolean));
    service.stderr.splice(0, Math.max(0, service.stderr.length - 20));
  });
  await waitForHealth(service);
  service.pid = leafProcess(child.pid ?? -1);
  return service;
}

export interface Subgraphs {
  services: Map<string, Service>;
  /** Each subgraph's environment, to start it again the same way. */
  env: Map<string, Record<string, string>>;
}

/** Starts the registry's subgraphs (a kit department beside its vendor stand-in) on free ports over `dataDir`, seeded with `citizens`; the plan subgraph asks the consent service. */
export async function startSubgraphs(
  dataDir: string,
  citizens: number,
  cpu?: number,
  extraEnv: (name: string) => Record<string, string> = () => ({}),
): Promise<Subgraphs> {
  const ports = new Map(await Promise.all(registeredSubgraphs().map(async ({ name }) => [name, await freePort()] as const)));
  const consentUrl = `http://127.0.0.1:${ports.get('consent')}`;
  const inboxUrl = `http://127.0.0.1:${ports.get('plan')}${INBOX_API_PATH}`;
  const result: Subgraphs = { services: new Map(), env: new Map() };
  await Promise.all(
    registeredSubgraphs().map(async ({ name }) => {
      const env = {
        PORT: String(ports.get(name)),
        DATA_DIR: dataDir,
        SYNTHETIC_CITIZENS: String(citizens),
        CONSENT_URL: consentUrl,
        INBOX_URL: inboxUrl,
        ...extraEnv(name),
      };
      if (!isKitDepartment(name)) {
        result.env.set(name, env);
        result.services.set(name, await startService(name, `subgraphs/${name}/src/index.ts`, env, cpu));
        return;
      }
      // A kit department reads the system behind it: the demo's stand-in, served from its description.
      const vendorPort = String(await freePort());
      const vendor = { PORT: vendorPort, KIT_DEPARTMENT: name };
      result.services.set(`${name}-vendor`, await startService(`${name}-vendor`, 'tools/dist/vendor.js', vendor, cpu));
      const kitEnv = { ...env, KIT_DEPARTMENT: name, VENDOR_URL: `http://127.0.0.1:${vendorPort}` };
      result.env.set(name, kitEnv);
      result.services.set(name, await startService(name, 'tools/dist/kitDepartment.js', kitEnv, cpu));
    }),
  );
  return result;
}

/**
 * Every subgraph over `dataDir` (seeded with `citizens`) and one enplan gateway in front of them,
 * without per-actor fair shares, once the gateway is ready (/health answers before the supergraph
 * and the consent service are there; /ready waits for both).
 */
export async function startFederation(dataDir: string, citizens: number): Promise<{ subgraphs: Subgraphs; gateway: Service }> {
  const subgraphs = await startSubgraphs(dataDir, citizens);
  const urls = Object.fromEntries(
    [...subgraphs.services].map(([name, s]) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `${s.origin}/graphql`]),
  );
  const gateway = await startService('gateway', 'gateway/src/index.ts', {
    PORT: String(await freePort()),
    ...urls,
    ...WITHOUT_FAIR_SHARES,
  });
  const deadline = Date.now() + 120_000;
  while (
    !(await fetch(`${gateway.origin}/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`the gateway was not ready after 120 s:\n${gateway.stderr.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { subgraphs, gateway };
}

export async function waitForHealth(
  service: Pick<Service, 'name' | 'origin' | 'child' | 'stderr'>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null)
      throw new Error(`${service.name} exited (${service.child.exitCode}):\n${service.stderr.join('\n')}`);
    try {
      if ((await fetch(`${service.origin}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${service.name} not healthy after ${timeoutMs / 1000} s:\n${service.stderr.join('\n')}`);
}

/** Follows node children down from `pid` to the node process that serves (`taskset` execs it; a launcher may fork it). */
function leafProcess(pid: number): number {
  const isNodeChildOf = (entry: string, parent: number) => {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return (
        Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent && readlinkSync(`/proc/${entry}/exe`) === NODE
      );
    } catch {
      return false;
    }
  };
  for (;;) {
    const children = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && isNodeChildOf(entry, pid));
    if (children.length !== 1) return pid;
    pid = Number(children[0]);
  }
}

/** Peak resident set (VmHWM) in MiB: the kernel's own high-water mark, so no sampling can miss a peak. */
export function peakRssMiB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Current resident set (VmRSS) in MiB: what the soak test samples to see whether memory stays flat. */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** CPU time (user + system) the process has used, in ms: the cost per request, independent of who bottlenecks. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** CPU busy time of the whole machine (all cores) in ms, from /proc/stat. */
export function machineBusyMs(): number {
  const [, user, nice, system, , , irq, softirq, steal] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .map(Number);
  return (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 1000) / CLK_TCK;
}

/**
 * CPU used by this process and everything it started (reaped children included), in ms. The
 * machine's busy time minus this is what other jobs on the box took during a run.
 */
export function treeCpuMs(root: number = process.pid): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {
      // gone meanwhile
    }
  }
  let ticks = 0;
  const visit = (pid: number) => {
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, { ppid }] of stats) if (ppid === pid) visit(child);
  };
  visit(root);
  return (ticks * 1000) / CLK_TCK;
}

/** Cores used over `ms` by processes this bench did not start (other jobs on a shared box). */
export async function foreignCores(ms: number): Promise<number> {
  const [busy0, tree0] = [machineBusyMs(), treeCpuMs()];
  await new Promise((resolve) => setTimeout(resolve, ms));
  return Math.max(0, machineBusyMs() - busy0 - (treeCpuMs() - tree0)) / ms;
}

export async function startRedis(port: number, dir: string, cpu?: number): Promise<Service> {
  const [command, args] = pinned(cpu, 'redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ]);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.push(child);
  const service: Service = { name: 'redis', port, origin: `redis://127.0.0.1:${port}`, child, pid: child.pid ?? -1, stderr: [] };
  const deadline = Date.now() + 10_000;
  while (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG') {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return service;
}

export async function stopService(service: Service): Promise<void> {
  if (service.child.exitCode !== null) return;
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
  if (service.child.exitCode === null) service.child.kill('SIGKILL');
}

/** Stops everything this bench started, by pid, and only that. */
export function stopAll(): void {
  for (const child of running) if (child.exitCode === null) child.kill('SIGTERM');
}
