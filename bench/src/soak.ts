import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  CASEWORKERS,
  REPO_ROOT,
  registeredSubgraphs,
  maskCpr,
  openDatabase,
  syntheticCitizen,
  type Department,
  loadRegistry,
} from '@enplan/lib';
import { AccessLog, type VerifyResult } from '@enplan/subgraph-consent/src/AccessLog';
import { CheckpointSigner, DEV_CHECKPOINT_KEY } from '@enplan/subgraph-consent/src/checkpointSigner';
import { SqliteAccessLogBackend } from '@enplan/subgraph-consent/src/SqliteAccessLogBackend';
import { rssMiB, startFederation, startService, stopAll, stopService, type Service } from './processes';
import { CASELOAD_QUERY, ONE_PLAN_QUERY, tokenFor } from './workloads';
import { median, percentile } from './stats';

/**
 * `npm run soak`: SOAK_SECONDS (300) of mixed load on one enplan gateway, with consent withdrawals
 * and a restart of one department subgraph. Every response is inspected: HTTP status, and which
 * other departments' data came back to a caseworker (a disclosure), which must each have a DISCLOSED
 * row in the consent service's access log (docs/design.md rule 5). See bench/README.md, "Soak test".
 */
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = num('SOAK_SECONDS', 300);
const CITIZENS = num('SOAK_CITIZENS', 2000);
const WORKERS = num('SOAK_WORKERS', 4);
const WITHDRAW_EVERY_MS = 2000;
const RSS_EVERY_MS = 5000;
const RESTARTED = 'social';
const RESTART_AT = 0.4;
/** Reads use the first quarters of the citizens; withdrawals take theirs from the rest, so the mix's consents stay active. */
const READ_POOL = Math.floor(CITIZENS * 0.75);

const log = (message: string) => process.stdout.write(`[soak] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bare = (cpr: string) => cpr.replace('-', '');

type Kind = 'bo-plan' | 'anna-caseload' | 'citizen-own' | 'withdraw' | 'withdraw-check';
interface Sample {
  kind: Kind;
  start: number;
  end: number;
  status: number;
  codes: string[];
}
interface Disclosure {
  actorId: string;
  cpr: string;
  owner: Department;
  operationName: string;
  start: number;
  kind: Kind;
}

/** Which fields each department owns in the queries used here: a non-null one is that department's data. */
const OWNED: Record<Department, Array<(c: any) => unknown>> = {
  EMPLOYMENT: [(c) => c.employment, (c) => c.plan?.employment],
  SOCIAL: [(c) => c.social, (c) => c.plan?.social],
  CHILDREN: [(c) => c.family, (c) => c.plan?.children],
};
const OWN_QUERY = ONE_PLAN_QUERY.replace(
  'citizen(cpr: $cpr) {',
  'citizen(cpr: $cpr) { consents { id status } accessLog(first: 5) { decision ownerDepartment }',
);
const WITHDRAW = 'mutation Withdraw($id: ID!) { withdrawConsent(id: $id) { id status } }';
/** The seed gives synthetic citizen i the consent CON-(1000+i) (subgraphs/consent/src/seed.ts). */
const consentId = (index: number) => `CON-${String(1000 + index).padStart(6, '0')}`;

/** Deterministic mix (mulberry32), so two runs send the same sequence of kinds and citizens. */
let seed = 20260101;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n: number) => Math.floor(random() * n);

async function main(): Promise<number> {
  loadRegistry();
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-soak-'));
  process.once('exit', () => {
    stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  });
  process.once('SIGINT', () => process.exit(130));

  log(`starting ${registeredSubgraphs().length} subgraphs (${CITIZENS} synthetic citizens) and one gateway in ${dataDir}`);
  const {
    subgraphs: { services: subgraphs, env: subgraphEnv },
    gateway,
  } = await startFederation(dataDir, CITIZENS);
  const url = `${gateway.origin}/graphql`;
  log(`gateway ${url} (pid ${gateway.pid}); load for ${SECONDS} s with ${WORKERS} workers`);

  const bo = { id: CASEWORKERS.bo.id, department: CASEWORKERS.bo.department, token: await tokenFor(CASEWORKERS.bo.id) };
  const anna = { id: CASEWORKERS.anna.id, department: CASEWORKERS.anna.department, token: await tokenFor(CASEWORKERS.anna.id) };
  const samples: Sample[] = [];
  const disclosures: Disclosure[] = [];
  let counter = 0;

  /** One request with a unique operation name (so its access-log rows can be matched exactly); records everything. */
  async function send(
    kind: Kind,
    token: string,
    query: string,
    variables: Record<string, unknown>,
    caseworker?: { id: string; department: Department },
  ) {
    const operationName = `Soak_${++counter}`;
    const text = query.replace(/^(query|mutation) \w+/, `$1 ${operationName}`);
    const start = Date.now();
    let status = 0; // 0: no HTTP response at all (connection error or 30 s timeout)
    let json: any;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: text, variables, operationName }),
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      json = await response.json().catch(() => undefined);
    } catch {
      // counted through status 0
    }
    const codes = ((json?.errors ?? []) as any[]).map((e) => String(e.extensions?.code));
    samples.push({ kind, start, end: Date.now(), status, codes });
    if (caseworker) {
      const citizens: any[] = json?.data?.citizens ?? (json?.data?.citizen ? [{ cpr: variables.cpr, ...json.data.citizen }] : []);
      for (const c of citizens) {
        for (const owner of Object.keys(OWNED) as Department[]) {
          if (owner !== caseworker.department && (OWNED[owner] ?? []).some((field) => field(c) != null)) {
            disclosures.push({ actorId: caseworker.id, cpr: bare(String(c.cpr)), owner, operationName, start, kind });
          }
        }
      }
    }
    return { json, status, codes, end: Date.now() };
  }

  const startedAt = Date.now();
  const deadline = startedAt + SECONDS * 1000;
  const withdrawnAt = new Map<string, number>();
  const tokens = new Map<string, Promise<string>>();
  const citizenToken = (cpr: string) => tokens.get(cpr) ?? (tokens.set(cpr, tokenFor(cpr)), tokens.get(cpr) as Promise<string>);

  // (a)–(c): the mixed reads, a few workers back to back.
  async function worker(): Promise<void> {
    while (Date.now() < deadline) {
      const r = random();
      if (r < 0.45) {
        // Bo reads one plan; one in ten is a citizen who withdrew earlier (must stay denied past the cache TTL and the restart).
        const withdrawn = [...withdrawnAt.keys()];
        const cpr =
          withdrawn.length > 0 && random() < 0.1
            ? (withdrawn[pick(withdrawn.length)] as string)
            : syntheticCitizen(pick(READ_POOL)).cpr;
        await send('bo-plan', bo.token, ONE_PLAN_QUERY, { cpr }, bo);
      } else if (r < 0.7) {
        const from = pick(READ_POOL - 10);
        const cprs = Array.from({ length: 10 }, (_, i) => syntheticCitizen(from + i).cpr);
        await send('anna-caseload', anna.token, CASELOAD_QUERY, { cprs }, anna);
      } else {
        const cpr = syntheticCitizen(pick(READ_POOL)).cpr;
        await send('citizen-own', await citizenToken(cpr), OWN_QUERY, { cpr });
      }
    }
  }

  // (d): every 2 s a citizen withdraws; Bo reads before (primes the decision cache) and right after (must be denied).
  const withdrawals = { attempted: 0, succeeded: 0, deniedAfter: 0, notDeniedAfter: 0 };
  async function withdrawalLoop(): Promise<void> {
    for (let index = READ_POOL; index < CITIZENS && Date.now() < deadline; index++) {
      const tick = Date.now();
      const cpr = syntheticCitizen(index).cpr;
      await send('withdraw-check', bo.token, ONE_PLAN_QUERY, { cpr }, bo);
      withdrawals.attempted++;
      const w = await send('withdraw', await citizenToken(cpr), WITHDRAW, { id: consentId(index) });
      if (w.status !== 200 || w.json?.data?.withdrawConsent?.status !== 'WITHDRAWN') continue;
      withdrawals.succeeded++;
      withdrawnAt.set(bare(cpr), w.end);
      const after = await send('withdraw-check', bo.token, ONE_PLAN_QUERY, { cpr }, bo);
      const citizen = after.json?.data?.citizen;
      if (after.status === 200 && citizen && citizen.employment === null && after.codes.includes('CONSENT_REQUIRED'))
        withdrawals.deniedAfter++;
      else withdrawals.notDeniedAfter++;
      await sleep(Math.max(0, tick + WITHDRAW_EVERY_MS - Date.now()));
    }
  }

  // The gateway's memory, from the serving node process.
  const rss: Array<{ t: number; mib: number }> = [];
  const sampleRss = () => rss.push({ t: (Date.now() - startedAt) / 1000, mib: rssMiB(gateway.pid) });
  sampleRss();
  const rssTimer = setInterval(sampleRss, RSS_EVERY_MS);

  // At 40 %: SIGTERM one department, wait for its exit, start it again on the same port and data dir.
  const restart = {
    subgraph: RESTARTED,
    killAt: NaN,
    exitedAt: NaN,
    healthyAt: NaN,
    windowEnd: NaN,
    exitCode: null as number | null,
    error: '',
  };
  async function restartDepartment(): Promise<void> {
    await sleep(SECONDS * 1000 * RESTART_AT);
    const old = subgraphs.get(RESTARTED) as Service;
    restart.killAt = Date.now();
    await stopService(old);
    while (existsSync(`/proc/${old.pid}`)) await sleep(20); // the serving process, not only tsx's launcher
    restart.exitedAt = Date.now();
    restart.exitCode = old.child.exitCode;
    try {
      subgraphs.set(
        RESTARTED,
        await startService(
          RESTARTED,
          `subgraphs/${RESTARTED}/src/index.ts`,
          subgraphEnv.get(RESTARTED) as Record<string, string>,
        ),
      );
      restart.healthyAt = Date.now();
    } catch (error) {
      restart.error = error instanceof Error ? error.message : String(error);
      restart.healthyAt = deadline; // the whole rest of the run is the window, and the check below fails
    }
    restart.windowEnd = restart.healthyAt + 2000;
    log(`restarted ${RESTARTED}: down ${((restart.healthyAt - restart.killAt) / 1000).toFixed(1)} s`);
  }

  await Promise.all([...Array.from({ length: WORKERS }, worker), withdrawalLoop(), restartDepartment()]);
  clearInterval(rssTimer);
  sampleRss();
  const endedAt = Date.now();
  log(`load done: ${samples.length} requests; stopping the gateway, reading the access log`);
  await stopService(gateway);

  // The access log, straight from the consent service's SQLite file, read-only.
  const consentFile = join(dataDir, 'consent.sqlite');
  const db = new DatabaseSync(consentFile, { readOnly: true });
  const rows = db
    .prepare(
      "SELECT actor_id, cpr, owner_department, operation_name FROM access_log WHERE decision = 'DISCLOSED' AND operation_name LIKE 'Soak_%'",
    )
    .all() as any[];
  const logged = new Set(rows.map((r) => `${r.actor_id}|${bare(r.cpr)}|${r.owner_department}|${r.operation_name}`));
  db.close();
  const logDb = openDatabase(consentFile, { readOnly: true });
  const chain: VerifyResult = await new AccessLog(new SqliteAccessLogBackend(logDb, consentFile), {
    now: Date.now,
    signer: new CheckpointSigner(DEV_CHECKPOINT_KEY),
  }).verify();
  logDb.close();
  for (const s of subgraphs.values()) await stopService(s);

  // Evaluation.
  const key = (d: Disclosure) => `${d.actorId}|${d.cpr}|${d.owner}|${d.operationName}`;
  const unmatched = disclosures.filter((d) => !logged.has(key(d)));
  const violations = disclosures.filter((d) => (withdrawnAt.get(d.cpr) ?? Infinity) <= d.start);
  const inWindow = (s: Sample) => s.start <= restart.windowEnd && s.end >= restart.killAt;
  const byKind: Record<
    string,
    { requests: number; statuses: Record<string, number>; errorCodes: Record<string, number>; p50Ms: number; p99Ms: number }
  > = {};
  for (const kind of ['bo-plan', 'anna-caseload', 'citizen-own', 'withdraw', 'withdraw-check'] as Kind[]) {
    const of = samples.filter((s) => s.kind === kind);
    const count = (values: string[]) =>
      values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});
    const latencies = of.map((s) => s.end - s.start);
    byKind[kind] = {
      requests: of.length,
      statuses: count(of.map((s) => String(s.status))),
      errorCodes: count(of.flatMap((s) => s.codes)),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    };
  }
  const quarter = (from: number, to: number) =>
    median(rss.filter((r) => r.t >= from * SECONDS && r.t <= to * SECONDS).map((r) => r.mib));
  const rssQ2 = quarter(0.25, 0.5);
  const rssQ4 = quarter(0.75, 1);
  const rssChangePct = ((rssQ4 - rssQ2) / rssQ2) * 100;
  const rel = (t: number) => Number(((t - startedAt) / 1000).toFixed(1));
  const results = {
    startedAt: new Date(startedAt).toISOString(),
    settings: {
      seconds: SECONDS,
      citizens: CITIZENS,
      workers: WORKERS,
      withdrawEveryMs: WITHDRAW_EVERY_MS,
      rssEveryMs: RSS_EVERY_MS,
    },
    machine: { nproc: cpus().length, node: process.version, cpu: cpus()[0]?.model ?? 'unknown' },
    requests: samples.length,
    rps: samples.length / ((endedAt - startedAt) / 1000),
    byKind,
    restart: {
      subgraph: RESTARTED,
      killAtS: rel(restart.killAt),
      exitedAtS: rel(restart.exitedAt),
      healthyAtS: rel(restart.healthyAt),
      windowEndS: rel(restart.windowEnd),
      exitCode: restart.exitCode,
      error: restart.error,
    },
    http: {
      fiveXxOutsideWindow: samples.filter((s) => s.status >= 500 && !inWindow(s)).length,
      fiveXxInWindow: samples.filter((s) => s.status >= 500 && inWindow(s)).length,
      noResponseOutsideWindow: samples.filter((s) => s.status === 0 && !inWindow(s)).length,
      noResponseInWindow: samples.filter((s) => s.status === 0 && inWindow(s)).length,
      requestsInWindow: samples.filter(inWindow).length,
      // Not failures by themselves, but outside the window a department or the consent service should not be unavailable.
      otherErrorCodesOutsideWindow: samples
        .filter((s) => !inWindow(s))
        .flatMap((s) => s.codes.filter((c) => c !== 'CONSENT_REQUIRED'))
        .reduce<Record<string, number>>((acc, c) => ((acc[c] = (acc[c] ?? 0) + 1), acc), {}),
    },
    disclosures: {
      observed: disclosures.length,
      byOwner: Object.fromEntries(
        (Object.keys(OWNED) as Department[]).map((d) => [d, disclosures.filter((x) => x.owner === d).length]),
      ),
      loggedRows: rows.length,
      unmatched: unmatched.length,
      unmatchedSamples: unmatched.slice(0, 10).map((d) => ({ ...d, cpr: maskCpr(d.cpr) })),
    },
    withdrawals: {
      ...withdrawals,
      violations: violations.length,
      violationSamples: violations.slice(0, 10).map((d) => ({ ...d, cpr: maskCpr(d.cpr) })),
    },
    rss: {
      startMiB: rss[0]?.mib ?? NaN,
      endMiB: rss[rss.length - 1]?.mib ?? NaN,
      medianSecondQuarterMiB: rssQ2,
      medianLastQuarterMiB: rssQ4,
      changePct: rssChangePct,
      samples: rss,
    },
    accessLogChain: chain,
  };
  const checks: Array<[string, boolean]> = [
    [`${RESTARTED} restarted and healthy again`, restart.error === '' && restart.healthyAt < deadline],
    [
      'zero 5xx (or no response) outside the restart window',
      results.http.fiveXxOutsideWindow + results.http.noResponseOutsideWindow === 0,
    ],
    ['disclosures were observed (the disclosure check is not vacuous)', disclosures.length > 0],
    ['zero disclosures without a matching DISCLOSED access-log row', unmatched.length === 0],
    ['access log hash chain verifies', chain.ok],
    ['every withdrawal succeeded', withdrawals.attempted > 0 && withdrawals.succeeded === withdrawals.attempted],
    ["Bo's read right after each withdrawal was denied", withdrawals.notDeniedAfter === 0],
    ['zero disclosures after a withdrawal', violations.length === 0],
    ['gateway RSS flat within 10 % (median 2nd quarter vs last quarter)', Math.abs(rssChangePct) <= 10],
  ];

  const md = toMarkdown(results, checks);
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'soak-latest.md'), md);
  writeFileSync(
    join(dir, 'soak-latest.json'),
    JSON.stringify({ ...results, checks: checks.map(([name, ok]) => ({ name, ok })) }, null, 2),
  );
  process.stdout.write(`\n${md}\n`);
  log('written: bench/results/soak-latest.md, bench/results/soak-latest.json');
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

function toMarkdown(r: any, checks: Array<[string, boolean]>): string {
  const n = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const lines = [
    `# enplan soak test, ${r.startedAt}`,
    '',
    `${r.settings.seconds} s, ${r.settings.workers} workers, ${r.settings.citizens} synthetic citizens, one gateway; ${r.requests} requests (${n(r.rps)} req/s). ` +
      `Machine: ${r.machine.nproc} cores, ${r.machine.cpu}, Node ${r.machine.node}.`,
    '',
    '## Checks',
    '',
    ...checks.map(([name, ok]) => `- ${ok ? 'PASS' : '**FAIL**'}: ${name}`),
    '',
    '## Requests',
    '',
    '| kind | requests | HTTP statuses | GraphQL error codes | p50 ms | p99 ms |',
    '|---|---:|---|---|---:|---:|',
    ...Object.entries(r.byKind as Record<string, any>).map(
      ([kind, k]) =>
        `| ${kind} | ${k.requests} | ${Object.entries(k.statuses)
          .map(([s, c]) => `${s}: ${c}`)
          .join(', ')} | ${
          Object.entries(k.errorCodes)
            .map(([s, c]) => `${s}: ${c}`)
            .join(', ') || '–'
        } | ${k.p50Ms} | ${k.p99Ms} |`,
    ),
    '',
    `Restart of **${r.restart.subgraph}**: SIGTERM at ${r.restart.killAtS} s (exit code ${r.restart.exitCode}), exited ${r.restart.exitedAtS} s, healthy again ${r.restart.healthyAtS} s; ` +
      `window until ${r.restart.windowEndS} s (${r.http.requestsInWindow} requests overlapped it).${r.restart.error ? ` Error: ${r.restart.error}` : ''}`,
    '',
    `- 5xx outside the window: **${r.http.fiveXxOutsideWindow}**; inside: ${r.http.fiveXxInWindow}. No response at all: outside ${r.http.noResponseOutsideWindow}, inside ${r.http.noResponseInWindow}. ` +
      `GraphQL errors other than CONSENT_REQUIRED outside the window: ${
        Object.entries(r.http.otherErrorCodesOutsideWindow)
          .map(([c, k]) => `${c} ${k}`)
          .join(', ') || 'none'
      }.`,
    `- Disclosures seen by the client (caseworker got another department's data): **${r.disclosures.observed}** (${Object.entries(
      r.disclosures.byOwner,
    )
      .map(([d, c]) => `${d} ${c}`)
      .join(', ')}); ` +
      `DISCLOSED rows in the access log for these operations: ${r.disclosures.loggedRows}; disclosures without a matching row: **${r.disclosures.unmatched}**.`,
    `- Withdrawals: ${r.withdrawals.succeeded} of ${r.withdrawals.attempted} succeeded; Bo's next read denied ${r.withdrawals.deniedAfter}, not denied ${r.withdrawals.notDeniedAfter}; disclosures after a withdrawal: **${r.withdrawals.violations}**.`,
    `- Gateway RSS: start ${n(r.rss.startMiB)} MiB, end ${n(r.rss.endMiB)} MiB; median 2nd quarter ${n(r.rss.medianSecondQuarterMiB)} MiB, last quarter ${n(r.rss.medianLastQuarterMiB)} MiB: **${r.rss.changePct >= 0 ? '+' : ''}${n(r.rss.changePct)} %**.`,
    `- Access log chain: ${r.accessLogChain.ok ? `intact, ${r.accessLogChain.entries} entries` : `BROKEN at ${r.accessLogChain.brokenAt}: ${r.accessLogChain.problem}`}.`,
    '',
    'Every request has a unique operation name (`Soak_<n>`), so the gateway plans every query afresh: more CPU per request than a real frontend with fixed operations.',
  ];
  return lines.join('\n') + '\n';
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[soak] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
