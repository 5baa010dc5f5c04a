import { resolve } from 'node:path';
import { ConfigReader, DEV_ACTOR_SECRET, REPO_ROOT } from '@enplan/lib';

/** Only for local demos and tests; production must set JWT_SECRET or JWKS_URL (checked at start-up). */
export const DEV_JWT_SECRET = 'enplan-dev-only-jwt-secret-do-not-use-in-production';
export const DEFAULT_ISSUER = 'enplan-dev';
export const DEFAULT_AUDIENCE = 'enplan';

export interface GatewayConfig {
  port: number;
  host: string;
  /** Production mode: no introspection, no landing page, secrets required. */
  production: boolean;
  /** The composed supergraph file the gateway serves. @default supergraph.graphql at the repo root */
  supergraphPath: string;
  /** HMAC secret shared with the subgraphs for the signed Actor header. */
  actorSecret: string;
  jwt: { secret?: string; jwksUrl?: string; issuer: string; audience: string };
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
}

/**
 * Request limits, each inclusive (a value equal to the limit passes). The first four have the
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
}

/** Reads the gateway's environment and reports every problem at once. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  const read = new ConfigReader(env);
  const production = env.NODE_ENV === 'production';
  const jwksUrl = read.url('JWKS_URL');
  const jwtSecret = jwksUrl ? read.optionalString('JWT_SECRET') : read.secret('JWT_SECRET', production ? undefined : DEV_JWT_SECRET);
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
  return read.done('gateway', {
    port: read.integer('PORT', 4000, { max: 65_535 }),
    host: read.string('HOST', '127.0.0.1'),
    production,
    supergraphPath: resolve(read.string('SUPERGRAPH_PATH', resolve(REPO_ROOT, 'supergraph.graphql'))),
    actorSecret: read.secret('ACTOR_SECRET', production ? undefined : DEV_ACTOR_SECRET),
    jwt: {
      ...(jwtSecret && { secret: jwtSecret }),
      ...(jwksUrl && { jwksUrl }),
      issuer: read.string('JWT_ISSUER', DEFAULT_ISSUER),
      audience: read.string('JWT_AUDIENCE', DEFAULT_AUDIENCE),
    },
    subgraphUrls,
    subgraphTimeoutMs: read.integer('SUBGRAPH_TIMEOUT_MS', 5_000, { min: 10, max: 300_000 }),
    subgraphTimeoutsMs,
    ...(read.url('CONSENT_URL') && { consentUrl: read.url('CONSENT_URL') }),
    consentTimeoutMs: read.integer('CONSENT_TIMEOUT_MS', 2_000, { min: 10, max: 60_000 }),
    decisionCacheTtlMs: read.integer('DECISION_CACHE_TTL_MS', 10_000, { max: 3_600_000 }),
    ...(read.url('REDIS_URL') && { redisUrl: read.url('REDIS_URL') }),
    queryPlanCacheMiB: read.integer('QUERY_PLAN_CACHE_MIB', 10, { min: 1, max: 1_024 }),
    documentCacheMiB: read.integer('DOCUMENT_CACHE_MIB', 5, { min: 1, max: 1_024 }),
    allowUnclassifiedSubgraphs: read.oneOf('ALLOW_UNCLASSIFIED_SUBGRAPHS', ['true', 'false'], 'false') === 'true',
    limits: Object.freeze({
      maxQueryDepth: read.integer('MAX_QUERY_DEPTH', 12, { min: 1, max: 1_000 }),
      maxAliases: read.integer('MAX_ALIASES', 30, { max: 100_000 }),
      maxDirectives: read.integer('MAX_DIRECTIVES', 50, { max: 100_000 }),
      maxQueryLength: read.integer('MAX_QUERY_LENGTH', 20_000, { min: 1, max: 10_000_000 }),
      maxBatchSize: read.integer('MAX_BATCH_SIZE', 10, { min: 1, max: 1_000 }),
      maxBodyBytes: read.integer('MAX_BODY_BYTES', 102_400, { min: 1_024, max: 100 * 1_048_576 }),
    }),
  });
}
