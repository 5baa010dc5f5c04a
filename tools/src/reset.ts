import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, registeredSubgraphs, loadRegistry } from '@enplan/lib';
import { firstTakenPort } from './ports';

/**
 * `npm run reset`: deletes the demo's SQLite files in DATA_DIR (default ./data), so the next
 * `npm start` seeds the demo data afresh. Refuses while enplan is running on its ports, because
 * the services hold those files open.
 */
async function main(): Promise<number> {
  loadRegistry();
  const dataDir = process.env.DATA_DIR ?? join(REPO_ROOT, 'data');
  const firstSubgraphPort = Number(process.env.SUBGRAPH_PORTS_FROM ?? 4001);
  const ports = [
    { name: 'gateway', port: Number(process.env.GATEWAY_PORT ?? 4000) },
    ...registeredSubgraphs().map(({ name }, i) => ({ name, port: firstSubgraphPort + i })),
  ];
  const taken = await firstTakenPort('127.0.0.1', ports);
  if (taken) {
    process.stderr.write(
      `enplan reset: port ${taken.port} (${taken.name}) is in use; stop enplan first (Ctrl-C where npm start runs).\n`,
    );
    return 1;
  }
  let files: string[];
  try {
    files = readdirSync(dataDir).filter((file) => /\.sqlite(-wal|-shm|-journal)?$/.test(file));
  } catch {
    files = [];
  }
  for (const file of files) rmSync(join(dataDir, file));
  process.stdout.write(
    files.length > 0
      ? `enplan reset: removed ${files.length} files from ${dataDir}; the next npm start seeds the demo data again.\n`
      : `enplan reset: no demo data in ${dataDir}; nothing to do.\n`,
  );
  return 0;
}

void main().then((code) => process.exit(code));
