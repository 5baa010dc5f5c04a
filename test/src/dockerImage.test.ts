/**
 * A verified image without a container engine: the Dockerfile's runtime stage is put together in a
 * temp folder as its COPY lines describe (test/src/dockerImage.ts), and every subgraph of
 * federation.json (a kit department beside its vendor's stand-in) and the gateway start from that folder with the image's ENV and CMD, configured
 * as docker-compose.yml configures them. A query through the gateway then touches every subgraph.
 * What a container adds (the user `node`, the /data volume, its network) is not imitated. Needs
 * `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import {
  INBOX_API_PATH,
  PERSONAS,
  isKitDepartment,
  loadDepartmentMapping,
  registeredSubgraphs,
  trustedServicesOf,
  vendorDescription,
  writeGatewayKeyPairs,
  writeSigningKeyPair,
} from '@enplan/lib';
import { assembleImage, imageCommand, imageEnvironment } from './dockerImage';
import { graphql, tokenFor } from './federation';
import { freePort } from './redisServer';

/** Kit departments (lib/src/department/kit): the kit's entry point, beside a stand-in for their vendor system. */
const KIT_DEPARTMENTS = registeredSubgraphs()
  .map((s) => s.name)
  .filter(isKitDepartment);
const standIn = (name: string) => `${name}-vendor`;

describe('the Docker image, assembled from the Dockerfile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enplan-image-'));
  const image = join(dir, 'app');
  const data = join(dir, 'data');
  const secret = 'image-test-jwt-secret-0123456789abcdef';
  const children: ChildProcess[] = [];
  let gatewayUrl: string;

  beforeAll(async () => {
    assembleImage(image);
    mkdirSync(data);
    const keys = Object.fromEntries(
      await Promise.all(
        (['plan', 'consent'] as const).map(async (name) => [name, await writeSigningKeyPair(dir, name, `image-${name}`)]),
      ),
    ) as Record<'plan' | 'consent', Awaited<ReturnType<typeof writeSigningKeyPair>>>;
    // One gateway key per organisation (lib/src/gatewayKeys.ts): each subgraph trusts its own organisation's.
    const gatewayKeys = await writeGatewayKeyPairs(dir, 'image');
    const ports = Object.fromEntries(
      await Promise.all(
        [...registeredSubgraphs().map((s) => s.name), ...KIT_DEPARTMENTS.map(standIn), 'gateway'].map(async (n) => [
          n,
          await freePort(),
        ]),
      ),
    );
    const origin = (name: string) => `http://127.0.0.1:${ports[name]}`;
    const consent = registeredSubgraphs().find((s) => s.kind === 'consent')!.name;
    const plan = registeredSubgraphs().find((s) => s.kind === 'plan')!.name;
    // The gateway, and the plan subgraph's candidate finder, reach each subgraph at its URL.
    const subgraphUrls = Object.fromEntries(
      registeredSubgraphs().map(({ name }) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `${origin(name)}/graphql`]),
    );
    // As docker-compose.yml configures each service (keys, URLs), on loopback ports of this machine.
    const deployment: Record<string, Record<string, string>> = {
      gateway: {
        JWT_SECRET: secret,
        ...gatewayKeys.gatewayEnv,
        CONSENT_URL: origin(consent),
        ...subgraphUrls,
      },
      [consent]: {
        PLAN_JWKS: keys.plan.jwksFile,
        SIGNING_KEY_FILE: keys.consent.privateJwkFile,
        INBOX_URL: `${origin(plan)}${INBOX_API_PATH}`,
        ACCESS_LOG_CHECKPOINT_KEY: 'image-test-checkpoint-key-0123456789abcdef',
      },
      [plan]: {
        CONSENT_JWKS: keys.consent.jwksFile,
        SIGNING_KEY_FILE: keys.plan.privateJwkFile,
        CONSENT_URL: origin(consent),
        ...subgraphUrls,
      },
    };
    const [command, ...args] = imageCommand();
    const isSubgraph = (name: string) => registeredSubgraphs().some((s) => s.name === name);
    const start = async (name: string, entry: Record<string, string>) => {
      const child = spawn(command, args, {
        cwd: image,
        env: {
          // The image's Node (24) on its PATH.
          PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
          ...imageEnvironment(image, data),
          ...entry,
          HOST: '127.0.0.1',
          PORT: String(ports[name]),
          METRICS_PORT: '0',
          SYNTHETIC_CITIZENS: '0',
          ...(isSubgraph(name) && gatewayKeys.subgraphEnv(name)),
          // A municipal department accepts the candidate finder's own signed question (the plan's key).
          ...(isSubgraph(name) && trustedServicesOf(name).includes('plan') && { PLAN_JWKS: keys.plan.jwksFile }),
          ...deployment[name],
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      children.push(child);
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      for (const deadline = Date.now() + 30_000; ;) {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`${name} did not answer /health within 30 s:\n${stderr}`);
        if (
          await fetch(`${origin(name)}/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    // The subgraphs at once, each after what it needs, as a single-service image built with
    // SERVICE_ENTRY would run it (a kit department after its vendor's stand-in, both named by
    // KIT_DEPARTMENT, the entry points taking no arguments); then the gateway, the image's default.
    const started = new Map<string, Promise<void>>();
    for (const name of KIT_DEPARTMENTS)
      started.set(standIn(name), start(standIn(name), { SERVICE_ENTRY: 'tools/dist/vendor.js', KIT_DEPARTMENT: name }));
    const entryOf = (name: string): Record<string, string> =>
      isKitDepartment(name)
        ? { SERVICE_ENTRY: 'tools/dist/kitDepartment.js', KIT_DEPARTMENT: name, VENDOR_URL: origin(standIn(name)) }
        : { SERVICE_ENTRY: `subgraphs/${name}/dist/index.js` };
    for (const { name, needs } of registeredSubgraphs()) {
      const after = Promise.all([...needs, ...(isKitDepartment(name) ? [standIn(name)] : [])].map((need) => started.get(need)));
      started.set(
        name,
        after.then(() => start(name, entryOf(name))),
      );
    }
    await Promise.all(started.values());
    await start('gateway', {});
    gatewayUrl = `${origin('gateway')}/graphql`;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      children
        .filter((c) => c.exitCode === null)
        .map((c) => {
          c.kill('SIGTERM');
          return once(c, 'exit');
        }),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it("holds what the services read, and no development dependency, no web app's or tests' dependency, no TypeScript source of a subgraph", () => {
    // A kit department's folder is its description: the mapping, the OpenAPI or WSDL file, the stand-in's seed.
    const described = (name: string) => {
      const mapping = loadDepartmentMapping(name);
      const files = ['department.json', basename(vendorDescription(name, mapping).file), mapping.seed ?? 'seed.json'];
      return files.map((f) => `subgraphs/${name}/${f}`);
    };
    for (const file of [
      'federation.json',
      'supergraph.graphql',
      'web/dist/index.html',
      'tools/dist/kitDepartment.js',
      'tools/dist/vendor.js',
      ...registeredSubgraphs().flatMap((s) =>
        isKitDepartment(s.name) ? described(s.name) : [`subgraphs/${s.name}/src/schema.graphql`],
      ),
    ])
      expect({ file, present: existsSync(join(image, file)) }).toEqual({ file, present: true });
    // (playwright-core is no longer here: the plan subgraph prints its PDF with it.)
    const notForServices = ['node_modules/typescript', 'node_modules/jest', 'node_modules/react'];
    for (const file of [...notForServices, 'subgraphs/employment/src/server.ts', 'gateway/src'])
      expect({ file, present: existsSync(join(image, file)) }).toEqual({ file, present: false });
  });

  it("starts every subgraph and the gateway, which answers Anna's question about Mette from every department", async () => {
    const mette = PERSONAS.mette.cpr;
    const result = await graphql(
      gatewayUrl,
      `{ citizen(cpr: "${mette}") { employment { kind } social { kind } housing { kind } psychiatry { kind } family { kind } plan { joint { status } } } }`,
      { token: await tokenFor('cw-emp-1', { secret }) },
    );
    expect(result).toEqual({
      status: 200,
      data: {
        citizen: {
          employment: { kind: 'Jobafklaringsforløb' },
          // Mette's consent: EMPLOYMENT⇄SOCIAL for all categories, HOUSING a party for CASE and PLAN.
          social: { kind: 'Praktisk støtte i hjemmet' },
          housing: { kind: 'Bostøtte' },
          // The region's psychiatry, served by the kit from the region's description, under her consent naming it.
          psychiatry: { kind: 'Ambulant forløb' },
          // CHILDREN is no party: the same denial whether or not they hold a case.
          family: null,
          plan: { joint: { status: 'ACTIVE' } },
        },
      },
      errors: [
        {
          message: 'The citizen has not consented to sharing CHILDREN data of these categories with your department: FAMILY.',
          path: ['citizen', 'family'],
          extensions: { code: 'CONSENT_REQUIRED', department: 'CHILDREN', categories: ['FAMILY'], serviceName: 'children' },
        },
      ],
    });
  });
});
