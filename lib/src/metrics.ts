import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';
import type { Logger } from './logger';

/**
 * enplan's Prometheus metrics, defined once for every service (each process exposes the ones it
 * uses). Every label has a bounded set of values: operation names from `operations/` or `other`,
 * subgraph and department names, outcomes and reasons from fixed lists. Never a CPR, a consent id or
 * free text: a label value becomes a time series, and a time series is kept for weeks.
 * What each metric means, and the alerts to set on them: docs/operations.md.
 */

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export const metrics = {
  httpRequestDuration: new Histogram({
    name: 'enplan_http_request_duration_seconds',
    help: 'HTTP requests served, by route, registered operation name (else "other") and status code.',
    labelNames: ['route', 'operation', 'status'] as const,
    buckets: LATENCY_BUCKETS,
  }),
  graphqlErrors: new Counter({
    name: 'enplan_graphql_errors_total',
    help: 'Errors returned to clients, by extensions.code (e.g. CONSENT_UNAVAILABLE, CONSENT_REQUIRED).',
    labelNames: ['code'] as const,
  }),
  consentDecisions: new Counter({
    name: 'enplan_consent_decisions_total',
    help: 'Consent decisions made by the consent service, by outcome and reason.',
    labelNames: ['outcome', 'reason'] as const,
  }),
  decisionCacheLookups: new Counter({
    name: 'enplan_decision_cache_lookups_total',
    help: "Lookups in the gateway's decision cache (one per citizen and department pair), by result.",
    labelNames: ['result'] as const,
  }),
  subgraphFetchDuration: new Histogram({
    name: 'enplan_subgraph_fetch_duration_seconds',
    help: 'Fetches from the gateway to a subgraph, by subgraph and outcome (ok, error).',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
  }),
  consentCallDuration: new Histogram({
    name: 'enplan_consent_call_duration_seconds',
    help: "Calls to the consent service's internal API (decisions, access_log), by outcome.",
    labelNames: ['call', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
  }),
  accessLogAppendDuration: new Histogram({
    name: 'enplan_access_log_append_duration_seconds',
    help: "Appending one batch to the consent service's access log (the database transaction), by outcome.",
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
  }),
  accessLogBatchSize: new Histogram({
    name: 'enplan_access_log_batch_entries',
    help: 'Entries per access-log append.',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000],
  }),
  refusals: new Counter({
    name: 'enplan_refusals_total',
    help: 'Requests refused before any department was asked, by reason (a limit or a cost budget).',
    labelNames: ['reason'] as const,
  }),
  connectionUp: new Gauge({
    name: 'enplan_connection_up',
    help: '1 while a connection is up (redis, consent_invalidations), 0 while it is down.',
    labelNames: ['connection'] as const,
    collect() {
      for (const [connection, isUp] of connectionProbes) this.set({ connection }, isUp() ? 1 : 0);
    },
  }),
};

const connectionProbes = new Map<string, () => boolean>();

/** Reports a connection's state at every scrape (read then, so it costs nothing per request). */
export function observeConnection(connection: string, isUp: () => boolean): void {
  connectionProbes.set(connection, isUp);
}

/** For the limit and cost checks: one refusal, with a reason from a fixed list (e.g. `depth`, `cost`). */
export function countRefusal(reason: string): void {
  metrics.refusals.inc({ reason });
}

let defaultsCollected = false;

/** Names every series of this process with its service, and adds Node's process metrics. Once per process. */
export function initMetrics(service: string): void {
  register.setDefaultLabels({ service });
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics();
}

/** Seconds since `startedAt` (a `performance.now()` reading), for the histograms above. */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}

/** METRICS_PORT when not set: the service's own port + 5000 (gateway 9000, subgraphs 9001–9005); any free port beside port 0. */
export function defaultMetricsPort(servicePort: number): number {
  return servicePort === 0 || servicePort + 5000 > 65_535 ? 0 : servicePort + 5000;
}

export interface MetricsServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * `GET /metrics` on its own listener: the scrape port stays off the public GraphQL port, so it can
 * be firewalled to the monitoring network.
 */
export async function startMetricsServer(port: number, host: string, logger: Logger): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    register.metrics().then(
      (body) => res.writeHead(200, { 'content-type': register.contentType }).end(body),
      (error: unknown) => {
        logger.error('metrics collection failed', { message: String(error) });
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  logger.info('metrics listening', { metricsPort: actual });
  return {
    port: actual,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
