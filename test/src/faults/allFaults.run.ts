import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@enplan/lib';
import {
  CLOCK_STEP_MS,
  clockStep,
  consentCrash,
  departmentCrash,
  diskFull,
  postgresImmediateStop,
  redisCrash,
  runSchedule,
  type Schedule,
  type ScheduleResult,
} from './schedule';

/**
 * `npm run faults`: every fault kind of issue #32, several times each, against the federation as
 * real processes, and the report bench/results/faults.md. Bounded: a few minutes on two cores.
 * FAULTS_ONLY=<comma-separated ids> runs some of them; FAULTS_INJECTIONS sets how often each is injected.
 */
const INJECTIONS = Number(process.env.FAULTS_INJECTIONS ?? 3);
const SCHEDULES: ReadonlyArray<{ id: string; backend: string; schedule: Schedule }> = (
  [
    ['consent-sqlite', 'SQLite', { backend: 'sqlite' }, consentCrash],
    ['consent-postgres', 'PostgreSQL, 2 replicas', { backend: 'postgres' }, consentCrash],
    ['postgres', 'PostgreSQL, 2 replicas', { backend: 'postgres' }, postgresImmediateStop],
    ['department', 'SQLite', { backend: 'sqlite' }, departmentCrash],
    ['redis', 'SQLite', { backend: 'sqlite' }, redisCrash],
    ['disk', 'SQLite on a 16 MiB tmpfs', { backend: 'sqlite', consentDiskMiB: 16 }, diskFull],
    ['clock', 'SQLite, libfaketime', { backend: 'sqlite', fakeConsentClock: true }, clockStep],
  ] as const
).map(([id, backend, federation, fault]) => ({
  id,
  backend,
  schedule: {
    federation,
    faults: [fault],
    injections: INJECTIONS,
    calmMs: 1_500,
    ...(fault === clockStep && { clockSlackMs: CLOCK_STEP_MS }),
  },
}));

/** What the harness found when it first ran (issue #32), each fixed with a regression test. */
const FOUND = [
  "- **A withdrawal undone by a clock step.** Found: the consent service's clock stepped 8 s ahead while Jonas withdrew;" +
    ' stepped back, his consent read SCHEDULED (or ACTIVE) again until the true time reached the instant the withdrawal' +
    ' recorded. Cause: `consentStatus` treated `withdrawnAt` as an instant in time (`withdrawnAt <= now`). Fix: a withdrawal' +
    ' is in force from the moment it is stored (subgraphs/consent/src/decide.ts); regression: decide.test, faultSchedule.test.',
  '- **A full disk named as "cannot rollback".** Found: with the consent service\'s tmpfs full, its log said "cannot rollback -' +
    ' no transaction is active" instead of "database or disk is full". Cause: on SQLITE_FULL SQLite rolls the transaction back' +
    ' itself, and `inTransaction` then threw from its own ROLLBACK. Fix: roll back only an open transaction, rethrow the' +
    ' original error (lib/src/sqlite.ts); regression: lib/src/sqlite.test.ts. The file was never corrupted; writes were refused.',
  "- **Joint-plan records without their request.** Found: the checker matches records by request id; the plan subgraph's" +
    ' records of joint-plan reads and changes had none. Fix: the consent client stamps the current request id on entries' +
    ' without one (lib/src/consentClient.ts); regression: observability.test.',
  '- **A store outage answered as an internal error.** Found: 39 INTERNAL_SERVER_ERROR answers while PostgreSQL was' +
    ' stopped, 18 while the disk was full (consent and plan reads and writes). Fix: a subgraph whose store cannot work just' +
    ' now answers DEPARTMENT_UNAVAILABLE naming itself, as when it is down (lib/src/storeUnavailable.ts, formatError.ts);' +
    ' regression: storeUnavailable.test, planProcessesOnePostgres.test, faultSchedule.test (no internal error allowed).',
  '- **Not fixed: a consent given with an error answer may be in force.** When the consent service dies after its commit and' +
    ' before its answer, the citizen is told the give failed, yet the consent is stored (and its receipt, queued after the' +
    ' commit, may never be). The load therefore reads the consents before it gives again (counted above). An idempotency' +
    ' key on `giveConsent`, and the receipt in the same transaction as the consent, would close it: a schema change.',
];

const only = process.env.FAULTS_ONLY?.split(',').filter(Boolean);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function report(rows: ReadonlyArray<{ backend: string; result: ScheduleResult }>, seconds: number): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  const problems = rows.flatMap(({ result: r }) =>
    [...r.disclosuresWithoutRecord, ...r.duplicateRecords, ...r.lostWrites, ...r.withdrawalsUndone].map(
      (p) => `- ${r.kind}: ${p}`,
    ),
  );
  return [
    '# Faults at the worst moment',
    '',
    `\`npm run faults\` (test/src/faults/allFaults.run.ts), ${new Date().toISOString().slice(0, 10)}, ${Math.round(seconds)} s in all.`,
    'The federation as real processes from the build (every subgraph, two gateways sharing a password-protected Redis),',
    'under a steady mixed load: Anna and Bo reading Peter, Mette and Lars across departments, Jonas and Sofie giving and',
    'withdrawing consents (each withdrawal followed by reads on both gateways, at once and 2 s later, and the citizen',
    "reading the consent's status), Anna setting the next follow-up on Peter's plan. Each fault is injected mid-load and",
    'repaired (a killed process is started again as a supervisor would), and recovery is timed until both gateways serve',
    "Anna both departments' data about Peter again. Then the checker holds the federation to what the clients were told.",
    '',
    line([
      'fault',
      'store',
      'injections',
      'requests answered',
      'disclosures checked',
      'without a record',
      'duplicate records',
      'writes acknowledged / found',
      'withdrawals checked',
      'undone',
      'log verified',
      'recovery median / max (ms)',
    ]),
    line(Array(12).fill('---')),
    ...rows.map(({ backend, result: r }) =>
      line([
        r.kind,
        backend,
        r.injections,
        `${r.answered} of ${r.requests}`,
        r.disclosuresChecked,
        r.disclosuresWithoutRecord.length,
        r.duplicateRecords.length,
        `${r.writesAcknowledged} / ${r.writesFound}`,
        r.withdrawalsChecked,
        r.withdrawalsUndone.length,
        r.logVerified ? `yes (${r.logEntries} entries)` : `**no**: ${r.verifyOutput}`,
        `${median(Object.values(r.recoveryMs).flat())} / ${Math.max(...Object.values(r.recoveryMs).flat())}`,
      ]),
    ),
    '',
    'What the clients were told while the faults lasted (error codes, counted per error):',
    '',
    ...rows.map(
      ({ result: r }) =>
        `- ${r.kind}: ${
          Object.entries(r.errorCodes)
            .map(([code, n]) => `${code} ${n}`)
            .join(', ') || 'none'
        }; consents given with an error answer yet stored: ${r.storedThoughRefused}`,
    ),
    '',
    problems.length === 0 ? 'No problem found.' : ['Problems:', '', ...problems].join('\n'),
    '',
    'No manual step: a killed process was started again by the harness, as a supervisor would; after PostgreSQL or',
    'Redis came back, the disk had room again or the clock was right again, the services recovered by themselves.',
    'PostgreSQL runs with `fsync = off` here (test/src/postgresServer.ts): an immediate stop loses nothing the OS',
    'holds, but a power cut is not simulated; neither is one under SQLite (`synchronous = NORMAL` keeps commits across a',
    'process crash, not across a power cut).',
    '',
    '## Defects found, fixed',
    '',
    ...FOUND,
    '',
  ].join('\n');
}

it('every fault kind, with the checker after each schedule', async () => {
  const started = Date.now();
  const rows: Array<{ backend: string; result: ScheduleResult }> = [];
  for (const { id, backend, schedule } of SCHEDULES) {
    if (only && !only.includes(id)) continue;
    rows.push({ backend, result: await runSchedule(schedule) });
  }
  const markdown = report(rows, (Date.now() - started) / 1000);
  // A partial run (FAULTS_ONLY) is printed, not committed as the report.
  if (!only) writeFileSync(join(REPO_ROOT, 'bench', 'results', 'faults.md'), markdown);
  process.stdout.write(markdown);
  for (const { result } of rows) {
    expect([
      ...result.disclosuresWithoutRecord,
      ...result.duplicateRecords,
      ...result.lostWrites,
      ...result.withdrawalsUndone,
    ]).toEqual([]);
    expect(result.logVerified).toBe(true);
    expect(result.errorCodes.INTERNAL_SERVER_ERROR ?? 0).toBe(0);
  }
}, 900_000);
