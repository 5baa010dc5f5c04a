import type { StatementSync } from 'node:sqlite';
/**
 * Rule 7 on the embedded default: one gateway (memory cache, TTL 10 min, no Redis), the consent
 * service on its SQLite file. For each of N synthetic citizens: Anna's read is cached (checked),
 * another process withdraws the consent with a plain UPDATE on the file, and the gateway is watched
 * until it drops the citizen. Reports, on the system-wide monotonic clock both processes share:
 *
 * - announcement: the other process's COMMIT → the gateway dropped the citizen (the journal's poll,
 *   the read, the server-sent event);
 * - propagation: COMMIT → the gateway's first denial (one full request more);
 * - the price of the journal for the service's own writes: `withdraw` on the store of a file at
 *   schema 3 (no triggers, no watcher) against one at schema 4 (trigger, watcher check, prune).
 *
 *   npx tsx bench/withdrawalAtTheSourceSqlite.ts [N=100]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { migrateSqlite, openDatabase, silentLogger, syntheticCitizens, loadRegistry } from '@enplan/lib';
import { SqliteConsentStore, toRow, type ConsentStore } from '@enplan/subgraph-consent/src/ConsentStore';
import { openConsentDatabase } from '@enplan/subgraph-consent/src/openConsentDatabase';
import { CONSENT_SCHEMA, SQLITE_MIGRATIONS } from '@enplan/subgraph-consent/src/schema';
import { consentSeed } from '@enplan/subgraph-consent/src/seed';
import { TestFederation } from '../test/src/federation';
import { readSocialCase } from '../test/src/redisTestSupport';
import { summary } from './src/stats';

const count = Number(process.argv[2] ?? 100);
/** CLOCK_MONOTONIC, the same in every process on the machine, in ms. */
const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

/** A process of its own holding a connection to the file: runs each SQL line, answers with its COMMIT time. */
function sqlProcess(file: string) {
  const script = `const db = new (require('node:sqlite').DatabaseSync)(process.argv[1], { timeout: 5000 });
    require('node:readline').createInterface({ input: process.stdin }).on('line', (sql) => {
      db.exec(sql);
      process.stdout.write(String(Number(process.hrtime.bigint()) / 1e6) + '\\n');
    });`;
  const child = spawn(process.execPath, ['-e', script, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    /** Resolves with the monotonic time (ms) at which the other process committed. */
    async run(sql: string): Promise<number> {
      child.stdin.write(sql.replace(/\n/g, ' ') + '\n');
      const { value, done } = await answers.next();
      if (done) throw new Error('the SQL process ended');
      return Number(value);
    },
    stop: () => child.kill(),
  };
}

async function propagation() {
  const federation = await TestFederation.start({
    syntheticCitizens: count,
    gatewayEnv: { DECISION_CACHE_TTL_MS: '600000', RATE_LIMIT_PER_SECOND: '0' },
  });
  const gateway = federation.gateway;
  const other = sqlProcess(join(federation.dataDir, 'consent.sqlite'));
  try {
    /** Anna's read: allowed or denied; anything else ends the run. */
    const verdict = async (cpr: string) => {
      const answer = await readSocialCase(gateway.url, cpr);
      if (typeof answer === 'object') throw new Error(`unexpected answer: ${JSON.stringify(answer.unexpected)}`);
      return answer;
    };
    // Observe (not change) when the gateway hears of a change.
    const waiting = new Map<string, (at: number) => void>();
    const evict = gateway.decisionCache.evictCitizen.bind(gateway.decisionCache);
    gateway.decisionCache.evictCitizen = (cpr: string, sequence?: number) => {
      waiting.get(cpr)?.(monotonicMs());
      return evict(cpr, sequence);
    };
    const dropped = (cpr: string) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the gateway never heard of the change')), 5_000);
        waiting.set(cpr, (at) => {
          clearTimeout(timer);
          waiting.delete(cpr);
          resolve(at);
        });
      });
    const announced: number[] = [];
    const propagated: number[] = [];
    let firstRequestDenied = 0;
    for (const citizen of syntheticCitizens(count)) {
      const calls = gateway.consentClient.decisionCalls;
      if ((await verdict(citizen.cpr)) !== 'allowed' || (await verdict(citizen.cpr)) !== 'allowed')
        throw new Error(`citizen #${citizen.index} is denied before the withdrawal`);
      if (gateway.consentClient.decisionCalls !== calls + 1)
        throw new Error(`citizen #${citizen.index}: the decision was not cached`);
      const id = `CON-${String(1000 + citizen.index).padStart(6, '0')}`;
      const heard = dropped(citizen.cpr);
      const committedAt = await other.run(
        `UPDATE consents SET withdrawn_at = ${Date.now()}, withdrawn_by = 'bench' WHERE id = '${id}'`,
      );
      announced.push((await heard) - committedAt);
      let attempts = 1;
      while ((await verdict(citizen.cpr)) !== 'denied') {
        if (++attempts > 1_000) throw new Error(`citizen #${citizen.index}: the gateway never denied`);
      }
      if (attempts === 1) firstRequestDenied += 1;
      propagated.push(monotonicMs() - committedAt);
    }
    return { announcementMs: summary(announced, 3), propagationMs: summary(propagated, 3), firstRequestDenied };
  } finally {
    other.stop();
    await federation.stop();
  }
}

/** Microseconds per `withdraw` of the service's own, on a file without the journal and on one with it. */
async function ownWrites(rounds = 200) {
  const dir = mkdtempSync(join(tmpdir(), 'enplan-bench-journal-'));
  const timed = async (store: ConsentStore) => {
    const micros: number[] = [];
    for (const citizen of syntheticCitizens(rounds)) {
      const start = monotonicMs();
      await store.withdraw(`CON-${String(1000 + citizen.index).padStart(6, '0')}`, Date.now(), 'bench', null);
      micros.push((monotonicMs() - start) * 1000);
    }
    return summary(micros, 3);
  };
  try {
    const before = openDatabase(join(dir, 'schema3.sqlite'));
    migrateSqlite(before, CONSENT_SCHEMA, SQLITE_MIGRATIONS.slice(0, 3));
    const plain = new SqliteConsentStore(before);
    const insert = before.prepare(
      `INSERT INTO consents VALUES (@id, @cpr, @grantor_cpr, @grantor_capacity, @purpose, @valid_from, @valid_until,
        @provisions, @evidence_method, @recorded_by, @recorded_at, @document_ref, @withdrawn_at, @withdrawn_by,
        @supersedes, @superseded_by)`,
    );
    // The rows carry the columns later migrations add: a schema-3 table takes what it has.
    (insert as unknown as StatementSync).setAllowUnknownNamedParameters(true);
    for (const consent of consentSeed(Date.now(), rounds)) insert.run(toRow(consent));
    const withoutJournal = await timed(plain);
    before.close();

    const database = await openConsentDatabase({ kind: 'sqlite', file: join(dir, 'schema4.sqlite') }, silentLogger);
    await database.store.seed(consentSeed(Date.now(), rounds));
    let heard = 0;
    database.changes.subscribe({ change: () => (heard += 1), lost: () => undefined });
    const withJournal = await timed(database.store);
    await database.close();
    if (heard !== rounds) throw new Error(`${heard} of ${rounds} own withdrawals were announced`);
    return { withoutJournalMicros: withoutJournal, withJournalMicros: withJournal };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  loadRegistry();
  const loadBefore = loadavg()[0]!;
  const report = {
    setup: 'one gateway (memory cache, TTL 10 min, no Redis), consent service on SQLite; UPDATE by another process',
    fromOtherProcess: await propagation(),
    ownWithdrawal: await ownWrites(),
    loadAverage1m: { before: +loadBefore.toFixed(2), after: +loadavg()[0]!.toFixed(2) },
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
