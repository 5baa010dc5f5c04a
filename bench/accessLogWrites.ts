/**
 * The consent service's per-request write cost, in isolation: POST /internal/access-log with a
 * caseload's worth of entries (50 citizens per request), from C concurrent callers, against one
 * consent service on SQLite and on PostgreSQL (a real server on a free port). Reports latency per
 * write and entries per second; group commit shows as throughput growing with concurrency. Wall
 * times depend on what else the machine runs; so it also reports the consent service's own CPU
 * time per write (process.cpuUsage, the database server's CPU not included), which depends less.
 *
 *   npx tsx bench/accessLogWrites.ts [writesPerCaller=200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConsentClient,
  GATEWAY_ISSUER,
  silentLogger,
  startSubgraphServer,
  syntheticCitizens,
  type AccessLogInput,
  loadRegistry,
} from '@enplan/lib';
import { createConsentSubgraph } from '@enplan/subgraph-consent/src/server';
import { devGatewayKey, devGatewayVerifier } from '../test/src/devSigning';
import { PostgresServer } from '../test/src/postgresServer';
import { percentile } from './src/stats';

const writesPerCaller = Number(process.argv[2] ?? 200);
const ENTRIES = 50;

const caseload: AccessLogInput[] = syntheticCitizens(ENTRIES).map((c) => ({
  actorId: 'cw-emp-1',
  actorName: 'Anna',
  actorDepartment: 'EMPLOYMENT',
  cpr: c.cpr,
  ownerDepartment: 'SOCIAL',
  categories: ['CASE', 'PLAN'],
  purpose: 'ONE_PLAN',
  decision: 'DISCLOSED',
  consentId: `CON-${1000 + c.index}`,
  operationName: 'Caseload',
  reason: 'permit',
}));

async function measure(backend: string, options: { databaseFile: string; databaseUrl?: string }) {
  const instance = await createConsentSubgraph({ ...options, pruneIntervalMs: 0 });
  const running = await startSubgraphServer(
    instance.module,
    { verifier: devGatewayVerifier('consent'), logger: silentLogger },
    0,
  );
  const client = new ConsentClient({
    baseUrl: new URL(running.url).origin,
    signingKey: devGatewayKey(),
    timeoutMs: 30_000,
    callerId: GATEWAY_ISSUER,
  });
  const rows = [];
  try {
    for (let i = 0; i < 20; i++) await client.writeAccessLog(caseload); // warm up
    for (const callers of [1, 4, 16]) {
      const latencies: number[] = [];
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: callers }, async () => {
          for (let i = 0; i < writesPerCaller; i++) {
            const t = performance.now();
            await client.writeAccessLog(caseload);
            latencies.push(performance.now() - t);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      latencies.sort((x, y) => x - y);
      rows.push({
        backend,
        callers,
        writes: latencies.length,
        msPerWrite: { p50: +percentile(latencies, 50).toFixed(2), p99: +percentile(latencies, 99).toFixed(2) },
        writesPerSecond: Math.round(latencies.length / seconds),
        // Caller and service share this process: the callers' fetch is counted too (an upper bound).
        cpuMsPerWrite: +((cpu.user + cpu.system) / 1000 / latencies.length).toFixed(3),
        entriesPerSecond: Math.round((latencies.length * ENTRIES) / seconds),
      });
    }
    const verified = await instance.accessLog.verify();
    if (!verified.ok) throw new Error(`chain broken: ${JSON.stringify(verified)}`);
  } finally {
    await running.stop();
    await instance.close();
  }
  return rows;
}

async function main(): Promise<void> {
  loadRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'enplan-bench-log-'));
  const postgres = await PostgresServer.start();
  try {
    const results = [
      ...(await measure('SQLite', { databaseFile: join(dir, 'consent.sqlite') })),
      ...(await measure('PostgreSQL', {
        databaseFile: join(dir, 'unused.sqlite'),
        databaseUrl: await postgres.createDatabase('bench'),
      })),
    ];
    process.stdout.write(JSON.stringify({ entriesPerWrite: ENTRIES, results }, null, 2) + '\n');
  } finally {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
