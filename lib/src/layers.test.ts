/**
 * lib's layers, read from its import graph: every module belongs to one layer (src/index.ts lists
 * them in order), imports only its own layer and those before it, the graph has no cycles, and the
 * policy core reaches nothing that does I/O.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = __dirname;
/** The layers in order, as src/index.ts re-exports them. */
const LAYERS = ['core', 'service', 'protocol', 'storage', 'subgraph', 'demo'] as const;
/** What the policy core may import from outside lib: pure libraries only. */
const CORE_PACKAGES = new Set(['graphql', 'zod']);

interface Module {
  /** Relative imports, resolved to paths below src/ without `.ts`. */
  local: string[];
  /** Everything else: packages and `node:` built-ins. */
  external: string[];
}

function readModule(name: string): Module {
  const file = join(SRC, `${name}.ts`);
  const specifiers = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((i) => i.fileName);
  const local = specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const path = relative(SRC, resolve(dirname(file), s));
      return existsSync(join(SRC, `${path}.ts`)) ? path : join(path, 'index');
    });
  return { local, external: specifiers.filter((s) => !s.startsWith('.')) };
}

const sources = (dir: string): string[] =>
  readdirSync(join(SRC, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path.slice(0, -'.ts'.length)] : [];
  });

const modules = new Map(sources('').map((name) => [name, readModule(name)]));
const layerOf = new Map<string, number>();
LAYERS.forEach((layer, rank) => {
  layerOf.set(layer, rank);
  for (const member of modules.get(layer)?.local ?? []) layerOf.set(member, rank);
});

/** Every module reachable from `start` through relative imports, `start` included. */
function closure(start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    modules.get(name)?.local.forEach(visit);
  };
  visit(start);
  return seen;
}

describe("lib's layers", () => {
  test('src/index.ts is the layers, in order', () => {
    expect(modules.get('index')?.local).toEqual([...LAYERS]);
  });

  test('every module is in exactly one layer', () => {
    const listed = LAYERS.flatMap((layer) => modules.get(layer)?.local ?? []);
    const unlisted = [...modules.keys()].filter((name) => name !== 'index' && !layerOf.has(name));

    expect(unlisted).toEqual([]);
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
  });

  test('a module imports only its own layer and the layers before it', () => {
    const upward = [...modules].flatMap(([name, { local }]) =>
      name === 'index' || LAYERS.includes(name as (typeof LAYERS)[number])
        ? []
        : local.filter((to) => layerOf.get(to)! > layerOf.get(name)!).map((to) => `${name} → ${to}`),
    );

    expect(upward).toEqual([]);
  });

  test('no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (name: string, path: string[]) => {
      state.set(name, 'open');
      for (const to of modules.get(name)?.local ?? []) {
        if (state.get(to) === 'open') cycles.push([...path.slice(path.indexOf(to)), to].join(' → '));
        else if (!state.has(to)) walk(to, [...path, to]);
      }
      state.set(name, 'done');
    };
    for (const name of modules.keys()) if (!state.has(name)) walk(name, [name]);

    expect(cycles).toEqual([]);
  });

  test('the policy core does no I/O: it reaches no file, database, network or process module', () => {
    const reached = [...closure('core')];
    const external = [...new Set(reached.flatMap((name) => modules.get(name)?.external ?? []))];

    expect(reached.filter((name) => layerOf.get(name) !== 0)).toEqual([]);
    expect(external.filter((specifier) => !CORE_PACKAGES.has(specifier))).toEqual([]);
  });

  test('the subgraph bootstrap does not import department code', () => {
    expect([...closure('subgraphServer')].filter((name) => name.startsWith('department/'))).toEqual([]);
  });
});
