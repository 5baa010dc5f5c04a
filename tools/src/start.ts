import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { INBOX_API_PATH, REPO_ROOT, SUBGRAPHS } from '@enplan/lib';

/**
 * `npm start`: the whole federation with demo data on this machine — five subgraphs over SQLite
 * files in DATA_DIR (default ./data, created and seeded on first start), the gateway with an
 * in-memory decision cache. No Redis, no Docker. Ctrl-C stops everything.
 *
 * Ports: GATEWAY_PORT (default 4000) and SUBGRAPH_PORTS_FROM (default 4001, one port per subgraph).
 */
const gatewayPort = Number(process.env.GATEWAY_PORT ?? 4000);
const firstSubgraphPort = Number(process.env.SUBGRAPH_PORTS_FROM ?? 4001);
const dataDir = process.env.DATA_DIR ?? join(REPO_ROOT, 'data');
const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, entry: string, env: Record<string, string>): void {
  const child = spawn(process.execPath, [entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => {
    if (stopping) return;
    process.stderr.write(`${name} exited (code ${code}); stopping enplan.\n`);
    stop(1);
  });
  children.push(child);
}

function stop(code: number): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

async function waitForHealth(port: number, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become healthy on port ${port} within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  const urls: Record<string, string> = {};
  const port = (name: string) => firstSubgraphPort + SUBGRAPHS.findIndex((s) => s.name === name);
  // The plan subgraph asks the consent service who may see a joint plan.
  const consentUrl = `http://127.0.0.1:${port('consent')}`;
  // The consent service delivers the citizen's receipts to the plan subgraph's inbox.
  const inboxUrl = `http://127.0.0.1:${port('plan')}${INBOX_API_PATH}`;
  for (const { name } of SUBGRAPHS) {
    urls[`SUBGRAPH_URL_${name.toUpperCase()}`] = `http://127.0.0.1:${port(name)}/graphql`;
    run(name, `subgraphs/${name}/dist/index.js`, { PORT: String(port(name)), DATA_DIR: dataDir, CONSENT_URL: consentUrl, INBOX_URL: inboxUrl });
  }
  await Promise.all(SUBGRAPHS.map(({ name }, i) => waitForHealth(firstSubgraphPort + i, name)));
  run('gateway', 'gateway/dist/index.js', { PORT: String(gatewayPort), ...urls });
  await waitForHealth(gatewayPort, 'gateway');
  process.stdout.write(
    [
      '',
      `enplan is running: http://127.0.0.1:${gatewayPort}/graphql  (data in ${dataDir})`,
      '',
      'Get a demo token, then ask for Peter\'s one plan as his coordinating caseworker Anna:',
      '  TOKEN=$(npm run -s token -- cw-emp-1)',
      `  curl -s http://127.0.0.1:${gatewayPort}/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
      `    -d '{"query":"{ citizen(cpr: \\"0101804321\\") { plan { status employment { goals { description } } } social { kind substanceAbuseTreatment { title } } } }"}'`,
      '',
      'Tokens: cw-emp-1 (Anna, jobcentre), cw-soc-1 (Bo, adult social services), cw-chi-1 (Clara, children and family),',
      '        a persona\'s CPR for the citizen (e.g. 0101804321 for Peter), or auditor. Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  stop(1);
});
