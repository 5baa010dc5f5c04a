/**
 * The runtime stage of the Dockerfile without a container engine: its files put together in a
 * folder exactly as its COPY lines describe, its ENV and its CMD. The build stage is this
 * repository after `npm run build`; the deps stage's `npm ci --omit=dev -w …` is worked out from
 * the lock. An instruction this reader does not know fails loudly rather than being guessed at.
 */
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, matchesGlob, relative } from 'node:path';
import { REPO_ROOT } from '@enplan/lib';

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
export function assembleImage(dir: string): void {
  const deps = stage('deps');
  const [npmCi, ...moreRuns] = argsOf(deps, 'RUN');
  const copies = argsOf(deps, 'COPY');
  if (!/^npm ci --omit=dev .* -w /.test(npmCi ?? '') || moreRuns.length > 0 || copies.join() !== '--from=manifests /app ./')
    fail(
      'the deps stage is no longer the manifests and one `npm ci --omit=dev … -w …`: teach test/src/dockerImage.ts what it does',
    );
  for (const copy of argsOf(runtime, 'COPY')) {
    const [flag, ...paths] = copy.split(/\s+/);
    const destination = join(dir, paths.pop()!);
    if (flag === '--from=deps') {
      if (paths.join() !== WORKDIR) fail(`the runtime stage copies part of the deps stage: COPY ${copy}`);
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
  if (argsOf(runtime, 'RUN').join('\n') !== "find subgraphs -name '*.ts' -delete && mkdir -p /data && chown node:node /data")
    fail('the runtime stage runs something new: teach test/src/dockerImage.ts what it does');
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
export function imageEnvironment(dir: string, data: string): Record<string, string> {
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

/** The image's CMD, as the container runs it. */
export function imageCommand(): [string, ...string[]] {
  return JSON.parse(argsOf(runtime, 'CMD').at(-1) ?? fail('the runtime stage has no CMD')) as [string, ...string[]];
}
