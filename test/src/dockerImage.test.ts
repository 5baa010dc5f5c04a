/**
 * A verified image without a container engine: the runtime stage of the Dockerfile is read, its
 * files are put together in a temp folder exactly as its COPY lines describe (production
 * dependencies as `npm ci --omit=dev` installs them from the lock), and every service of
 * federation.json and the gateway start from that folder with the image's ENV and CMD, as
 * production configures them. A query through the gateway then touches every subgraph.
 *
 * The build stage is this repository after `npm run build` (the test needs the build first). What a
 * container adds (the user `node`, the /data volume, its network) is not imitated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, matchesGlob, relative } from 'node:path';
import { INBOX_API_PATH, PERSONAS, REPO_ROOT, SUBGRAPHS, writeSigningKeyPair } from '@enplan/lib';
import { graphql, tokenFor } from './federation';
import { freePort } from './redisServer';

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name: string;
  instructions: Instruction[];
}

/** The Dockerfile's stages: instructions with continuation lines joined, comments dropped. */
function stagesOf(dockerfile: string): Stage[] {
  const stages: Stage[] = [];
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n');
  for (const line of lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const [, keyword = '', args = ''] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') stages.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1] ?? '', instructions: [] });
    stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

const fail = (message: string): never => {
  throw new Error(message);
};
const stages = stagesOf(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
const stage = (name: string) => stages.find((s) => s.name === name) ?? fail(`the Dockerfile has no stage ${name}`);
const runtime = stages.at(-1)!;
const argsOf = (s: Stage, keyword: string) => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const WORKDIR = argsOf(runtime, 'WORKDIR').at(-1)!;

/** What the build context leaves out (.dockerignore), as paths relative to the repository. */
const IGNORED = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim().replace(/^\//, ''))
  .filter((l) => l && !l.startsWith('#'));
const ignored = (path: string) => IGNORED.some((pattern) => matchesGlob(path, pattern));
/** The build stage has what the context has, plus what it makes itself: the install and the build. */
const absentFromBuild = (path: string) => ignored(path) && !/(^|\/)(node_modules|dist)$/.test(path) && !/\/dist\//.test(path);

/** Hard links `from` (a file or folder of the repository) to `to`, leaving out what `skip` names; symlinks are kept as they are. */
function place(from: string, to: string, skip: (path: string) => boolean): void {
  const path = relative(REPO_ROOT, from);
  if (skip(path)) return;
  const stat = lstatSync(from);
  mkdirSync(dirname(to), { recursive: true });
  if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else if (stat.isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from)) place(join(from, entry), join(to, entry), skip);
  } else if (!existsSync(to)) linkSync(from, to);
}

/** Every package.json and lock of the build context, where it is: what the manifests stage keeps. */
function placeManifests(dir: string, at = REPO_ROOT): void {
  for (const entry of readdirSync(at, { withFileTypes: true })) {
    const path = join(at, entry.name);
    if (ignored(relative(REPO_ROOT, path))) continue;
    if (entry.isDirectory()) placeManifests(dir, path);
    else if (entry.name === 'package.json' || entry.name === 'package-lock.json')
      place(path, join(dir, relative(REPO_ROOT, path)), () => false);
  }
}

type Lock = Record<string, { link?: boolean; resolved?: string } & Partial<Record<DependencyKind, Record<string, string>>>>;
type DependencyKind = 'dependencies' | 'optionalDependencies' | 'peerDependencies';

/**
 * What `npm ci --omit=dev -w <folder> …` installs: the chosen workspaces, linked, and their
 * production dependencies, each found in the lock where Node would find it (the nearest
 * node_modules upwards). Checked against a real `npm ci` when written: the same 339 entries.
 */
function productionPackages(lock: Lock, workspaces: readonly string[]): Set<string> {
  const up = (dir: string) => dir.slice(0, Math.max(dir.lastIndexOf('/'), 0));
  const locate = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = up(dir)) {
      const candidate = `${dir && `${dir}/`}node_modules/${name}`;
      if (lock[candidate]) return candidate;
      if (!dir) return undefined;
    }
  };
  const chosen = Object.keys(lock).filter(
    (p) => p && !p.includes('node_modules/') && workspaces.some((w) => p === w || p.startsWith(`${w}/`)),
  );
  const found = new Set(Object.keys(lock).filter((p) => lock[p]!.link && chosen.includes(lock[p]!.resolved!)));
  const visit = (path: string): void => {
    const entry = lock[path]!;
    const names = (['dependencies', 'optionalDependencies', 'peerDependencies'] as const).flatMap((kind) =>
      Object.keys(entry[kind] ?? {}),
    );
    for (const at of names.map((name) => locate(path, name))) {
      if (!at || found.has(at)) continue;
      found.add(at);
      visit(lock[at]!.link ? lock[at]!.resolved! : at);
    }
  };
  chosen.forEach(visit);
  return found;
}

/**
 * Places what the deps stage's `npm ci` installs under `dir`. A package is linked to its installed
 * folder here (quicker than copying thousands of files; the image's own code resolves only what is
 * placed), which brings the packages nested in it along.
 */
function placeProductionDependencies(dir: string, npmCi: string): void {
  const lock = (JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Lock }).packages;
  const workspaces = [...npmCi.matchAll(/ -w (\S+)/g)].map((m) => m[1]!);
  for (const path of productionPackages(lock, workspaces)) {
    if (path.split('node_modules/').length !== 2) continue;
    const to = join(dir, path);
    mkdirSync(dirname(to), { recursive: true });
    if (lock[path]!.link) symlinkSync(relative(dirname(to), join(dir, lock[path]!.resolved!)), to);
    else if (existsSync(join(REPO_ROOT, path))) symlinkSync(join(REPO_ROOT, path), to);
  }
}

/** The image's file system under `dir`, as the runtime stage's COPY lines build it. */
function assembleImage(dir: string): void {
  const deps = stage('deps');
  const [npmCi] = argsOf(deps, 'RUN');
  expect(argsOf(deps, 'RUN')).toEqual([expect.stringMatching(/^npm ci --omit=dev .* -w /)]);
  expect(argsOf(deps, 'COPY')).toEqual(['--from=manifests /app ./']);
  for (const copy of argsOf(runtime, 'COPY')) {
    const [flag, ...paths] = copy.split(/\s+/);
    const destination = join(dir, paths.pop()!);
    if (flag === '--from=deps') {
      expect(paths).toEqual([WORKDIR]);
      placeManifests(destination);
      placeProductionDependencies(destination, npmCi!);
    } else if (flag === '--from=build') {
      for (const source of paths) {
        const from = join(REPO_ROOT, relative(WORKDIR, source));
        // Several sources go into the folder; one source is renamed to the destination.
        place(
          from,
          paths.length > 1 || destination.endsWith('/') ? join(destination, relative(WORKDIR, source)) : destination,
          absentFromBuild,
        );
      }
    } else throw new Error(`the runtime stage copies from an unknown place: COPY ${copy}`);
  }
  // Its one RUN: the subgraphs' sources go, the data folder is made (for the user node).
  expect(argsOf(runtime, 'RUN')).toEqual(["find subgraphs -name '*.ts' -delete && mkdir -p /data && chown node:node /data"]);
  const removeSources = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) removeSources(path);
      else if (entry.name.endsWith('.ts')) rmSync(path);
    }
  };
  removeSources(join(dir, 'subgraphs'));
}

/** The runtime stage's ENV (and ARG defaults it refers to), with the image's paths moved into `dir` and `data`. */
function imageEnvironment(dir: string, data: string): Record<string, string> {
  const env: Record<string, string> = {};
  const assign = (text: string) => {
    for (const [, key, value] of text.matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
      const resolved = value!.replace(/^"|"$/g, '').replace(/\$\{(\w+)\}/g, (_, name: string) => env[name] ?? '');
      env[key!] = resolved.replace(new RegExp(`^${WORKDIR}(?=/|$)`), dir).replace(/^\/data$/, data);
    }
  };
  for (const { keyword, args } of runtime.instructions) if (keyword === 'ENV' || keyword === 'ARG') assign(args);
  return env;
}

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
        (['gateway', 'plan', 'consent'] as const).map(async (name) => [
          name,
          await writeSigningKeyPair(dir, name, `image-${name}`),
        ]),
      ),
    ) as Record<'gateway' | 'plan' | 'consent', Awaited<ReturnType<typeof writeSigningKeyPair>>>;
    const ports = Object.fromEntries(
      await Promise.all([...SUBGRAPHS.map((s) => s.name), 'gateway'].map(async (n) => [n, await freePort()])),
    );
    const origin = (name: string) => `http://127.0.0.1:${ports[name]}`;
    const consent = SUBGRAPHS.find((s) => s.kind === 'consent')!.name;
    const plan = SUBGRAPHS.find((s) => s.kind === 'plan')!.name;
    // As docker-compose.yml configures each service (keys, URLs), on loopback ports of this machine.
    const deployment: Record<string, Record<string, string>> = {
      gateway: {
        JWT_SECRET: secret,
        GATEWAY_SIGNING_KEY_FILE: keys.gateway.privateJwkFile,
        CONSENT_URL: origin(consent),
        ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [`SUBGRAPH_URL_${name.toUpperCase()}`, `${origin(name)}/graphql`])),
      },
      [consent]: {
        PLAN_JWKS: keys.plan.jwksFile,
        SIGNING_KEY_FILE: keys.consent.privateJwkFile,
        INBOX_URL: `${origin(plan)}${INBOX_API_PATH}`,
        ACCESS_LOG_CHECKPOINT_KEY: 'image-test-checkpoint-key-0123456789abcdef',
      },
      [plan]: { CONSENT_JWKS: keys.consent.jwksFile, SIGNING_KEY_FILE: keys.plan.privateJwkFile, CONSENT_URL: origin(consent) },
    };
    const [command, ...args] = JSON.parse(argsOf(runtime, 'CMD').at(-1)!) as string[];
    const start = async (name: string, entry: Record<string, string>) => {
      const child = spawn(command!, args, {
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
          ...(name !== 'gateway' && { GATEWAY_JWKS: keys.gateway.jwksFile }),
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
    // SERVICE_ENTRY would run it; then the gateway, the image's default.
    const started = new Map<string, Promise<void>>();
    for (const { name, needs } of SUBGRAPHS) {
      const after = Promise.all(needs.map((need) => started.get(need)));
      started.set(
        name,
        after.then(() => start(name, { SERVICE_ENTRY: `subgraphs/${name}/dist/index.js` })),
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
    for (const file of [
      'federation.json',
      'supergraph.graphql',
      'web/dist/index.html',
      ...SUBGRAPHS.map((s) => `subgraphs/${s.name}/src/schema.graphql`),
    ])
      expect({ file, present: existsSync(join(image, file)) }).toEqual({ file, present: true });
    const notForServices = ['node_modules/typescript', 'node_modules/jest', 'node_modules/react', 'node_modules/playwright-core'];
    for (const file of [...notForServices, 'subgraphs/housing/src/server.ts', 'gateway/src'])
      expect({ file, present: existsSync(join(image, file)) }).toEqual({ file, present: false });
  });

  it("starts the six subgraphs and the gateway, which answers Anna's question about Mette from every department", async () => {
    const mette = PERSONAS.mette.cpr;
    const result = await graphql(
      gatewayUrl,
      `{ citizen(cpr: "${mette}") { employment { kind } social { kind } housing { kind } family { kind } plan { joint { status } } } }`,
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
