// `npm start`: says what it does from the first second, brings the compiled build up to date
// (tsc -b is incremental: about a second when nothing changed), then runs the launcher in this
// same process, so a signal to npm reaches the launcher and through it every service.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const began = Date.now();
process.stdout.write(`enplan: Node ${process.versions.node}; building (tsc -b) …\n`);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const build = spawnSync(process.execPath, [tsc, '-b', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write('enplan: the build failed (see above); nothing was started.\n');
  process.exit(1);
}
process.stdout.write(`enplan: build up to date (${((Date.now() - began) / 1000).toFixed(1)} s)\n`);
createRequire(import.meta.url)(join(root, 'tools', 'dist', 'start.js'));
