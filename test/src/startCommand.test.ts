import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@enplan/lib';
import { graphql, tokenFor } from './federation';

/** A block of `count` consecutive free loopback ports. */
async function freePortBlock(count: number): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await isFree(p);
    if (ok) return base;
  }
  throw new Error('no free port block');
}

describe('npm start, the run command of the README', () => {
  let child: ChildProcess;
  let output = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-start-'));

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings up six processes with demo data and serves Peter\'s plan to Anna over HTTP', async () => {
    const base = await freePortBlock(6);
    child = spawn(process.execPath, ['tools/dist/start.js'], {
      cwd: REPO_ROOT,
      env: { ...process.env, GATEWAY_PORT: String(base), SUBGRAPH_PORTS_FROM: String(base + 1), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not running after 40 s:\n${output}`)), 40_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('enplan is running')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    expect(output).toContain(`enplan is running: http://127.0.0.1:${base}/graphql`);

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
  }, 60_000);
});
