/**
 * A department is one folder and one registry entry (docs/design.md, "Departments are data"): the tests
 * that check the federation's departments take them from the registry and the supergraph, so a new
 * department passes them unedited. Checked for real: a copy of the project with a throwaway
 * department (ELDERLY_CARE, made from the housing subgraph), its supergraph composed, and both
 * tests run there as they are. Uses the compiled tools (`npm run build` first), and writes only in
 * its temp directory: the project's own node_modules are linked, never written.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@enplan/lib';

const run = promisify(execFile);
/** Not needed to compose and test, and large. */
const LEFT_OUT = new Set(['node_modules', 'bench', 'docs']);
const UNCHANGED_TESTS = ['tools/src/schemaCheck/runSchemaCheck.test.ts', 'test/src/departmentsAsData.test.ts'];

/** The project without node_modules; its node_modules links the real one's packages, and its own workspaces. */
function copyProject(into: string): void {
  for (const entry of readdirSync(REPO_ROOT)) {
    if (LEFT_OUT.has(entry) || entry.startsWith('.')) continue;
    cpSync(join(REPO_ROOT, entry), join(into, entry), {
      recursive: true,
      filter: (source) => !source.includes('/node_modules') && !source.endsWith('.sqlite'),
    });
  }
  // A workspace's own dependencies (the gateway's ioredis): linked, as the root's.
  for (const workspace of readdirSync(into, { recursive: true, withFileTypes: true })) {
    const own = join(REPO_ROOT, relative(into, join(workspace.parentPath, workspace.name)), 'node_modules');
    if (workspace.isDirectory() && !workspace.parentPath.includes('node_modules') && existsSync(own)) {
      symlinkSync(own, join(workspace.parentPath, workspace.name, 'node_modules'));
    }
  }
  mkdirSync(join(into, 'node_modules', '@enplan'), { recursive: true });
  for (const entry of readdirSync(join(REPO_ROOT, 'node_modules'))) {
    if (entry !== '@enplan') symlinkSync(join(REPO_ROOT, 'node_modules', entry), join(into, 'node_modules', entry));
  }
  for (const link of readdirSync(join(REPO_ROOT, 'node_modules', '@enplan'))) {
    const target = link === 'e2e' ? 'test' : link.startsWith('subgraph-') ? join('subgraphs', link.slice(9)) : link;
    symlinkSync(join(into, target), join(into, 'node_modules', '@enplan', link));
  }
}

/** The housing subgraph renamed: every file of it, ELDERLY_CARE for HOUSING, elderly for housing. */
function addElderlyCare(root: string): void {
  const from = join(root, 'subgraphs', 'housing');
  const to = join(root, 'subgraphs', 'elderly');
  cpSync(from, to, { recursive: true, filter: (source) => !/\/(dist|node_modules)(\/|$)/.test(source) });
  for (const file of readdirSync(to, { recursive: true }) as string[]) {
    if (!/\.(ts|graphql|json)$/.test(file)) continue;
    const path = join(to, file.replace('Housing', 'Elderly'));
    if (path !== join(to, file)) renameSync(join(to, file), path);
    const text = readFileSync(path, 'utf8')
      .replaceAll('HOUSING', 'ELDERLY_CARE')
      .replaceAll('Housing', 'Elderly')
      .replaceAll('housing', 'elderly')
      .replaceAll('Boligsocial indsats', 'Ældreområdet')
      .replaceAll('cw-hou-', 'cw-eld-');
    writeFileSync(path, text);
  }
  const registryPath = join(root, 'federation.json');
  const registry = JSON.parse(readFileSync(registryPath, 'utf8')) as { subgraphs: Array<Record<string, unknown>> };
  registry.subgraphs.push({
    name: 'elderly',
    kind: 'department',
    department: 'ELDERLY_CARE',
    defaultPort: 4099,
    seed: 'demo',
    demoCaseworkers: [{ id: 'cw-eld-1', name: 'Edith Holm', phone: null }],
  });
  writeFileSync(registryPath, JSON.stringify(registry, null, 2));
}

describe('a throwaway department added as data', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'enplan-elderly-'));
    copyProject(root);
    addElderlyCare(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('composes into the supergraph, and the department tests pass unedited', async () => {
    const node = process.execPath;
    await run(node, ['tools/dist/compose.js'], { cwd: root });
    expect(readFileSync(join(root, 'supergraph.graphql'), 'utf8')).toContain('code: "ELDERLY_CARE"');

    const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
    const outcome = await run(node, [jest, '--ci', '-i', '--forceExit', ...UNCHANGED_TESTS], {
      cwd: root,
      timeout: 200_000,
    }).then(
      ({ stderr }) => ({ code: 0, stderr }),
      (error: { code: number; stderr: string; signal?: string }) => ({ code: error.code ?? error.signal, stderr: error.stderr }),
    );
    expect(outcome.stderr).toMatch(/Tests: {7}\d+ passed, \d+ total/);
    expect(outcome.code).toBe(0);
  }, 300_000);
});
