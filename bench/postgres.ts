/**
 * The bench (bench/src/run.ts) with the consent service and the plan subgraph on PostgreSQL instead
 * of their SQLite files (issue #15: the caseload workload on both). Starts Debian's PostgreSQL on a free port, on the
 * backends' core, with fsync on and `synchronous_commit = off` (what SQLite's WAL with
 * `synchronous = NORMAL` promises: consistent after a crash, the last commits possibly lost), one
 * database per subgraph, and runs the compiled bench against it. Writes bench/results/latest-postgres.md.
 *
 *   npm run bench:postgres     (BENCH_GATEWAYS / BENCH_WORKLOADS as for npm run bench;
 *                               default: the baseline and enplan with its memory cache, every workload)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, loadRegistry } from '@enplan/lib';
import { PostgresServer } from '../test/src/postgresServer';
import { pinSelf } from './src/processes';

/** The subgraphs that keep their data in PostgreSQL here. */
const ON_POSTGRES = ['consent', 'plan'];

async function main(): Promise<void> {
  loadRegistry();
  // The server inherits this core (the load generator's and backends'), leaving the other to the gateway under test.
  pinSelf(0);
  const postgres = await PostgresServer.start({ durable: true });
  try {
    const env: Record<string, string> = {
      BENCH_GATEWAYS: 'baseline,enplan-memory',
      BENCH_RESULTS_NAME: 'latest-postgres',
      BENCH_WITHDRAWALS: '0',
      BENCH_DATABASE_NOTE: 'Debian PostgreSQL on the backends core, fsync on, synchronous_commit off',
    };
    for (const name of ON_POSTGRES) env[`BENCH_DATABASE_URL_${name.toUpperCase()}`] = await postgres.createDatabase(name);
    const bench = spawn(process.execPath, [join(REPO_ROOT, 'bench', 'dist', 'src', 'run.js')], {
      cwd: REPO_ROOT,
      env: { ...env, ...process.env },
      stdio: 'inherit',
    });
    const code = await new Promise<number>((resolve) => bench.once('exit', (c) => resolve(c ?? 1)));
    process.exitCode = code;
  } finally {
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
