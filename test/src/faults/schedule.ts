import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAS } from '@enplan/lib';
import { check, type CheckResult } from './checker';
import { FaultFederation, type FaultFederationOptions } from './faultFederation';
import { Workload } from './workload';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One kind of fault: `inject` breaks something and repairs it (as a supervisor or an operator would), the harness then times recovery. */
export interface Fault {
  kind: string;
  inject(federation: FaultFederation, workload: Workload, round: number): Promise<void>;
}

/**
 * The worst moment: a burst of cross-department reads (each a consent decision and an access-log
 * append) is sent, and the fault strikes a few milliseconds later, while their appends are in flight.
 * Resolves, after the fault, once the burst has its answers (all checked like the load's).
 */
async function midBurst(workload: Workload, fault: () => Promise<void>): Promise<void> {
  const { peter, mette, lars } = PERSONAS;
  const burst = Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      workload.read(i % 2, i % 4 < 2 ? 'cw-emp-1' : 'cw-soc-1', [peter.cpr, mette.cpr, lars.cpr][i % 3]!),
    ),
  );
  await sleep(5 + Math.random() * 30);
  await fault();
  await burst;
}

/** `kill -9` of one of `victims` (in turn) in the middle of a burst; the supervisor starts it again `downMs` later. */
function processCrash(kind: string, victims: (federation: FaultFederation) => readonly string[], downMs: number): Fault {
  return {
    kind,
    async inject(federation, workload, round) {
      const candidates = victims(federation);
      const victim = candidates[round % candidates.length]!;
      await midBurst(workload, () => federation.crash(victim));
      await sleep(downMs);
      await federation.restart(victim);
    },
  };
}

/** `kill -9` of a consent replica while the load appends to the access log. */
export const consentCrash = processCrash('kill -9 of a consent replica during appends', (f) => f.consentReplicas, 300);

/** A department's process killed and started again. */
export const departmentCrash = processCrash('a department killed and restarted', () => ['social', 'employment'], 500);

/** `pg_ctl stop -m immediate` under load, PostgreSQL started again a second later (crash recovery from the WAL). */
export const postgresImmediateStop: Fault = {
  kind: 'PostgreSQL stopped (immediate) and restarted',
  async inject(federation, workload) {
    await midBurst(workload, () => federation.postgres!.stopImmediately());
    await sleep(1_000);
    await federation.postgres!.startAgain();
  },
};

/** Redis killed (the gateways' shared cache and rate limits), back empty a second later. */
export const redisCrash: Fault = {
  kind: 'Redis killed and restarted',
  async inject(federation, workload) {
    await midBurst(workload, () => federation.redis.kill());
    await sleep(1_000);
    await federation.redis.restart();
  },
};

/** The SQLite consent service's filesystem filled to the last byte for 1.5 s, then the filler removed. */
export const diskFull: Fault = {
  kind: "the SQLite consent service's disk full",
  async inject(federation, workload) {
    const filler = join(federation.consentDataDir, 'filler');
    const fill = async () => {
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(1 << 16);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    };
    await midBurst(workload, fill);
    try {
      await sleep(1_500);
    } finally {
      rmSync(filler, { force: true });
    }
  },
};

/** How far the consent service's clock is stepped. Within the assertions' lifetime, so calls are still accepted. */
export const CLOCK_STEP_MS = 8_000;

/**
 * The consent service's clock stepped forward until a withdrawal happens on it, then back to the
 * true time; on odd rounds stepped back for a second and returned.
 */
export const clockStep: Fault = {
  kind: "the consent service's clock stepped forward and back",
  async inject(federation, workload, round) {
    if (round % 2 === 1) {
      federation.stepConsentClock(-CLOCK_STEP_MS);
      await sleep(2_000);
      federation.stepConsentClock(0);
      return;
    }
    federation.stepConsentClock(CLOCK_STEP_MS);
    const withdrawals = workload.observations.withdrawals.length;
    const deadline = Date.now() + 8_000;
    await sleep(1_100); // libfaketime re-reads its file once a second
    while (workload.observations.withdrawals.length === withdrawals && Date.now() < deadline) await sleep(20);
    federation.stepConsentClock(0);
    if (workload.observations.withdrawals.length === withdrawals) throw new Error('no withdrawal happened on the stepped clock');
  },
};

export interface ScheduleResult extends CheckResult {
  kind: string;
  injections: number;
  /** Time from each repair until every gateway served Anna both departments' data again, ms, by fault kind. */
  recoveryMs: Record<string, number[]>;
  /** Errors the clients got, by code, during the schedule. */
  errorCodes: Record<string, number>;
  /** Consents given with an error answer that were stored all the same (the client found them in force). */
  storedThoughRefused: number;
}

export interface Schedule {
  federation: FaultFederationOptions;
  /** Injected in turn, `injections` in all. */
  faults: readonly Fault[];
  injections: number;
  /** Steady load between injections, ms. */
  calmMs: number;
  clockSlackMs?: number;
}

/** How long the federation may take to serve again after a repair before the run calls it not recovered. */
const RECOVERY_LIMIT_MS = 60_000;

/** Starts the federation, runs the load, injects the fault `injections` times, waits out each recovery, then checks. */
export async function runSchedule(schedule: Schedule): Promise<ScheduleResult> {
  const federation = await FaultFederation.start(schedule.federation);
  try {
    const workload = new Workload(federation.gatewayUrls);
    if (!(await workload.serves())) throw new Error('the federation does not serve before any fault');
    workload.start();
    const recoveryMs: Record<string, number[]> = {};
    try {
      for (let n = 0; n < schedule.injections; n++) {
        const fault = schedule.faults[n % schedule.faults.length]!;
        await sleep(schedule.calmMs);
        await fault.inject(federation, workload, Math.floor(n / schedule.faults.length));
        const repaired = Date.now();
        while (!(await workload.serves())) {
          if (Date.now() - repaired > RECOVERY_LIMIT_MS)
            throw new Error(`${fault.kind}: not serving ${RECOVERY_LIMIT_MS / 1000} s after the repair`);
          await sleep(50);
        }
        (recoveryMs[fault.kind] ??= []).push(Date.now() - repaired);
      }
      await sleep(schedule.calmMs);
    } finally {
      await workload.stop();
    }
    const result = await check(federation, workload, schedule.clockSlackMs);
    return {
      kind: schedule.faults.map((f) => f.kind).join('; '),
      injections: schedule.injections,
      recoveryMs,
      errorCodes: Object.fromEntries(workload.observations.errorCodes),
      storedThoughRefused: workload.observations.storedThoughRefused.length,
      ...result,
    };
  } finally {
    await federation.stop();
  }
}
