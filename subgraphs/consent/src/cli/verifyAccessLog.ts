import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@enplan/lib';
import { AccessLog } from '../AccessLog';

/**
 * `npm run verify-log -- [path/to/consent.sqlite]`: walks the access log's hash chain and names the
 * first row that was edited or whose predecessor was deleted. Exit 0 when intact, 1 when broken, 2 on usage errors.
 */
function main(): number {
  const file = process.argv[2] ?? process.env.DATABASE_FILE ?? join(process.env.DATA_DIR ?? 'data', 'consent.sqlite');
  if (!existsSync(file)) {
    process.stderr.write(`No consent database at ${file}\nusage: npm run verify-log -- [path/to/consent.sqlite]\n`);
    return 2;
  }
  const db = openDatabase(file);
  try {
    const result = new AccessLog(db).verify();
    if (result.ok) {
      process.stdout.write(`access log intact: ${result.entries} entries\n`);
      return 0;
    }
    process.stdout.write(`access log BROKEN at entry ${result.brokenAt}: ${result.problem}\n`);
    return 1;
  } finally {
    db.close();
  }
}

process.exit(main());
