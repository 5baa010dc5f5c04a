import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, registeredSubgraphs } from '@enplan/lib';
import { graphql, tokenFor } from './federation';

const SERVICES = registeredSubgraphs().length + 1;

/**
 * Below the kernel's ephemeral range, which hands its ports to every `listen(0)` and outgoing
 * connection of the tests running beside this one: a block chosen there could be taken between
 * the check and the service's own listen (it was, once: EADDRINUSE).
 */
const EPHEMERAL_FROM = (() => {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
})();

/** A block of `count` consecutive free loopback ports, outside the ephemeral range. */
async function freePortBlock(count: number): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    // Each service's metrics listen 5,000 above it (lib/src/metrics.ts): those stay below the range too.
    const base = 10_000 + Math.floor(Math.random() * (Math.min(EPHEMERAL_FROM, 60_000) - 5_000 - 10_000 - count));
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await isFree(p);
    if (ok) return base;
  }
  throw new Error('no free port block');
}

/** True when something accepts connections on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
      .once('connect', () => {
        socket.destroy();
        resolve(true);
      })
      .once('error', () => resolve(false));
  });
}

/** `npm start`, exactly as the README says, on the ports from `base`; output collected. */
class NpmStart {
  readonly child: ChildProcess;
  output = '';

  constructor(base: number, dataDir: string) {
    // Under `npm test`, npm_execpath is the npm running us: use the same one with the same Node.
    const npm = process.env.npm_execpath;
    const [command, args] = npm ? [process.execPath, [npm, 'start']] : ['npm', ['start']];
    this.child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        GATEWAY_PORT: String(base),
        SUBGRAPH_PORTS_FROM: String(base + 1),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  running(timeoutMs = 90_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not running after ${timeoutMs / 1000} s:\n${this.output}`)), timeoutMs);
      const poll = setInterval(() => {
        if (!this.output.includes('enplan is running')) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }, 50);
      this.child.once('exit', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`exited with ${code}:\n${this.output}`));
      });
    });
  }

  async exitCode(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const [code] = (await once(this.child, 'exit')) as [number | null];
    return code;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await once(this.child, 'exit');
  }
}

describe('npm start, the run command of the README', () => {
  let base: number;
  let first: NpmStart;
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-start-'));

  beforeAll(async () => {
    base = await freePortBlock(SERVICES);
    first = new NpmStart(base, dataDir);
    await first.running();
  }, 120_000);

  afterAll(async () => {
    await first.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("brings up every service with demo data and serves Peter's plan to Anna over HTTP", async () => {
    expect(first.output).toContain(`enplan is running: http://127.0.0.1:${base}/graphql`);
    const result = await graphql(
      `http://127.0.0.1:${base}/graphql`,
      '{ citizen(cpr: "0101804321") { plan { joint { coordinatingCaseworker { name } } employment { nextFollowUp } } employment { kind } } }',
      { token: await tokenFor('cw-emp-1') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      citizen: {
        plan: { joint: { coordinatingCaseworker: { name: 'Anna Mortensen' } }, employment: { nextFollowUp: '2026-12-08' } },
        employment: { kind: 'Kontanthjælp, aktivitetsparat' },
      },
    });
  });

  it('shows progress from the first second: the runtime, the build, each service as it becomes ready', () => {
    expect(first.output).toMatch(/^enplan: Node 24\.\d+\.\d+\nenplan: building the services \(tsc -b\)/m);
    for (const { name } of registeredSubgraphs()) expect(first.output).toMatch(new RegExp(`✓ ${name} +ready on :\\d+`));
    expect(first.output).toMatch(new RegExp(`✓ gateway +ready on :${base}`));
  });

  it('says how to get a token under any Node, and names every demo caseworker of federation.json', () => {
    expect(first.output).toContain('  TOKEN=$(./enplan token cw-emp-1)');
    expect(first.output).toContain(
      'Tokens: cw-emp-1 (Anna Mortensen, EMPLOYMENT), cw-soc-1 (Bo Kristensen, SOCIAL), cw-chi-1 (Clara Juhl, CHILDREN), cw-hou-1 (Dorte Lind, HOUSING),',
    );
  });

  it('a second npm start on the same ports refuses, naming the port, and exits non-zero; the first keeps serving', async () => {
    const second = new NpmStart(base, dataDir);
    expect(await second.exitCode()).not.toBe(0);
    expect(second.output).toContain(`enplan cannot start: port ${base} (gateway) on 127.0.0.1 is already in use`);
    expect(second.output).not.toContain('enplan is running');
    const health = await fetch(`http://127.0.0.1:${base}/health`);
    expect(health.status).toBe(200);
  }, 120_000);
});

describe('stopping npm start', () => {
  it('SIGTERM to the npm process leaves no service listening', async () => {
    const base = await freePortBlock(SERVICES);
    const dataDir = mkdtempSync(join(tmpdir(), 'enplan-stop-'));
    try {
      const npmStart = new NpmStart(base, dataDir);
      await npmStart.running();
      const ports = Array.from({ length: SERVICES }, (_, i) => base + i);
      expect(await Promise.all(ports.map(listening))).toEqual(ports.map(() => true));

      npmStart.child.kill('SIGTERM');
      await npmStart.exitCode();
      // The launcher stops its services before it exits; allow it a moment after npm itself is gone.
      const deadline = Date.now() + 10_000;
      let open = ports;
      while (open.length > 0 && Date.now() < deadline) {
        const states = await Promise.all(open.map(listening));
        open = open.filter((_, i) => states[i]);
        if (open.length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(open).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
