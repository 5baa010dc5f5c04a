import {
  CLOCK_STEP_MS,
  clockStep,
  consentCrash,
  departmentCrash,
  diskFull,
  postgresImmediateStop,
  redisCrash,
  runSchedule,
  type ScheduleResult,
} from './faults/schedule';

/**
 * Faults at the worst moment (issue #32), each kind once or twice, as CI runs them: the federation as
 * real processes (from the build) under a steady mixed load, faults injected in the middle of it, and
 * the checker of what the clients were told. `npm run faults` runs each kind more often and writes
 * bench/results/faults.md. Needs root for the disk-full fault (a tmpfs is mounted) and libfaketime
 * (`apt-get install -y faketime`) for the clock.
 */
function expectNothingLostOrUnrecorded(result: ScheduleResult): void {
  expect(result.disclosuresChecked).toBeGreaterThan(0);
  expect(result.withdrawalsChecked).toBeGreaterThan(0);
  expect(result.writesAcknowledged).toBeGreaterThan(0);
  expect({
    disclosuresWithoutRecord: result.disclosuresWithoutRecord,
    duplicateRecords: result.duplicateRecords,
    lostWrites: result.lostWrites,
    withdrawalsUndone: result.withdrawalsUndone,
    logVerified: result.logVerified,
    // A fault is answered with a DESIGN code (DEPARTMENT_UNAVAILABLE, CONSENT_UNAVAILABLE), never as an internal error.
    internalErrors: result.errorCodes.INTERNAL_SERVER_ERROR ?? 0,
  }).toEqual({
    disclosuresWithoutRecord: [],
    duplicateRecords: [],
    lostWrites: [],
    withdrawalsUndone: [],
    logVerified: true,
    internalErrors: 0,
  });
}

describe('faults at the worst moment', () => {
  it(
    'SQLite: consent service killed mid-append, its clock stepped, its disk full, a department killed, Redis killed; ' +
      'every disclosure recorded once, every acknowledged write kept, every withdrawal in force',
    async () => {
      const faults = [consentCrash, clockStep, diskFull, departmentCrash, redisCrash];
      const result = await runSchedule({
        federation: { backend: 'sqlite', fakeConsentClock: true, consentDiskMiB: 16 },
        faults,
        injections: faults.length,
        calmMs: 500,
        clockSlackMs: CLOCK_STEP_MS,
      });
      expectNothingLostOrUnrecorded(result);
      expect(Object.keys(result.recoveryMs)).toEqual(faults.map((f) => f.kind));
    },
    120_000,
  );

  it('PostgreSQL, two consent replicas: a replica killed mid-append, PostgreSQL stopped (immediate) mid-load', async () => {
    const faults = [consentCrash, postgresImmediateStop];
    const result = await runSchedule({ federation: { backend: 'postgres' }, faults, injections: faults.length, calmMs: 500 });
    expectNothingLostOrUnrecorded(result);
    expect(Object.keys(result.recoveryMs)).toEqual(faults.map((f) => f.kind));
  }, 120_000);
});
