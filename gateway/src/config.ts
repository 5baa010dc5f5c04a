import { resolve } from 'node:path';
import {
  ConfigReader,
  defaultMetricsPort,
  devKeyFiles,
  readOrganisationSigningKeys,
  readSigningKey,
  readTracingConfig,
  REPO_ROOT,
  type TracingConfig,
} from '@enplan/lib';
import type { JWK } from 'jose';
import { readClaimMapping, type ClaimMapping } from './auth/claimMapping';
import type { FieldUsageSettings } from './usage/FieldUsageCounter';
import { readWebSettings, type WebSettings } from './web/webConfig';

/** Only for local demos and tests; production must set JWT_SECRET or JWKS_URL (checked at start-up). */
export const DEV_JWT_SECRET = 'enplan-dev-only-jwt-secret-do-not-use-in-production';
/** Only for local demos and tests; production must set DECISION_CACHE_SECRET when it uses Redis. */
export const DEV_DECISION_CACHE_SECRET = 'enplan-dev-only-decision-cache-secret-do-not-use-in-production';
export const DEFAULT_ISSUER = 'enplan-dev';
export const DEFAULT_AUDIENCE = 'enplan';

export interface GatewayConfig {
  port: number;
  host: string;
  /** Production mode: no introspection, no landing page, secrets required. */
  production: boolean;
  /** The composed supergraph file the gateway serves. @default supergraph.graphql at the repo root */
  supergraphPath: string;
  /** The private key (ES256 JWK with `kid`, GATEWAY_SIGNING_KEY_FILE) every municipal subgraph call is signed with. */
  signingKey: JWK;
  /**
   * Per other organisation with departments (its code): the private key calls to its departments are
   * signed with, and only those (GATEWAY_SIGNING_KEY_FILE_<CODE>; lib/src/gatewayKeys.ts, rule 11).
   */
  organisationSigningKeys: Readonly<Record<string, JWK>>;
  /**
   * The gateway's own secret for Redis (DECISION_CACHE_SECRET): citizen keys and the MAC of every
   * cached decision are derived from it, and Redis never sees it.
   */
  decisionCacheSecret: string;
  jwt: { secret?: string; jwksUrl?: string; issuer: string; audience: string; claims: ClaimMapping };
  /** Per-subgraph URL overrides (SUBGRAPH_URL_<NAME>), else the URL in the supergraph. */
  subgraphUrls: Readonly<Record<string, string>>;
  /** How long a subgraph may take before it counts as down (SUBGRAPH_TIMEOUT_MS). @default 5000 */
  subgraphTimeoutMs: number;
  /** Per-subgraph overrides of that timeout (SUBGRAPH_TIMEOUT_MS_<NAME>). */
  subgraphTimeoutsMs: Readonly<Record<string, number>>;
  /** Base URL of the consent service's internal API. @default the consent subgraph's origin */
  consentUrl?: string;
  /** @default 2000 */
  consentTimeoutMs: number;
  /** How long a consent decision may be reused; 0 turns caching off. @default 10000 */
  decisionCacheTtlMs: number;
  /**
   * Citizens whose decisions the in-memory cache holds at most (DECISION_CACHE_MAX_CITIZENS); the
   * least recently asked about are forgotten past it. About 1 KiB each. @default 100000
   */
  decisionCacheMaxCitizens: number;
  /** Redis for a decision cache shared by several gateways; unset = in memory. */
  redisUrl?: string;
  /**
   * Approximate size of the query-plan cache (QUERY_PLAN_CACHE_MIB). Apollo measures plans by their
   * JSON size; on the heap they take several times that, so keep it modest. @default 10
   */
  queryPlanCacheMiB: number;
  /**
   * Approximate size of Apollo Server's cache of parsed and validated operations (DOCUMENT_CACHE_MIB),
   * measured the same way. Apollo's default (30) holds thousands of one-off documents at about four
   * times that on the heap; caseworker frontends send a few dozen distinct operations. @default 5
   */
  documentCacheMiB: number;
  /** Limits on what one HTTP request may ask of the gateway. */
  limits: GatewayLimits;
  /**
   * Serve subgraphs that declare neither `@department` nor `@infrastructure` in production
   * (ALLOW_UNCLASSIFIED_SUBGRAPHS=true), for a plain federation without citizen data. Such a subgraph
   * still may not carry `@category` fields. @default false
   */
  allowUnclassifiedSubgraphs: boolean;
  demand: DemandConfig;
  /** Where `GET /metrics` listens (METRICS_PORT, METRICS_HOST): never the GraphQL port. @default PORT + 5000, HOST */
  metrics: { port: number; host: string };
  /** The standard OTEL_* variables; tracing is off unless OTEL_TRACES_EXPORTER=otlp. */
  tracing: TracingConfig;
  /** The web app, CORS and the dev sign-in (web/webConfig.ts). */
  web: WebSettings;
  /** How much field usage the gateway keeps for GET /usage (usage/FieldUsageCounter.ts). */
  fieldUsage: FieldUsageSettings;
}

/**
 * Request limits, each inclusive (a value equal to the limit passes). The first three have the
 * shape of `OperationLimitsOptions` (plugins/operationLimits.ts), so `limits` can be passed as is.
 */
export interface GatewayLimits {
  /** Deepest field nesting; root fields are depth 1 (MAX_QUERY_DEPTH). @default 12 */
  maxQueryDepth: number;
  /** Aliased fields per operation, fragments expanded (MAX_ALIASES). @default 30 */
  maxAliases: number;
  /** Directives per operation, fragments expanded (MAX_DIRECTIVES). @default 50 */
  maxDirectives: number;
  /** Characters of query text (MAX_QUERY_LENGTH). @default 20000 */
  maxQueryLength: number;
  /** Operations in one batched HTTP request (MAX_BATCH_SIZE). @default 10 */
  maxBatchSize: number;
  /** Bytes of request body (MAX_BODY_BYTES). @default 102400 */
  maxBodyBytes: number;
  /** Lexical tokens per query; the parser stops at the first one over (MAX_TOKENS). @default 5000 */
  maxTokens: number;
}

/** Rate-limit refusals held before they are sent (admission/RefusalPacer.ts). */
export interface RefusalPacing {
  /** How long a rate-limit refusal is held before it is sent (RATE_LIMIT_REFUSAL_DELAY_MS); 0 sends it at once. */
  delayMs: number;
  /** Refusals held at once for one actor (MAX_HELD_REFUSALS_PER_ACTOR). */
  maxHeldPerActor: number;
  /** Refusals held at once on this gateway (MAX_HELD_REFUSALS). */
  maxHeld: number;
}

/** Demand control (gateway/src/admission, gateway/src/pricing): the price of a request and each actor's fair share. */
export interface DemandConfig {
  /** Highest estimated cost of one HTTP request, a whole batch summed (COST_LIMIT). @default 5000 */
  costLimit: number;
  /** Assumed length of a list the schema gives no size for (COST_DEFAULT_LIST_SIZE). @default 10 */
  defaultListSize: number;
  /** A request estimated at this cost or more is expensive (COST_EXPENSIVE). @default 500 */
  expensiveCost: number;
  /** Expensive requests one actor may have in flight on one gateway (MAX_CONCURRENT_EXPENSIVE). @default 2 */
  maxConcurrentExpensive: number;
  /** Requests per second an actor's bucket refills by; 0 turns rate limiting off (RATE_LIMIT_PER_SECOND). @default 20 */
  ratePerSecond: number;
  /** Requests an actor may send at once from a full bucket (RATE_LIMIT_BURST). @default 60 */
  rateBurst: number;
  /** Rate-limit refusals: held this long before they are sent, bounded per actor and in total. */
  refusalPacing: RefusalPacing;
  /**
   * Failed authentications one client address may have answered at once (AUTH_FAILURE_BURST,
   * @default 100), refilled by AUTH_FAILURES_PER_SECOND (@default 20; 0 = off); beyond that its 401s
   * are paced like rate-limit refusals.
   */
  authFailures: { perSecond: number; burst: number };
  /** How long /ready reuses its answer about the consent service (READY_CACHE_MS). @default 1000 */
  readyCacheMs: number;
}

/** Reads the gateway's environment and reports every problem at once. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  const read = new ConfigReader(env);
  const production = env.NODE_ENV === 'production';
  const jwksUrl = read.url('JWKS_URL');
  const redisUrl = read.url('REDIS_URL');
  const jwtSecret = jwksUrl ? read.optionalString('JWT_SECRET') : read.productionSecret('JWT_SECRET', DEV_JWT_SECRET, production);
  if (production && !jwksUrl && !env.JWT_SECRET) read.problem('set JWKS_URL (or JWT_SECRET for HS256) in production');
  const subgraphUrls: Record<string, string> = {};
  const subgraphTimeoutsMs: Record<string, number> = {};
  // Per subgraph, whichever the supergraph has: the gateway knows no subgraph by name.
  for (const variable of Object.keys(env)) {
    const urlFor = /^SUBGRAPH_URL_([A-Z0-9_]+)$/.exec(variable)?.[1];
    const url = urlFor && read.url(variable);
    if (urlFor && url) subgraphUrls[urlFor.toLowerCase()] = url;
    const timeoutFor = /^SUBGRAPH_TIMEOUT_MS_([A-Z0-9_]+)$/.exec(variable)?.[1];
    const timeout = timeoutFor ? read.integer(variable, 0, { max: 300_000 }) : 0;
    if (timeoutFor && timeout > 0) subgraphTimeoutsMs[timeoutFor.toLowerCase()] = timeout;
  }
  const port = read.integer('PORT', 4000, { max: 65_535 });
  const host = read.string('HOST', '127.0.0.1');
  const fieldUsageFile = read.optionalString('FIELD_USAGE_FILE');
  const signingKey = readSigningKey(read, 'GATEWAY_SIGNING_KEY_FILE', devKeyFiles('gateway').privateJwk, production) ?? {};
  return read.done('gateway', {
    port,
    host,
    production,
    supergraphPath: resolve(read.string('SUPERGRAPH_PATH', resolve(REPO_ROOT, 'supergraph.graphql'))),
    signingKey,
    organisationSigningKeys: Object.freeze(readOrganisationSigningKeys(read, signingKey, production)),
    decisionCacheSecret: redisUrl
      ? read.productionSecret('DECISION_CACHE_SECRET', DEV_DECISION_CACHE_SECRET, production)
      : (read.optionalString('DECISION_CACHE_SECRET') ?? DEV_DECISION_CACHE_SECRET),
    jwt: {
      ...(jwtSecret && { secret: jwtSecret }),
      ...(jwksUrl && { jwksUrl }),
      issuer: read.string('JWT_ISSUER', DEFAULT_ISSUER),
      audience: read.string('JWT_AUDIENCE', DEFAULT_AUDIENCE),
      claims: readClaimMapping(read),
    },
    subgraphUrls,
    subgraphTimeoutMs: read.integer('SUBGRAPH_TIMEOUT_MS', 5_000, { min: 10, max: 300_000 }),
    subgraphTimeoutsMs,
    ...(read.url('CONSENT_URL') && { consentUrl: read.url('CONSENT_URL') }),
    consentTimeoutMs: read.integer('CONSENT_TIMEOUT_MS', 2_000, { min: 10, max: 60_000 }),
    decisionCacheTtlMs: read.integer('DECISION_CACHE_TTL_MS', 10_000, { max: 3_600_000 }),
    decisionCacheMaxCitizens: read.integer('DECISION_CACHE_MAX_CITIZENS', 100_000, { min: 100, max: 10_000_000 }),
    ...(redisUrl && { redisUrl }),
    queryPlanCacheMiB: read.integer('QUERY_PLAN_CACHE_MIB', 10, { min: 1, max: 1_024 }),
    documentCacheMiB: read.integer('DOCUMENT_CACHE_MIB', 5, { min: 1, max: 1_024 }),
    allowUnclassifiedSubgraphs: read.oneOf('ALLOW_UNCLASSIFIED_SUBGRAPHS', ['true', 'false'], 'false') === 'true',
    limits: Object.freeze({
      // The brace nesting allowed before parsing is a multiple of this (pricing/queryNesting.ts): keep it
      // far below what would exhaust the parser's stack.
      maxQueryDepth: read.integer('MAX_QUERY_DEPTH', 12, { min: 1, max: 100 }),
      maxAliases: read.integer('MAX_ALIASES', 30, { max: 100_000 }),
      maxDirectives: read.integer('MAX_DIRECTIVES', 50, { max: 100_000 }),
      maxQueryLength: read.integer('MAX_QUERY_LENGTH', 20_000, { min: 1, max: 10_000_000 }),
      maxBatchSize: read.integer('MAX_BATCH_SIZE', 10, { min: 1, max: 1_000 }),
      maxBodyBytes: read.integer('MAX_BODY_BYTES', 102_400, { min: 1_024, max: 100 * 1_048_576 }),
      maxTokens: read.integer('MAX_TOKENS', 5_000, { min: 100, max: 1_000_000 }),
    }),
    demand: Object.freeze({
      costLimit: read.integer('COST_LIMIT', 5_000, { min: 1 }),
      defaultListSize: read.integer('COST_DEFAULT_LIST_SIZE', 10, { min: 1, max: 10_000 }),
      expensiveCost: read.integer('COST_EXPENSIVE', 500, { min: 1 }),
      maxConcurrentExpensive: read.integer('MAX_CONCURRENT_EXPENSIVE', 2, { min: 1, max: 1_000 }),
      ratePerSecond: read.integer('RATE_LIMIT_PER_SECOND', 20, { max: 100_000 }),
      rateBurst: read.integer('RATE_LIMIT_BURST', 60, { min: 1, max: 1_000_000 }),
      refusalPacing: Object.freeze({
        delayMs: read.integer('RATE_LIMIT_REFUSAL_DELAY_MS', 1_000, { max: 60_000 }),
        maxHeldPerActor: read.integer('MAX_HELD_REFUSALS_PER_ACTOR', 256, { min: 1, max: 100_000 }),
        maxHeld: read.integer('MAX_HELD_REFUSALS', 4_096, { min: 1, max: 1_000_000 }),
      }),
      authFailures: Object.freeze({
        perSecond: read.integer('AUTH_FAILURES_PER_SECOND', 20, { max: 100_000 }),
        burst: read.integer('AUTH_FAILURE_BURST', 100, { min: 1, max: 1_000_000 }),
      }),
      readyCacheMs: read.integer('READY_CACHE_MS', 1_000, { max: 60_000 }),
    }),
    metrics: Object.freeze({
      port: read.integer('METRICS_PORT', defaultMetricsPort(port), { max: 65_535 }),
      host: read.string('METRICS_HOST', host),
    }),
    tracing: readTracingConfig(read, 'enplan-gateway'),
    web: Object.freeze(readWebSettings(read, { production, hmacSecret: !jwksUrl && jwtSecret !== undefined })),
    fieldUsage: Object.freeze({
      maxOperations: read.integer('FIELD_USAGE_MAX_OPERATIONS', 200, { min: 1, max: 10_000 }),
      retainDays: read.integer('FIELD_USAGE_RETAIN_DAYS', 90, { min: 1, max: 400 }),
      ...(fieldUsageFile && { file: resolve(fieldUsageFile) }),
      writeIntervalMs: read.integer('FIELD_USAGE_WRITE_SECONDS', 60, { min: 1, max: 86_400 }) * 1_000,
    }),
  });
}
