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
const INJECTIONS = Number(process.env.FAULTS_INJECTIONS ?? 4);
const SCHEDULES: ReadonlyArray<{ id: string; backend: string; schedule: Schedule }> = [
  {
    id: 'consent-sqlite',
    backend: 'SQLite',
    schedule: { federation: { backend: 'sqlite' }, faults: [consentCrash], injections: INJECTIONS, calmMs: 1_500 },
  },
  {
    id: 'consent-postgres',
    backend: 'PostgreSQL, 2 replicas',
    schedule: { federation: { backend: 'postgres' }, faults: [consentCrash], injections: INJECTIONS, calmMs: 1_500 },
  },
  {
    id: 'postgres',
    backend: 'PostgreSQL, 2 replicas',
    schedule: { federation: { backend: 'postgres' }, faults: [postgresImmediateStop], injections: INJECTIONS, calmMs: 1_500 },
  },
  {
    id: 'department',
    backend: 'SQLite',
    schedule: { federation: { backend: 'sqlite' }, faults: [departmentCrash], injections: INJECTIONS, calmMs: 1_500 },
  },
  {
    id: 'redis',
    backend: 'SQLite',
    schedule: { federation: { backend: 'sqlite' }, faults: [redisCrash], injections: INJECTIONS, calmMs: 1_500 },
  },
  {
    id: 'disk',
    backend: 'SQLite on a 16 MiB tmpfs',
    schedule: {
      federation: { backend: 'sqlite', consentDiskMiB: 16 },
      faults: [diskFull],
      injections: INJECTIONS,
      calmMs: 1_500,
    },
  },
  {
    id: 'clock',
    backend: 'SQLite, libfaketime',
    schedule: {
      federation: { backend: 'sqlite', fakeConsentClock: true },
      faults: [clockStep],
      injections: INJECTIONS,
      calmMs: 1_500,
      clockSlackMs: CLOCK_STEP_MS,
    },
  },
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
        }`,
    ),
    '',
    problems.length === 0 ? 'No problem found.' : ['Problems:', '', ...problems].join('\n'),
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
  }
}, 900_000);
