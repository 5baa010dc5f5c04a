import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAssertionVerifier,
  devKeyFiles,
  type DisclosureLog,
  GATEWAY_ISSUER,
  type GatewayKeyPairs,
  INBOX_API_PATH,
  loadKeySet,
  loadRegistry,
  openDepartmentCoverage,
  readPrivateJwk,
  silentLogger,
  registeredSubgraphs,
  startSubgraphServer,
  trustedKeySetsOf,
  type Logger,
  type RunningService,
  type SubgraphInstance,
  type TrustedService,
  writeGatewayKeyPairs,
  createKitSubgraph,
  isKitDepartment,
} from '@enplan/lib';
import { type VendorStandIn } from '@enplan/tools/src/standInServer';
import { startDepartmentStandIn } from '@enplan/tools/src/vendorStandIn';
import { demoClaims, issueDemoToken } from '@enplan/gateway/src/auth/demoTokens';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  DEV_JWT_SECRET,
  loadGatewayConfig,
  type GatewayConfig,
} from '@enplan/gateway/src/config';
import { startGateway, type GatewayDependencies, type RunningGateway } from '@enplan/gateway/src/server';
import type { ConsentSubgraphOptions } from '@enplan/subgraph-consent/src/server';
import type { PlanSubgraphOptions } from '@enplan/subgraph-plan/src/server';
import type { FindingSettings } from '@enplan/subgraph-plan/src/finding/CandidateFinder';
import { registryDepartments } from '@enplan/subgraph-plan/src/finding/findingPopulation';

/** Any subgraph's factory: every subgraph's `src/server.ts` exports one `create…Subgraph(options)`. */
type SubgraphFactory = (options: ConsentSubgraphOptions & PlanSubgraphOptions) => SubgraphInstance;

/** Loads a subgraph's factory by the registry's name, so a new department needs no change here. */
function factoryOf(name: string): SubgraphFactory {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the registry, not this file, lists the subgraphs
  const exports = require(`@enplan/subgraph-${name}/src/server`) as Record<string, unknown>;
  const factories = Object.entries(exports).filter(
    ([key, value]) => /^create\w*Subgraph$/.test(key) && typeof value === 'function',
  );
  if (factories.length !== 1) throw new Error(`subgraphs/${name}/src/server.ts must export exactly one create…Subgraph function`);
  return factories[0]![1] as SubgraphFactory;
}

/** As each subgraph's index.ts passes `trustedServices` to runSubgraph: whose own keys it accepts, for that service acting as itself. */
const TRUSTED_SERVICES: Readonly<Record<string, readonly TrustedService[]>> = {
  consent: ['plan'],
  plan: ['consent'],
};

export type SubgraphName = string;

export interface FederationOptions {
  syntheticCitizens?: number;
  /** The clock of the consent service and the gateway. */
  now?: () => number;
  gatewayEnv?: NodeJS.ProcessEnv;
  /** The consent service on PostgreSQL instead of its SQLite file. */
  consentDatabaseUrl?: string;
  /** The plan subgraph on PostgreSQL instead of its SQLite file. */
  planDatabaseUrl?: string;
  gatewayDeps?: GatewayDependencies;
  /** Where the subgraphs log (their refusals say why). @default silent */
  subgraphLogger?: (name: SubgraphName) => Logger;
  /** A Digital Post integration the consent and plan subgraphs deliver notifications to as well. */
  digitalPostUrl?: string;
  /** The candidate finder's switch and limits in the plan subgraph. @default off */
  finding?: FindingSettings;
  /** How long a kit department waits for the system behind it. @default 1500 */
  vendorTimeoutMs?: number;
  /** A kit department's system running elsewhere (a stand-in in its own process), by subgraph: none is started for it here. */
  vendorUrls?: Partial<Record<SubgraphName, string>>;
}

/** The whole federation of federation.json, for real, on loopback: every subgraph over temp SQLite files, and a gateway. */
export class TestFederation {
  readonly subgraphs = new Map<
    SubgraphName,
    { instance: SubgraphInstance; running?: RunningService; url: string; disclosureLog?: DisclosureLog }
  >();
  /** The stand-ins for the systems behind kit departments (federation.json `kit`), by subgraph. */
  readonly vendors = new Map<SubgraphName, VendorStandIn>();
  gateway!: RunningGateway;
  gatewayConfig!: GatewayConfig;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'enplan-test-'));
  /** This federation's own gateway key pairs (not the committed dev keys, so production mode starts): one per organisation. */
  gatewayKeyPairs!: GatewayKeyPairs;

  /** The gateway's key pair for the municipality's subgraphs. */
  get gatewayKeys(): GatewayKeyPairs['municipal'] {
    return this.gatewayKeyPairs.municipal;
  }

  private constructor(private readonly options: FederationOptions) {}

  static async start(options: FederationOptions = {}): Promise<TestFederation> {
    // As every service does at start: the federation is federation.json's, read and checked now.
    loadRegistry();
    const federation = new TestFederation(options);
    federation.gatewayKeyPairs = await writeGatewayKeyPairs(federation.dataDir, 'test');
    for (const { name } of registeredSubgraphs()) await federation.startSubgraph(name);
    federation.gatewayConfig = loadGatewayConfig({ PORT: '0', ...federation.gatewayEnv(), ...options.gatewayEnv });
    federation.gateway = await startGateway(federation.gatewayConfig, { now: options.now, ...options.gatewayDeps });
    return federation;
  }

  /** What another gateway over these subgraphs needs: their URLs and this federation's gateway keys. */
  gatewayEnv(): Record<string, string> {
    return {
      ...this.gatewayKeyPairs.gatewayEnv,
      ...Object.fromEntries([...this.subgraphs].map(([name, s]) => [`SUBGRAPH_URL_${name.toUpperCase()}`, s.url])),
    };
  }

  /** Starts (or restarts, on the same port and file) one subgraph. */
  async startSubgraph(name: SubgraphName): Promise<void> {
    const previous = this.subgraphs.get(name);
    const port = previous ? Number(new URL(previous.url).port) : 0;
    const consentName = registeredSubgraphs().find((s) => s.kind === 'consent')?.name ?? 'consent';
    const consent = this.subgraphs.get(consentName);
    for (const need of registeredSubgraphs().find((s) => s.name === name)?.needs ?? []) {
      if (!this.subgraphs.has(need)) throw new Error(`start the ${need} subgraph before the ${name} subgraph`);
    }
    const options: ConsentSubgraphOptions & PlanSubgraphOptions = {
      databaseFile: join(this.dataDir, `${name}.sqlite`),
      syntheticCitizens: this.options.syntheticCitizens ?? 0,
      ...(this.options.now && { now: this.options.now }),
      ...(name === 'consent' && this.options.consentDatabaseUrl && { databaseUrl: this.options.consentDatabaseUrl }),
      ...(name === 'plan' && this.options.planDatabaseUrl && { databaseUrl: this.options.planDatabaseUrl }),
      // The plan subgraph asks the consent service who may see a joint plan; the others ignore this.
      consent: {
        baseUrl: consent ? new URL(consent.url).origin : '',
        signingKey: readPrivateJwk(devKeyFiles('plan').privateJwk),
        timeoutMs: 2_000,
        callerId: 'enplan-plan',
      },
      // The consent service delivers receipts to the plan subgraph's inbox, wherever it listens now.
      notifications: {
        inboxUrl: () => new URL(INBOX_API_PATH, this.subgraphs.get('plan')?.url ?? 'http://127.0.0.1:9').href,
        signingKey: readPrivateJwk(devKeyFiles('consent').privateJwk),
        digitalPostUrl: this.options.digitalPostUrl,
        pollMs: 25,
        retryBaseMs: 50,
      },
      digitalPostUrl: this.options.digitalPostUrl,
      ...(this.options.finding && { finding: this.options.finding }),
      // The finder asks each municipal department wherever it listens now (housing starts after plan).
      findingDepartments: registryDepartments(
        (department) => this.subgraphs.get(department)?.url ?? 'http://127.0.0.1:9/graphql',
      ),
      outboxPollMs: 25,
      outboxRetryBaseMs: 50,
    };
    const instance = await this.createSubgraph(name, options);
    // As runSubgraph trusts: the gateway's key for this subgraph's organisation (this federation's own), the services' dev keys.
    const verifier = createAssertionVerifier({
      audience: name,
      trusted: trustedKeySetsOf(name, TRUSTED_SERVICES[name]).map(({ issuer, devJwks, serviceOnly }) => ({
        issuer,
        keys: loadKeySet(issuer === GATEWAY_ISSUER ? this.gatewayKeyPairs.jwksFileOf(name) : devJwks),
        serviceOnly,
      })),
    });
    const logger = this.options.subgraphLogger?.(name) ?? silentLogger;
    const coverage = openDepartmentCoverage(name, options.databaseFile, logger);
    const disclosureLog = coverage?.log;
    const running = await startSubgraphServer(
      instance.module,
      { verifier, logger, ...(coverage && { coverage: coverage.plugin }) },
      port,
    );
    this.subgraphs.set(name, { instance, running, url: running.url, ...(disclosureLog && { disclosureLog }) });
  }

  /** A hand-written subgraph from its factory; a kit department from its mapping, over its vendor stand-in (started once, kept across restarts). */
  private async createSubgraph(
    name: SubgraphName,
    options: ConsentSubgraphOptions & PlanSubgraphOptions,
  ): Promise<SubgraphInstance> {
    if (!isKitDepartment(name)) return factoryOf(name)(options);
    let url = this.options.vendorUrls?.[name];
    if (!url) {
      const vendor = this.vendors.get(name) ?? (await startDepartmentStandIn(name));
      this.vendors.set(name, vendor);
      url = vendor.url;
    }
    return createKitSubgraph(name, {
      ...options,
      logger: this.options.subgraphLogger?.(name) ?? silentLogger,
      vendor: { url, timeoutMs: this.options.vendorTimeoutMs ?? 1_500 },
    });
  }

  /** Stops one subgraph, as when a department's system goes down. */
  async stopSubgraph(name: SubgraphName): Promise<void> {
    const subgraph = this.subgraphs.get(name);
    if (!subgraph?.running) return;
    await subgraph.running.stop();
    subgraph.disclosureLog?.close();
    await subgraph.instance.close();
    delete subgraph.running;
  }

  subgraph<T extends SubgraphInstance = SubgraphInstance>(name: SubgraphName): T {
    return this.subgraphs.get(name)?.instance as T;
  }

  async stop(): Promise<void> {
    await this.gateway?.stop();
    for (const name of this.subgraphs.keys()) await this.stopSubgraph(name);
    for (const vendor of this.vendors.values()) await vendor.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** A demo bearer token (as `npm run token` prints) for a caseworker id, a persona's CPR, or `auditor`. */
export async function tokenFor(who: string, overrides: { secret?: string; ttlSeconds?: number } = {}): Promise<string> {
  const claims = demoClaims(who);
  if (!claims) throw new Error(`no demo identity "${who}"`);
  return issueDemoToken(claims, {
    secret: overrides.secret ?? DEV_JWT_SECRET,
    issuer: DEFAULT_ISSUER,
    audience: DEFAULT_AUDIENCE,
    ...(overrides.ttlSeconds !== undefined && { ttlSeconds: overrides.ttlSeconds }),
  });
}

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** POSTs a GraphQL operation as a frontend would. */
export async function graphql<T = any>(
  url: string,
  query: string,
  {
    token,
    variables,
    operationName,
    headers = {},
  }: { token?: string; variables?: Record<string, unknown>; operationName?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...headers },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const body = (await response.json()) as Omit<GraphQLResult<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The errors of a result as `path → code`, for exact assertions. */
export function errorCodesByPath(result: GraphQLResult): Record<string, string> {
  return Object.fromEntries((result.errors ?? []).map((e) => [(e.path ?? []).join('.'), String(e.extensions?.code)]));
}
