import { clockStep, consentCrash, CLOCK_STEP_MS, runSchedule, type Schedule, type ScheduleResult } from './faults/schedule';

/**
 * Faults at the worst moment (issue #32), a few of them, as CI runs them: the federation as real
 * processes under a steady mixed load, a fault injected in the middle of it, and the checker of what
 * the clients were told. `npm run faults` runs every kind, more often (bench/results/faults.md).
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
  }).toEqual({ disclosuresWithoutRecord: [], duplicateRecords: [], lostWrites: [], withdrawalsUndone: [], logVerified: true });
  expect(result.recoveryMs).toHaveLength(result.injections);
}

const run = async (schedule: Schedule) => {
  const r = await runSchedule(schedule);
  console.log(JSON.stringify({ ...r, verifyOutput: r.verifyOutput }, null, 1).slice(0, 3000));
  return r;
};

describe('faults at the worst moment', () => {
  it('kill -9 of the SQLite consent service during appends: nothing disclosed unrecorded, nothing acknowledged lost', async () => {
    expectNothingLostOrUnrecorded(
      await run({ federation: { backend: 'sqlite' }, fault: consentCrash, injections: 2, calmMs: 1_500 }),
    );
  }, 120_000);

  it("the consent service's clock stepped forward during a withdrawal and back: the withdrawal stays in force", async () => {
    expectNothingLostOrUnrecorded(
      await run({
        federation: { backend: 'sqlite', fakeConsentClock: true },
        fault: clockStep,
        injections: 1,
        calmMs: 1_000,
        clockSlackMs: CLOCK_STEP_MS,
      }),
    );
  }, 120_000);
});
