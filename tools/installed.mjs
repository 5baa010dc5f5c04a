// Exit 0 when node_modules holds exactly what package-lock.json pins, else 1 (then `./enplan` runs
// npm ci). npm records what it installed in node_modules/.package-lock.json; comparing the two by
// content, not by file times, keeps a fresh checkout of an unchanged lock from reinstalling.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesOf = (file) => JSON.parse(readFileSync(join(root, file), 'utf8')).packages;

function installed() {
  let locked, present;
  try {
    locked = packagesOf('package-lock.json');
    present = packagesOf('node_modules/.package-lock.json');
  } catch {
    return false;
  }
  // Every installed package at the locked version; every locked one installed, but for optional
  // packages of other platforms (npm skips those).
  const asLocked = Object.entries(present).every(([path, entry]) => locked[path]?.version === entry.version);
  const complete = Object.entries(locked).every(([path, entry]) => path === '' || path in present || entry.optional);
  return asLocked && complete;
}

process.exit(installed() ? 0 : 1);
