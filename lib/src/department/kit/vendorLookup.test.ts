import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The gateway and every subgraph import lib: what only a kit department needs must not come with
 * it. Run in a fresh process on the build, as the services run.
 */
it("importing lib does not load the OpenAPI loader: only a kit department's first lookup does", () => {
  const lib = join(__dirname, '..', '..', '..', 'dist', 'index.js');
  const loaded = execFileSync(process.execPath, [
    '-e',
    `require(${JSON.stringify(lib)}); console.log(Object.keys(require.cache).filter((m) => m.includes('@omnigraph')).length)`,
  ]);
  expect(loaded.toString().trim()).toBe('0');
});
