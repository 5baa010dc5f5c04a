// `npm start`: says what it does from the first second, brings the compiled build up to date
// (tsc -b is incremental: about a second when nothing changed; the web app is rebuilt only when
// its sources are newer than its build), then runs the launcher in this same process, so a signal
// to npm reaches the launcher and through it every service.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function run(what, command, args) {
  const began = Date.now();
  process.stdout.write(`enplan: ${what} …\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`enplan: ${what} failed (see above); nothing was started.\n`);
    process.exit(1);
  }
  process.stdout.write(`enplan: ${what}: done (${seconds(began)})\n`);
}

/** The newest modification time under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

process.stdout.write(`enplan: Node ${process.versions.node}\n`);
run('building the services (tsc -b)', process.execPath, [
  require.resolve('typescript/bin/tsc'),
  '-b',
  join(root, 'tsconfig.build.json'),
]);
const webBuilt = join(root, 'web', 'dist', 'index.html');
if (!existsSync(webBuilt) || newest(join(root, 'web', 'src')) > statSync(webBuilt).mtimeMs) {
  run('building the web app (vite)', 'npm', ['run', '-s', '-w', 'web', 'build']);
}
require(join(root, 'tools', 'dist', 'start.js'));
