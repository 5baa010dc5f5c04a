import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/** The gateway's modules (tests aside) and the modules each imports, as paths relative to gateway/src. */
function importGraph(): Map<string, string[]> {
  const modules = readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  const known = new Set(modules);
  return new Map(
    modules.map((file) => {
      const imports = ts
        .preProcessFile(readFileSync(join(__dirname, file), 'utf8'))
        .importedFiles.map((i) => i.fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) => relative(__dirname, join(__dirname, dirname(file), name)) + '.ts')
        .filter((target) => known.has(target));
      return [file, imports];
    }),
  );
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    if (path.includes(file)) return void found.push([...path.slice(path.indexOf(file)), file]);
    if (done.has(file)) return;
    path.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

/** The folders of the request path's stages, in the order a request passes them (server.ts). */
const STAGES = ['admission', 'pricing', 'planning'];

describe("the gateway's request path reads one way", () => {
  const graph = importGraph();

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('is wired in one place that nothing imports: server.ts (and index.ts, which starts it)', () => {
    const importers = [...graph].filter(([, imports]) => imports.some((i) => i === 'server.ts' || i === 'index.ts'));
    expect(importers.map(([file]) => file)).toEqual(['index.ts']);
  });

  it('never has a stage import a later one', () => {
    const stageOf = (file: string) => STAGES.indexOf(file.split('/')[0] ?? '');
    const backwards = [...graph].flatMap(([file, imports]) =>
      imports.filter((i) => stageOf(file) >= 0 && stageOf(i) > stageOf(file)).map((i) => `${file} -> ${i}`),
    );
    expect(backwards).toEqual([]);
  });
});
