import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  INBOX_API_PATH,
  REPO_ROOT,
  demoCaseworkers,
  registeredSubgraphs,
  loadRegistry,
  vendorPortOf,
  isKitDepartment,
} from '@enplan/lib';
import { firstTakenPort } from './ports';

/**
 * `npm start`: the whole federation with demo data on this machine — the subgraphs over SQLite files
 * in DATA_DIR (default ./data, created and seeded on first start), the gateway with an in-memory
 * decision cache. No Redis, no PostgreSQL, no Docker.
 *
 * It tells the truth: it refuses to start when a port is taken (naming it, exit 1), reports each
 * service as it becomes ready, and stops every service it started when it is stopped (Ctrl-C,
 * SIGTERM to it or to npm, or npm itself going away).
 *
 * Ports: GATEWAY_PORT (default 4000) and SUBGRAPH_PORTS_FROM (default 4001, one port per subgraph).
 */
interface Service {
  name: string;
  entry: string;
  args?: string[];
  port: number;
  env: Record<string, string>;
}

const HOST = '127.0.0.1';
const STOP_GRACE_MS = 5_000;
const READY_TIMEOUT_MS = 60_000;

const gatewayPort = Number(process.env.GATEWAY_PORT ?? 4000);
const firstSubgraphPort = Number(process.env.SUBGRAPH_PORTS_FROM ?? 4001);
const dataDir = process.env.DATA_DIR ?? join(REPO_ROOT, 'data');
const started = Date.now();
const running = new Map<string, ChildProcess>();
let stopping = false;

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`${line}\n`);

function plan(): { subgraphs: Service[]; gateway: Service } {
  const portOf = (name: string) => firstSubgraphPort + registeredSubgraphs().findIndex((s) => s.name === name);
  // The plan subgraph asks the consent service who may see a joint plan.
  const consentUrl = `http://${HOST}:${portOf('consent')}`;
  // The consent service delivers the citizen's receipts to the plan subgraph's inbox.
  const inboxUrl = `http://${HOST}:${portOf('plan')}${INBOX_API_PATH}`;
  // Where each subgraph listens: for the gateway, and for the plan subgraph's candidate finder, which asks the departments.
  const urls = Object.fromEntries(
    registeredSubgraphs().map(({ name }) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `http://${HOST}:${portOf(name)}/graphql`]),
  );
  const env = { DATA_DIR: dataDir, CONSENT_URL: consentUrl, INBOX_URL: inboxUrl, ...urls };
  const subgraphs = registeredSubgraphs().flatMap(({ name }): Service[] => {
    if (!isKitDepartment(name)) return [{ name, entry: join('subgraphs', name, 'dist', 'index.js'), port: portOf(name), env }];
    // A kit department, and the demo's stand-in for the system behind it, from the same description.
    const vendorPort = vendorPortOf(portOf(name));
    return [
      { name: `${name}-vendor`, entry: join('tools', 'dist', 'vendor.js'), args: [name], port: vendorPort, env: {} },
      {
        name,
        entry: join('tools', 'dist', 'kitDepartment.js'),
        args: [name],
        port: portOf(name),
        env: { ...env, VENDOR_URL: `http://${HOST}:${vendorPort}` },
      },
    ];
  });
  return { subgraphs, gateway: { name: 'gateway', entry: join('gateway', 'dist', 'index.js'), port: gatewayPort, env: urls } };
}

function launch(service: Service): ChildProcess {
  const child = spawn(process.execPath, [service.entry, ...(service.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...service.env, PORT: String(service.port), HOST },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  running.set(service.name, child);
  child.once('exit', (code, signal) => {
    running.delete(service.name);
    if (stopping) return;
    process.stderr.write(
      `enplan: ${service.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.\n`,
    );
    void stop(1);
  });
  return child;
}

async function waitUntilReady(service: Service, child: ChildProcess): Promise<void> {
  const since = Date.now();
  const deadline = since + READY_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null && !stopping) {
    try {
      if ((await fetch(`http://${HOST}:${service.port}/health`, { signal: AbortSignal.timeout(1_000) })).ok) {
        say(`  ✓ ${service.name.padEnd(10)} ready on :${service.port} (${seconds(since)})`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!stopping)
    throw new Error(`${service.name} did not become ready on port ${service.port} within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Stops every service (SIGTERM, then SIGKILL after a grace period) and exits with `code`. */
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const children = [...running.values()];
  const exited = children.map(
    (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))),
  );
  for (const child of children) child.kill('SIGTERM');
  const killer = setTimeout(() => children.forEach((child) => child.kill('SIGKILL')), STOP_GRACE_MS);
  await Promise.all(exited);
  clearTimeout(killer);
  process.exit(code);
}

/** npm may go away without signalling us (killed, or its shell did not forward): then stop too. */
function stopWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop(0);
  }, 500).unref();
}

/** How to get a token: demo tokens are signed with JWT_SECRET; with JWKS_URL they come from the identity provider. */
function tokenHint(): string[] {
  if (process.env.JWKS_URL) {
    return ['Tokens: the gateway verifies tokens from your identity provider (JWKS_URL); demo tokens do not apply.'];
  }
  return [
    "Get a demo token, then ask for Peter's one plan as his coordinating caseworker Anna:",
    '  TOKEN=$(./enplan token cw-emp-1)   # signed with JWT_SECRET when set, else the development secret',
    `  curl -s http://${HOST}:${gatewayPort}/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
    `    -d '{"query":"{ citizen(cpr: \\"0101804321\\") { plan { joint { status } employment { goals { description } } } social { kind substanceAbuseTreatment { title } } } }"}'`,
    '',
    // The registry's demo caseworkers: a department added to federation.json shows up here too.
    `Tokens: ${demoCaseworkers()
      .map((c) => `${c.id} (${c.name}, ${c.department})`)
      .join(', ')},`,
    "        a persona's CPR for the citizen (e.g. 0101804321 for Peter), or auditor. `npm run reset` restores the demo data.",
  ];
}

async function main(): Promise<void> {
  loadRegistry();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop(0));
  stopWithParent();
  const { subgraphs, gateway } = plan();
  const services = [gateway, ...subgraphs];

  const taken = await firstTakenPort(HOST, services);
  if (taken) {
    process.stderr.write(
      `enplan cannot start: port ${taken.port} (${taken.name}) on ${HOST} is already in use — is enplan already running?\n` +
        'Stop what uses it, or choose other ports: GATEWAY_PORT=5000 SUBGRAPH_PORTS_FROM=5001 npm start\n',
    );
    process.exit(1);
  }

  say(`enplan: starting ${subgraphs.length} subgraphs and the gateway (data in ${dataDir})`);
  await Promise.all(subgraphs.map((service) => waitUntilReady(service, launch(service))));
  await waitUntilReady(gateway, launch(gateway));
  say(
    [
      '',
      `enplan is running: http://${HOST}:${gatewayPort}/graphql  (ready in ${seconds(started)}; Ctrl-C stops everything)`,
      `The web app for caseworkers and citizens: http://${HOST}:${gatewayPort}/  (pick a demo persona)`,
      '',
      ...tokenHint(),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`enplan: ${error instanceof Error ? error.message : String(error)}\n`);
  void stop(1);
});
