// Installs the benchmark's own dependencies (Hive Gateway, autocannon, tsx) into bench/node_modules on
// first use, so the project's default install stays small. The rest (Apollo, enplan's own workspaces)
// resolves from the root node_modules.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = dirname(fileURLToPath(import.meta.url));
const wanted = JSON.parse(readFileSync(join(bench, 'package.json'), 'utf8')).dependencies;
const missing = Object.entries(wanted).filter(([name, version]) => {
  const manifest = join(bench, 'node_modules', name, 'package.json');
  return !existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).version !== version;
});
if (missing.length > 0) {
  process.stdout.write(`bench: installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into bench/node_modules\n`);
  execFileSync('npm', ['install', '--prefix', bench, '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: 'inherit',
  });
}
