import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRequestId, PERSONAS, REPO_ROOT } from '@enplan/lib';
import { tokenFor } from './federation';
import { OtlpReceiver, type ReceivedSpan } from './otlpReceiver';
import { ServiceProcess } from './serviceProcesses';

/**
 * Operations (issue #18): six real processes, each exporting spans over OTLP/HTTP to a receiver in
 * this test, each with its own /metrics port; the persona scenarios are driven through the gateway.
 */

const SUBGRAPH_ORDER = ['employment', 'social', 'children', 'consent', 'plan'] as const;
const operation = (name: string) => readFileSync(join(REPO_ROOT, 'operations', `${name}.graphql`), 'utf8');

/** Whole CPRs, with or without the dash: the personas' and any other date-shaped ten digits standing alone. */
function cprsIn(text: string): string[] {
  const found = new Set<string>();
  for (const { cpr } of Object.values(PERSONAS)) {
    for (const form of [cpr, `${cpr.slice(0, 6)}-${cpr.slice(6)}`]) if (text.includes(form)) found.add(form);
  }
  for (const match of text.matchAll(/(?<![0-9A-Za-z.])(\d{2})(\d{2})\d{2}-?\d{4}(?![0-9A-Za-z])/g)) {
    const [whole, day, month] = match as unknown as [string, string, string];
    if (Number(day) >= 1 && Number(day) <= 31 && Number(month) >= 1 && Number(month) <= 12) found.add(whole);
  }
  return [...found];
}

/**
 * A Prometheus exposition without its sample values: a CPR could only hide in names and labels, and
 * a counter or a byte count (1806487552 bytes of memory) may look like one by chance.
 */
function namesAndLabels(exposition: string): string {
  return exposition
    .split('\n')
    .map((line) => (line.startsWith('#') ? line : line.replace(/\s+\S+(\s+\d+)?$/, '')))
    .join('\n');
}

/** The value of one sample in a Prometheus text exposition, found by name and labels (in any order). */
function sample(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^([a-z_:]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] as string).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

function traceparent(traceId: string): { traceparent: string; parentSpanId: string } {
  const parentSpanId = randomBytes(8).toString('hex');
  return { traceparent: `00-${traceId}-${parentSpanId}-01`, parentSpanId };
}

describe('operations: metrics, traces and request ids, without a CPR in any of them', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-obs-'));
  const services = new Map<string, ServiceProcess>();
  const metricsPorts = new Map<string, number>();
  let receiver: OtlpReceiver;
  let gatewayUrl: string;

  async function post(query: string, who: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(who)}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
    return { status: response.status, requestId: response.headers.get('x-request-id'), body };
  }

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    const common = {
      PORT: '0',
      METRICS_PORT: '0',
      DATA_DIR: dataDir,
      SYNTHETIC_CITIZENS: '0',
      LOG_LEVEL: 'debug',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      // No OTEL_TRACES_SAMPLER: the production default (parent-based) follows the caller's sampled flag.
    };
    const urls: Record<string, string> = {};
    const start = async (name: string, entry: string, env: Record<string, string>) => {
      const service = ServiceProcess.start(name, entry, { ...common, ...env });
      services.set(name, service);
      metricsPorts.set(name, Number((await service.waitForLog('metrics listening')).metricsPort));
      return service;
    };
    for (const name of SUBGRAPH_ORDER) {
      const env: Record<string, string> =
        name === 'plan' ? { CONSENT_URL: new URL(urls.SUBGRAPH_URL_CONSENT as string).origin } : {};
      const service = await start(name, `subgraphs/${name}/dist/index.js`, env);
      const { port } = await service.waitForLog('subgraph listening');
      urls[`SUBGRAPH_URL_${name.toUpperCase()}`] = `http://127.0.0.1:${port}/graphql`;
    }
    const gateway = await start('gateway', 'gateway/dist/index.js', urls);
    gatewayUrl = String((await gateway.waitForLog('gateway listening')).url);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...services.values()].map((s) => s.stop()));
    await receiver?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const tracedId = newRequestId();
  let tracedSpans: ReceivedSpan[] = [];

  it("traces Anna's reading of Peter's plan as one trace: the gateway, each department fetched, the plan and the consent service", async () => {
    const { traceparent: header, parentSpanId } = traceparent(tracedId);
    const result = await post(operation('CitizenPlan'), 'cw-emp-1', { cpr: PERSONAS.peter.cpr }, { traceparent: header });
    expect(result.status).toBe(200);
    expect(result.body.data.citizen.plan.joint.coordinatingCaseworker).toEqual({
      id: 'cw-emp-1',
      name: 'Anna Mortensen',
      department: 'EMPLOYMENT',
    });
    // Without an x-request-id of the caller's own, the request id is the trace id.
    expect(result.requestId).toBe(tracedId);

    const expectedServices = ['enplan-gateway', 'enplan-employment', 'enplan-social', 'enplan-consent', 'enplan-plan'];
    await receiver.waitFor((spans) => {
      const services = new Set(spans.filter((s) => s.traceId === tracedId).map((s) => s.service));
      return (
        expectedServices.every((s) => services.has(s)) &&
        spans.some((s) => s.traceId === tracedId && s.name === 'access_log.append')
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the last batches of each service
    tracedSpans = receiver.spans.filter((s) => s.traceId === tracedId);
    const names = (service: string) => tracedSpans.filter((s) => s.service === service).map((s) => s.name);

    expect([...new Set(tracedSpans.map((s) => s.service))].sort()).toEqual([...expectedServices].sort());
    // Peter's consent does not make CHILDREN a party: children and family services were never asked (rule 2).
    expect(receiver.spans.some((s) => s.service === 'enplan-children' && s.traceId === tracedId)).toBe(false);
    expect(names('enplan-gateway')).toEqual(
      expect.arrayContaining([
        'POST /graphql',
        'fetch EMPLOYMENT',
        'fetch SOCIAL',
        'fetch plan',
        'consent.decide',
        'access_log.write',
      ]),
    );
    expect(names('enplan-gateway')).not.toContain('fetch CHILDREN');
    expect(names('enplan-consent')).toEqual(
      expect.arrayContaining(['POST /internal/decisions', 'POST /internal/access-log', 'access_log.append']),
    );
    expect(names('enplan-employment')).toContain('POST /graphql');
    expect(names('enplan-social')).toContain('POST /graphql');

    // The gateway continues the caller's trace; every service's server span hangs under a client span of the trace.
    const server = tracedSpans.find((s) => s.service === 'enplan-gateway' && s.name === 'POST /graphql') as ReceivedSpan;
    expect(server.parentSpanId).toBe(parentSpanId);
    const ids = new Set(tracedSpans.map((s) => s.spanId));
    for (const span of tracedSpans.filter((s) => s.service !== 'enplan-gateway' && s.name.startsWith('POST ')))
      expect(ids.has(span.parentSpanId)).toBe(true);

    // Spans name the department and the decision, and carry the request id.
    const decide = tracedSpans.find((s) => s.name === 'consent.decide') as ReceivedSpan;
    expect(decide.attributes['enplan.departments']).toEqual(expect.arrayContaining(['SOCIAL']));
    expect(Number(decide.attributes['enplan.consent.allowed'])).toBeGreaterThan(0);
    expect(Number(decide.attributes['enplan.consent.denied'])).toBeGreaterThan(0); // SUBSTANCE_ABUSE, HEALTH, FAMILY
    const append = tracedSpans.find((s) => s.name === 'access_log.append') as ReceivedSpan;
    expect(append.attributes).toMatchObject({
      'enplan.access_log.denied': expect.any(Number),
      'enplan.access_log.disclosed': expect.any(Number),
    });
    expect(server.attributes).toMatchObject({
      'enplan.request_id': tracedId,
      'enplan.operation': 'CitizenPlan',
      'http.response.status_code': 200,
    });

    // The request id is in the log lines of every service that served the request.
    for (const name of ['gateway', 'employment', 'social', 'consent', 'plan']) {
      const lines = (services.get(name) as ServiceProcess).logs.filter((l) => l.requestId === tracedId);
      expect({ name, lines: lines.length > 0 }).toEqual({ name, lines: true });
    }
    expect((services.get('children') as ServiceProcess).logs.some((l) => l.requestId === tracedId)).toBe(false);
  });

  it("puts the request id on Peter's access-log entries, and the hash chain still verifies", async () => {
    const result = await post(operation('MyAccessLog'), PERSONAS.peter.cpr, { cpr: PERSONAS.peter.cpr });
    const entries = result.body.data.citizen.accessLog as Array<{
      actorName: string;
      decision: string;
      ownerDepartment: string;
      requestId: string | null;
    }>;
    const fromTraced = entries.filter((e) => e.requestId === tracedId);
    expect(fromTraced.map((e) => `${e.actorName} ${e.decision} ${e.ownerDepartment}`).sort()).toEqual([
      'Anna Mortensen DENIED CHILDREN',
      'Anna Mortensen DENIED SOCIAL',
      'Anna Mortensen DISCLOSED SOCIAL',
      // The joint plan, recorded by the plan subgraph within the same request (issue #32).
      'Anna Mortensen DISCLOSED null',
    ]);
    const verify = spawnSync(
      process.execPath,
      ['subgraphs/consent/dist/cli/verifyAccessLog.js', join(dataDir, 'consent.sqlite')],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(verify.stdout).toMatch(/^access log intact: \d+ entries/);
    expect(verify.status).toBe(0);
  });

  it("takes a caller's well-formed x-request-id, and refuses one that carries a CPR", async () => {
    const own = await post(
      operation('CitizenPlan'),
      'cw-soc-1',
      { cpr: PERSONAS.mette.cpr },
      { 'x-request-id': 'ticket-4711-bo-reads-mette' },
    );
    expect(own.requestId).toBe('ticket-4711-bo-reads-mette');
    expect((services.get('social') as ServiceProcess).logs.some((l) => l.requestId === 'ticket-4711-bo-reads-mette')).toBe(true);

    const smuggled = await post(
      operation('CitizenPlan'),
      'cw-soc-1',
      { cpr: PERSONAS.mette.cpr },
      { 'x-request-id': `lookup-${PERSONAS.jonas.cpr}` },
    );
    expect(smuggled.requestId).toMatch(/^[0-9a-f]{32}$/);
    const malformed = await post(
      operation('CitizenPlan'),
      'cw-soc-1',
      { cpr: PERSONAS.mette.cpr },
      { 'x-request-id': 'a b\tc', traceparent: 'not-a-traceparent' },
    );
    expect(malformed.requestId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('drives the persona scenarios, then finds no CPR in any /metrics, span or log line of any service', async () => {
    const sampled = () => traceparent(newRequestId()).traceparent;
    const reads: Array<[string, string]> = [
      ['cw-emp-1', PERSONAS.jonas.cpr], // no consent
      ['cw-emp-1', PERSONAS.mette.cpr], // MitID, HEALTH too
      ['cw-emp-1', PERSONAS.lars.cpr], // oral: HEALTH not covered
      ['cw-emp-1', PERSONAS.ali.cpr], // withdrawn
      ['cw-emp-1', PERSONAS.sofie.cpr], // expired
      ['cw-soc-1', PERSONAS.peter.cpr],
      ['cw-chi-1', PERSONAS.ali.cpr],
      ['cw-chi-1', PERSONAS.peter.cpr],
    ];
    for (const [who, cpr] of reads) {
      const result = await post(operation('CitizenPlan'), who, { cpr }, { traceparent: sampled() });
      expect(result.status).toBe(200);
    }
    const caseload = await post(
      operation('Caseload'),
      'cw-emp-1',
      { cprs: Object.values(PERSONAS).map((p) => p.cpr) },
      { traceparent: sampled() },
    );
    expect(caseload.status).toBe(200);
    await post(operation('MyAccessLog'), PERSONAS.mette.cpr, { cpr: PERSONAS.mette.cpr }, { traceparent: sampled() });
    await post('{ citizen(cpr: "0101804321") { cpr } }', 'cw-emp-1', {}, { traceparent: sampled() }); // not a registered operation
    await post('{ citizen(cpr: "0101804321x") { cpr } }', 'cw-emp-1', {}); // malformed CPR: BAD_USER_INPUT
    const tooLong = await post(`# ${'x'.repeat(20_000)}\n{ citizen(cpr: "0101804321") { cpr } }`, 'cw-emp-1', {}); // over MAX_QUERY_LENGTH
    expect(tooLong.status).toBe(400);
    await receiver.waitFor(
      (spans) => spans.filter((s) => s.service === 'enplan-gateway' && s.name === 'POST /graphql').length >= reads.length + 3,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const scraped = new Map<string, string>();
    for (const [name, port] of metricsPorts) {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      scraped.set(name, await response.text());
    }
    // Each scrape is the service's own, with the metrics it is responsible for.
    const at = (service: string, name: string, labels: Record<string, string>) =>
      sample(scraped.get(service) as string, name, { service, ...labels });
    const counts = {
      citizenPlanRequests: at('gateway', 'enplan_http_request_duration_seconds_count', {
        route: '/graphql',
        operation: 'CitizenPlan',
        status: '200',
      }),
      caseloadRequests: at('gateway', 'enplan_http_request_duration_seconds_count', {
        route: '/graphql',
        operation: 'Caseload',
        status: '200',
      }),
      cacheHits: at('gateway', 'enplan_decision_cache_lookups_total', { result: 'hit' }),
      cacheMisses: at('gateway', 'enplan_decision_cache_lookups_total', { result: 'miss' }),
      socialFetches: at('gateway', 'enplan_subgraph_fetch_duration_seconds_count', { subgraph: 'SOCIAL', outcome: 'ok' }),
      consentRequiredErrors: at('gateway', 'enplan_graphql_errors_total', { code: 'CONSENT_REQUIRED' }),
      badUserInputErrors: at('gateway', 'enplan_graphql_errors_total', { code: 'BAD_USER_INPUT' }),
      refusedForLength: at('gateway', 'enplan_refusals_total', { reason: 'query_length' }),
      deniedByProvision: at('consent', 'enplan_consent_decisions_total', { outcome: 'denied', reason: 'denied_by_provision' }),
      notCoverable: at('consent', 'enplan_consent_decisions_total', { outcome: 'denied', reason: 'not_coverable' }),
      noConsent: at('consent', 'enplan_consent_decisions_total', { outcome: 'denied', reason: 'no_consent' }),
      permitted: at('consent', 'enplan_consent_decisions_total', { outcome: 'allowed', reason: 'permitted' }),
      accessLogAppends: at('consent', 'enplan_access_log_append_duration_seconds_count', { outcome: 'ok' }),
      accessLogBatches: at('consent', 'enplan_access_log_batch_entries_count', {}),
      employmentServed: at('employment', 'enplan_http_request_duration_seconds_count', {
        route: '/graphql',
        operation: 'CitizenPlan',
        status: '200',
      }),
    };
    // Each scrape is the service's own; every count here was driven above.
    for (const [name, value] of Object.entries(counts))
      expect({ name, counted: (value ?? 0) > 0 }).toEqual({ name, counted: true });
    // 1 + 3 + 8 CitizenPlan requests in all (the first test's, the x-request-id test's, the scenarios').
    expect(counts.citizenPlanRequests).toBe(12);
    expect(counts.caseloadRequests).toBe(1);
    expect(sample(scraped.get('gateway') as string, 'process_cpu_user_seconds_total', { service: 'gateway' })).toBeGreaterThan(0);

    // Never on the public GraphQL listener (where /metrics is, at most, the web app's page).
    const onPublic = await fetch(new URL('/metrics', gatewayUrl));
    expect(await onPublic.text()).not.toMatch(/# (HELP|TYPE) |enplan_/);

    const findings: Record<string, string[]> = {};
    for (const [name, text] of scraped) findings[`metrics of ${name}`] = cprsIn(namesAndLabels(text));
    findings.spans = cprsIn(receiver.rawBodies.join('\n'));
    for (const [name, service] of services) findings[`log of ${name}`] = cprsIn(service.output);
    expect(Object.fromEntries(Object.entries(findings).filter(([, found]) => found.length > 0))).toEqual({});
    // The scan covered real material: many spans, and log lines of every service.
    expect(receiver.spans.length).toBeGreaterThan(100);
    for (const service of services.values()) expect(service.logs.length).toBeGreaterThan(3);
  });

  it('the CPR scan itself finds a CPR in each of its forms', () => {
    expect(cprsIn('{"cpr":"0101804321"}')).toEqual(['0101804321']);
    expect(cprsIn('citizen 150285-4562 read')).toEqual(['150285-4562']);
    expect(cprsIn('x 2512991234 y')).toEqual(['2512991234']);
    expect(cprsIn('masked 010180-XXXX, trace 4bf92f3577b34da6a3ce929d0e0e4736, 0.0123456789')).toEqual([]);
  });
});
