import { spawnSync } from 'node:child_process';
import { isPostgresUrl, openDatabase, openPostgres, REPO_ROOT } from '@enplan/lib';
import { fromRow, type AccessLogEntry, type AccessLogRow } from '@enplan/subgraph-consent/src/accessLogBackend';
import type { FaultFederation } from './faultFederation';
import { CONSENTS, type Workload } from './workload';

/** What the checker found, against what the clients were told. Every list of problems must be empty. */
export interface CheckResult {
  requests: number;
  answered: number;
  disclosuresChecked: number;
  disclosuresWithoutRecord: string[];
  duplicateRecords: string[];
  writesAcknowledged: number;
  writesFound: number;
  lostWrites: string[];
  withdrawalsChecked: number;
  withdrawalsUndone: string[];
  logVerified: boolean;
  logEntries: number;
  verifyOutput: string;
}

/** Reads every row of the access log straight from the consent service's store. */
async function accessLogRows(location: string): Promise<AccessLogEntry[]> {
  if (isPostgresUrl(location)) {
    const pool = openPostgres(location, { max: 1 });
    try {
      return (await pool.query<AccessLogRow>('SELECT * FROM access_log ORDER BY sequence')).rows.map((row) =>
        fromRow({ ...row, sequence: Number(row.sequence), at: Number(row.at) }),
      );
    } finally {
      await pool.end();
    }
  }
  const db = openDatabase(location, { readOnly: true });
  try {
    return (db.prepare('SELECT * FROM access_log ORDER BY sequence').all() as AccessLogRow[]).map(fromRow);
  } finally {
    db.close();
  }
}

/** `npm run verify-log` on the store, as an operator runs it. */
function verifyLog(location: string): { ok: boolean; output: string } {
  const run = spawnSync(process.execPath, ['subgraphs/consent/dist/cli/verifyAccessLog.js', location], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

const HISTORY = 'query FaultHistory($cpr: ID!) { citizen(cpr: $cpr) { plan { joint { history { version summary } } } } }';

const INBOX = 'query FaultInbox($cpr: ID!) { citizen(cpr: $cpr) { inbox { kind consentId } } }';
/** Receipts are delivered through an outbox: how long the checker waits for the last of them. */
const RECEIPT_WAIT_MS = 15_000;

/** Every consent given and withdrawn with the citizen told so has its receipt in the citizen's inbox (waited for, delivery is asynchronous). */
async function missingReceipts(workload: Workload): Promise<string[]> {
  const o = workload.observations;
  const expected = [
    ...o.consentsGiven.map((c) => ({ cpr: c.cpr, key: `CONSENT_GIVEN ${c.id}` })),
    ...o.withdrawals.map((w) => ({ cpr: w.cpr, key: `CONSENT_WITHDRAWN ${w.consentId}` })),
  ];
  const deadline = Date.now() + RECEIPT_WAIT_MS;
  for (;;) {
    const received = new Set<string>();
    for (const cpr of new Set(expected.map((e) => e.cpr))) {
      const { result } = await workload.ask(0, cpr, INBOX, { cpr });
      for (const m of (result?.data?.citizen?.inbox ?? []) as Array<{ kind: string; consentId: string | null }>)
        received.add(`${m.kind} ${m.consentId}`);
    }
    const missing = expected.filter((e) => !received.has(e.key)).map((e) => `no receipt ${e.key} in the citizen's inbox`);
    if (missing.length === 0 || Date.now() > deadline) return missing;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Holds the federation, after recovery, to what its clients were told during the schedule:
 * - every field from another department that a client received has its DISCLOSED record (same
 *   request, actor, citizen, owning department, categories, within the request's time window);
 * - no record is written twice (one per request, citizen, department and decision);
 * - every withdrawal a client saw succeed stays in force: no read after it disclosed anything, every
 *   gateway denies now, and the store says WITHDRAWN;
 * - every acknowledged consent and plan change is in the store, and each consent change has its receipt in the citizen's inbox;
 * - `verify-log` walks the whole chain to its signed head checkpoint.
 * `clockSlackMs`: how far the consent service's clock was stepped (its records carry its time).
 */
export async function check(federation: FaultFederation, workload: Workload, clockSlackMs = 0): Promise<CheckResult> {
  const o = workload.observations;
  const entries = await accessLogRows(federation.accessLogLocation);
  const byRequest = new Map<string, AccessLogEntry[]>();
  for (const entry of entries) {
    if (entry.requestId) byRequest.set(entry.requestId, [...(byRequest.get(entry.requestId) ?? []), entry]);
  }
  const slack = clockSlackMs + 1_000;
  const disclosuresWithoutRecord = o.disclosures
    .filter(
      (d) =>
        !(byRequest.get(d.requestId) ?? []).some(
          (e) =>
            e.decision === 'DISCLOSED' &&
            e.actorId === d.actorId &&
            e.cpr === d.cpr &&
            e.ownerDepartment === d.owner &&
            d.categories.every((c) => e.categories.includes(c)) &&
            e.at >= d.sentAt - slack &&
            e.at <= d.receivedAt + slack,
        ),
    )
    .map((d) => `${d.requestId}: ${d.actorId} got ${d.owner} ${d.categories.join(',')} on gateway ${d.gateway}`);

  const duplicateRecords: string[] = [];
  for (const [requestId, records] of byRequest) {
    const keys = records.map((e) => `${e.cpr}|${e.ownerDepartment}|${e.decision}`);
    if (new Set(keys).size !== keys.length) duplicateRecords.push(`${requestId}: ${records.length} records`);
  }

  const withdrawalsUndone = o.readsAfterWithdrawal
    .filter((r) => r.disclosed)
    .map((r) => `${r.requestId}: ${r.cpr.slice(0, 6)}-XXXX disclosed after ${r.consentId} was withdrawn`);
  for (const s of o.statusAfterWithdrawal.filter((s) => s.status !== 'WITHDRAWN'))
    withdrawalsUndone.push(`${s.requestId}: the citizen reads ${s.consentId} as ${s.status} after its withdrawal succeeded`);
  // Now, after recovery, on every gateway: the churned citizens' consents are all withdrawn, so Anna is denied.
  const churned = [...new Set(o.withdrawals.map((w) => w.cpr))];
  for (const cpr of churned) {
    for (let gateway = 0; gateway < federation.gatewayUrls.length; gateway++) {
      const { requestId, disclosed } = await workload.read(gateway, 'cw-emp-1', cpr);
      if (disclosed) withdrawalsUndone.push(`${requestId}: gateway ${gateway} still discloses after every consent was withdrawn`);
    }
  }

  const lostWrites: string[] = [];
  const statusOf = new Map<string, string>();
  for (const cpr of new Set(o.consentsGiven.map((c) => c.cpr))) {
    const { result } = await workload.ask(0, cpr, CONSENTS, { cpr });
    for (const consent of (result?.data?.citizen?.consents ?? []) as Array<{ id: string; status: string }>)
      statusOf.set(consent.id, consent.status);
  }
  for (const given of o.consentsGiven) if (!statusOf.has(given.id)) lostWrites.push(`consent ${given.id} given, not stored`);
  for (const w of o.withdrawals) {
    if (statusOf.has(w.consentId) && statusOf.get(w.consentId) !== 'WITHDRAWN')
      withdrawalsUndone.push(`${w.consentId} is ${statusOf.get(w.consentId)} in the store after its withdrawal was acknowledged`);
  }
  lostWrites.push(...(await missingReceipts(workload)));
  const { result: history } = await workload.ask(0, 'cw-emp-1', HISTORY, { cpr: '0101804321' });
  const changes = new Map(
    ((history?.data?.citizen?.plan?.joint?.history ?? []) as Array<{ version: number; summary: string }>).map((h) => [
      h.version,
      h.summary,
    ]),
  );
  for (const write of o.planWrites) {
    if (changes.get(write.version) !== `Next follow-up set to ${write.date}.`)
      lostWrites.push(`plan version ${write.version} (follow-up ${write.date}) acknowledged, not stored`);
  }

  const verified = verifyLog(federation.accessLogLocation);
  const writesAcknowledged = o.consentsGiven.length + o.withdrawals.length + o.planWrites.length;
  return {
    requests: o.requests,
    answered: o.answered,
    disclosuresChecked: o.disclosures.length,
    disclosuresWithoutRecord,
    duplicateRecords,
    writesAcknowledged,
    writesFound: writesAcknowledged - lostWrites.length,
    lostWrites,
    withdrawalsChecked: o.withdrawals.length,
    withdrawalsUndone,
    logVerified: verified.ok,
    logEntries: entries.length,
    verifyOutput: verified.output,
  };
}
