/**
 * The container deployment (docker-compose.yml) keeps the product's promises: the gateway is the only
 * door, it opens only once every department is up, each department keeps its own data, and no secret
 * is committed. No Docker engine is needed: the file is read and checked as Compose would read it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import { parse } from 'yaml';
import {
  INBOX_API_PATH,
  REPO_ROOT,
  gatewayKeyOf,
  gatewayKeyOfSubgraph,
  isKitDepartment,
  organisationGatewayKeys,
  registeredSubgraphs,
  trustedServicesOf,
} from '@enplan/lib';

type Environment = Record<string, string | undefined>;

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  ports?: unknown[];
  networks?: string[] | Record<string, unknown>;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, { internal?: boolean } | null>;
}

// Compose honours YAML merge keys (`<<: *anchor`); so must the reader here.
const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const services = compose.services;
const SUBGRAPH_NAMES = registeredSubgraphs().map((s) => s.name);
const NODE_SERVICES = ['gateway', ...SUBGRAPH_NAMES];
/** Kit departments (lib/src/department/kit) run the kit's entry point, beside a stand-in for their vendor system. */
const KIT_DEPARTMENTS = SUBGRAPH_NAMES.filter(isKitDepartment);
const VENDOR_STAND_INS = KIT_DEPARTMENTS.map((name) => `${name}-vendor`);
const subgraphEntry = (name: string) =>
  isKitDepartment(name) ? 'tools/dist/kitDepartment.js' : `subgraphs/${name}/dist/index.js`;

function service(name: string): ComposeService {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** A service's environment as Compose hands it over, whichever of the two notations is used. */
function environment(name: string): Environment {
  const env = service(name).environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, undefined] : [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? undefined : String(v)]));
}

function dependsOn(name: string): Record<string, string | undefined> {
  const deps = service(name).depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([d, v]) => [d, v?.condition ?? 'service_started']));
}

/** The volumes a service mounts, normalised to {source, target}. */
function mounts(name: string): { source: string | undefined; target: string }[] {
  return (service(name).volumes ?? []).map((v) => {
    if (typeof v === 'string') {
      const [source, target] = v.split(':');
      return target === undefined ? { source: undefined, target: source! } : { source, target };
    }
    return { source: v.source, target: v.target ?? '' };
  });
}

function networksOf(name: string): string[] {
  const nets = service(name).networks;
  if (!nets) return ['default'];
  return Array.isArray(nets) ? nets : Object.keys(nets);
}

/** The compiled entry point a service starts, e.g. `subgraphs/employment/dist/index.js`. */
function entryPoint(name: string): string | undefined {
  const command = service(name).command;
  const args = Array.isArray(command) ? command : (command ?? '').split(/\s+/);
  return args.find((arg) => arg.endsWith('.js'));
}

/** The subgraphs whose store is a PostgreSQL database (password elided), and which database. */
const POSTGRES_STORES: Readonly<Record<string, string>> = {
  consent: 'postgres://enplan:…@postgres:5432/enplan',
  plan: 'postgres://enplan:…@postgres:5432/enplan_plan',
};

const INTERPOLATION = /^\$\{[A-Z][A-Z0-9_]*(:?[?-][^}]*)?\}$/;
const REQUIRED_INTERPOLATION = /^\$\{([A-Z][A-Z0-9_]*):\?[^}]+\}$/;

describe('docker-compose.yml', () => {
  it('runs the gateways, exactly the subgraphs of federation.json (the consent service twice), the consent cache and PostgreSQL', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['gateway', 'gateway-2', 'consent-2', 'postgres', 'redis', ...SUBGRAPH_NAMES, ...VENDOR_STAND_INS].sort(),
    );
  });

  it('runs each subgraph as federation.json registers it: its port, its entry point, its own data file, after what it needs', () => {
    for (const { name, defaultPort, needs } of registeredSubgraphs()) {
      // Every subgraph keeps its own store: a SQLite file of its own, or (the consent service, the plan) a PostgreSQL database.
      const store = environment(name).DATABASE_FILE ?? environment(name).DATABASE_URL?.replace(/\$\{[^}]+\}/g, '…');
      expect({ name, port: environment(name).PORT, entry: entryPoint(name), store }).toEqual({
        name,
        port: String(defaultPort),
        entry: subgraphEntry(name),
        store: POSTGRES_STORES[name] ?? `/data/${name}.sqlite`,
      });
      expect({ name, url: environment('gateway')[`SUBGRAPH_URL_${name.toUpperCase()}`] }).toEqual({
        name,
        url: `http://${name}:${defaultPort}/graphql`,
      });
      for (const need of needs)
        expect({ name, need, condition: dependsOn(name)[need] }).toEqual({ name, need, condition: 'service_healthy' });
    }
  });

  it('lets Compose tell whether each service is actually serving (a healthcheck everywhere)', () => {
    for (const [name, svc] of Object.entries(services)) {
      expect({ name, test: svc.healthcheck?.test }).toEqual({ name, test: expect.anything() });
      expect({ name, disabled: svc.healthcheck?.disable ?? false }).toEqual({ name, disabled: false });
    }
    for (const name of NODE_SERVICES) {
      // The Node services probe their own /health on the port they listen on, without curl.
      expect(JSON.stringify(service(name).healthcheck!.test)).toContain('/health');
      expect(JSON.stringify(service(name).healthcheck!.test)).toContain('process.env.PORT');
      expect(environment(name).PORT).toMatch(/^\d+$/);
    }
  });

  it('starts the gateway only after every department and the consent cache are healthy', () => {
    const deps = dependsOn('gateway');
    for (const name of [...SUBGRAPH_NAMES, 'redis']) {
      expect({ name, condition: deps[name] }).toEqual({ name, condition: 'service_healthy' });
    }
  });

  it("keeps each subgraph's data on its own named volume, or in its own database where PostgreSQL keeps its volume", () => {
    const declaredVolumes = Object.keys(compose.volumes ?? {});
    const seen = new Set<string>();
    for (const name of SUBGRAPH_NAMES) {
      const databaseUrl = environment(name).DATABASE_URL;
      // On PostgreSQL: the database server is a service of its own, with its own named volume.
      // (The URL is not parsed whole: its password is a Compose interpolation.)
      const [holder, database] = databaseUrl ? /@([a-z0-9-]+)[:/][^/]*\/([a-z0-9_]+)$/.exec(databaseUrl)!.slice(1) : [name, ''];
      const named = mounts(holder!).filter((m) => m.source !== undefined && declaredVolumes.includes(m.source));
      expect({ name, namedVolumes: named.length }).toEqual({ name, namedVolumes: 1 });
      const { source, target } = named[0]!;
      // No two subgraphs share a store: a department's data stays with the department.
      const store = `${source!}/${database!}`;
      expect({ name, shared: seen.has(store) }).toEqual({ name, shared: false });
      seen.add(store);
      if (databaseUrl) continue;
      const databaseFile = environment(name).DATABASE_FILE;
      expect({ name, databaseFile }).toEqual({ name, databaseFile: expect.any(String) });
      expect(isAbsolute(databaseFile!)).toBe(true);
      expect(posix.relative(target, databaseFile!)).not.toMatch(/^\.\.|^$/);
    }
  });

  it('routes the gateway to every subgraph, and the gateway and the plan subgraph to the consent service, by service name and port', () => {
    const gatewayEnv = environment('gateway');
    const urlVars = Object.keys(gatewayEnv).filter((k) => k.startsWith('SUBGRAPH_URL_'));
    expect(urlVars.sort()).toEqual(SUBGRAPH_NAMES.map((n) => `SUBGRAPH_URL_${n.toUpperCase()}`).sort());

    for (const variable of urlVars) {
      const url = new URL(gatewayEnv[variable]!);
      expect({ variable, service: url.hostname in services }).toEqual({ variable, service: true });
      expect({ variable, port: url.port }).toEqual({ variable, port: environment(url.hostname).PORT });
      expect(url.hostname).toBe(variable.slice('SUBGRAPH_URL_'.length).toLowerCase());
      expect(url.pathname).toBe('/graphql');
    }

    const consent = new URL(gatewayEnv.CONSENT_URL!);
    expect(consent.hostname).toBe('consent');
    expect(consent.port).toBe(environment('consent').PORT);

    const consentForPlans = new URL(environment('plan').CONSENT_URL!);
    expect(consentForPlans.origin).toBe(consent.origin);

    const inbox = new URL(environment('consent').INBOX_URL!);
    expect([inbox.hostname, inbox.port, inbox.pathname]).toEqual(['plan', environment('plan').PORT, INBOX_API_PATH]);

    const redis = new URL(gatewayEnv.REDIS_URL!.replace(/\$\{[^}]+\}/g, 'interpolated'));
    expect(redis.hostname).toBe('redis');
    expect(redis.hostname in services).toBe(true);
  });

  it('scales out: two consent replicas on one PostgreSQL, two gateways, each on its own replica', () => {
    const replicas = ['consent', 'consent-2'];
    const urls = replicas.map((name) => environment(name).DATABASE_URL);
    expect(urls[0]).toMatch(/^postgres:\/\/enplan:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/enplan$/);
    expect(urls[1]).toBe(urls[0]);
    for (const name of replicas) {
      expect(entryPoint(name)).toBe('subgraphs/consent/dist/index.js');
      expect(dependsOn(name)).toEqual({ postgres: 'service_healthy' });
      expect(environment(name).ACCESS_LOG_CHECKPOINT_KEY).toMatch(REQUIRED_INTERPOLATION);
      expect(service(name).ports ?? []).toEqual([]);
    }
    expect(environment('gateway-2')).toMatchObject({
      CONSENT_URL: 'http://consent-2:4004',
      SUBGRAPH_URL_CONSENT: 'http://consent-2:4004/graphql',
    });
    expect(entryPoint('gateway-2')).toBe('gateway/dist/index.js');
    expect(dependsOn('gateway-2')).toEqual(dependsOn('gateway'));
    expect(dependsOn('gateway')).toMatchObject({ 'consent-2': 'service_healthy' });
    expect(service('postgres').ports ?? []).toEqual([]);
    expect(networksOf('postgres')).toEqual(['backend']);
  });

  it('keeps the plans on the compose PostgreSQL, in a database of their own that PostgreSQL creates when it first starts', () => {
    expect(environment('plan').DATABASE_URL).toBe(
      'postgres://enplan:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/enplan_plan',
    );
    expect(environment('plan').DATABASE_FILE).toBeUndefined();
    expect(dependsOn('plan')).toEqual({ consent: 'service_healthy', postgres: 'service_healthy' });
    const initScripts = ((service('postgres') as { configs?: Array<{ source: string; target: string }> }).configs ?? []).filter(
      (c) => c.target.startsWith('/docker-entrypoint-initdb.d/'),
    );
    const configs = (compose as ComposeFile & { configs?: Record<string, { content?: string }> }).configs ?? {};
    expect(initScripts.map((c) => configs[c.source]?.content?.trim())).toEqual(['CREATE DATABASE enplan_plan;']);
  });

  it('listens on all interfaces inside the containers and runs in production mode', () => {
    for (const name of NODE_SERVICES) {
      expect({ name, host: environment(name).HOST, nodeEnv: environment(name).NODE_ENV }).toEqual({
        name,
        host: '0.0.0.0',
        nodeEnv: 'production',
      });
    }
  });

  it('commits no secret: secrets are supplied at deploy time, private keys only to their owner', () => {
    const holders = (secret: string) =>
      NODE_SERVICES.filter((name) => ((service(name) as { secrets?: string[] }).secrets ?? []).includes(secret));
    /** A key pair's Compose secret: `gateway-region-hovedstaden` → `gateway_region_hovedstaden`. */
    const secretOf = (keyName: string) => keyName.replaceAll('-', '_');
    for (const name of NODE_SERVICES) {
      const env = environment(name);
      for (const [key, value] of Object.entries(env)) {
        if (/SECRET|PASSWORD|TOKEN|KEY/.test(key) && value !== undefined) {
          expect({ name, key, value }).toEqual({
            name,
            key,
            value: expect.stringMatching(new RegExp(`^/run/secrets/[a-z_]+$|${INTERPOLATION.source}`)),
          });
        }
      }
      // Every subgraph verifies with the public half of the gateway's key for its organisation (rule 11), and only that.
      if (name !== 'gateway') {
        const key = gatewayKeyOfSubgraph(name);
        const trusted = Object.keys(env).filter((variable) => variable.startsWith('GATEWAY_JWKS'));
        expect({ name, trusted, jwks: env[key.jwksVariable] }).toEqual({
          name,
          trusted: [key.jwksVariable],
          jwks: `/run/secrets/${secretOf(key.name)}_jwks`,
        });
      }
    }
    // The gateway holds each of its keys, one per organisation.
    for (const key of [gatewayKeyOf(undefined), ...organisationGatewayKeys()])
      expect(environment('gateway')[key.signingKeyVariable]).toBe(`/run/secrets/${secretOf(key.name)}_signing_key`);
    expect(holders('gateway_region_hovedstaden_signing_key')).toEqual(['gateway']);
    expect(holders('gateway_region_hovedstaden_jwks')).toEqual(['psychiatry']);
    expect(environment('plan').SIGNING_KEY_FILE).toBe('/run/secrets/plan_signing_key');
    expect(environment('consent').SIGNING_KEY_FILE).toBe('/run/secrets/consent_signing_key');
    // Each service that calls another signs with its own key; the receiver holds only the public half.
    expect(environment('consent').PLAN_JWKS).toBe('/run/secrets/plan_jwks');
    expect(environment('plan').CONSENT_JWKS).toBe('/run/secrets/consent_jwks');
    expect(holders('gateway_signing_key')).toEqual(['gateway']);
    expect(holders('plan_signing_key')).toEqual(['plan']);
    expect(holders('consent_signing_key')).toEqual(['consent']);
    // The consent service, and every municipal department for the candidate finder's yes/no question only.
    expect(holders('plan_jwks')).toEqual(
      registeredSubgraphs()
        .filter((s) => s.kind === 'consent' || trustedServicesOf(s.name).includes('plan'))
        .map((s) => s.name),
    );
    expect(holders('consent_jwks')).toEqual(['plan']);
    expect(holders('gateway_jwks')).toEqual(
      SUBGRAPH_NAMES.filter((name) => gatewayKeyOfSubgraph(name).organisation === undefined),
    );
    const secrets = (compose as ComposeFile & { secrets: Record<string, { file: string }> }).secrets;
    for (const [name, { file }] of Object.entries(secrets))
      expect({ name, file }).toEqual({ name, file: expect.stringMatching(REQUIRED_INTERPOLATION) });
    const jwtSecret = environment('gateway').JWT_SECRET;
    expect(jwtSecret).toMatch(REQUIRED_INTERPOLATION);
    expect(jwtSecret!.match(REQUIRED_INTERPOLATION)![1]).toBe('JWT_SECRET');
  });

  it('protects Redis with a password the gateway uses', () => {
    expect(environment('gateway').REDIS_URL).toBe('redis://:${REDIS_PASSWORD:?set REDIS_PASSWORD}@redis:6379');
    expect(environment('redis').REDIS_PASSWORD).toBe('${REDIS_PASSWORD:?set REDIS_PASSWORD}');
    expect(String(service('redis').command)).toContain('--requirepass');
  });

  it('exposes only the gateway: departments are reachable only through consent enforcement', () => {
    expect(service('gateway').ports?.length ?? 0).toBeGreaterThan(0);
    // Published on the gateway's container port (whatever host port the operator picks).
    expect((service('gateway').ports ?? []).map(String).some((p) => p.endsWith(`:${environment('gateway').PORT}`))).toBe(true);
    const internal = Object.entries(compose.networks ?? {})
      .filter(([, config]) => config?.internal === true)
      .map(([net]) => net);
    for (const name of [...SUBGRAPH_NAMES, 'redis']) {
      expect({ name, ports: service(name).ports ?? [] }).toEqual({ name, ports: [] });
      // Only on internal networks: no route in from the host or the outside world.
      for (const net of networksOf(name))
        expect({ name, net, internal: internal.includes(net) }).toEqual({ name, net, internal: true });
    }
    // The gateway shares a network with the subgraphs, or it could not reach them.
    for (const name of SUBGRAPH_NAMES) {
      expect(networksOf('gateway').some((net) => networksOf(name).includes(net))).toBe(true);
    }
  });

  it('starts each service from an entry point that exists in the repository', () => {
    for (const name of NODE_SERVICES) {
      const entry = entryPoint(name);
      expect({ name, entry }).toEqual({ name, entry: expect.any(String) });
      expect({ name, entry, exists: existsSync(join(REPO_ROOT, entry!)) }).toEqual({ name, entry, exists: true });
    }
    for (const name of SUBGRAPH_NAMES) expect(entryPoint(name)).toBe(subgraphEntry(name));
    for (const name of VENDOR_STAND_INS) expect(entryPoint(name)).toBe('tools/dist/vendor.js');
    expect(entryPoint('gateway')).toBe('gateway/dist/index.js');
  });
});
