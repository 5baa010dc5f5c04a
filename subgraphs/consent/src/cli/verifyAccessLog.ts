import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isPostgresUrl, openDatabase, openPostgres } from '@enplan/lib';
import { AccessLog, type VerifyResult } from '../AccessLog';
import { CheckpointSigner, DEV_CHECKPOINT_KEY } from '../checkpointSigner';
import { PgAccessLogBackend } from '../PgAccessLogBackend';
import { SqliteAccessLogBackend } from '../SqliteAccessLogBackend';

const USAGE =
  'usage: npm run verify-log -- [path/to/consent.sqlite | postgres://…]  (or DATABASE_URL; ACCESS_LOG_CHECKPOINT_KEY as the service has it)\n';

/**
 * `npm run verify-log`: walks the access log's hash chain from its retention checkpoint to its
 * signed head checkpoint and names the first row that was edited, whose predecessor was deleted,
 * or the newest rows when they were deleted. Exit 0 when intact, 1 when broken, 2 on usage errors.
 */
async function main(): Promise<number> {
  const target =
    process.argv[2] ??
    process.env.DATABASE_URL ??
    process.env.DATABASE_FILE ??
    join(process.env.DATA_DIR ?? 'data', 'consent.sqlite');
  const key = process.env.ACCESS_LOG_CHECKPOINT_KEY ?? (process.env.NODE_ENV === 'production' ? undefined : DEV_CHECKPOINT_KEY);
  if (!key) {
    process.stderr.write(`ACCESS_LOG_CHECKPOINT_KEY is required in production\n${USAGE}`);
    return 2;
  }
  const options = { now: Date.now, signer: new CheckpointSigner(key) };
  let result: VerifyResult;
  if (isPostgresUrl(target)) {
    const pool = openPostgres(target, { max: 1, applicationName: 'enplan-verify-log' });
    try {
      result = await new AccessLog(new PgAccessLogBackend(pool), options).verify();
    } finally {
      await pool.end();
    }
  } else {
    if (!existsSync(target)) {
      process.stderr.write(`No consent database at ${target}\n${USAGE}`);
      return 2;
    }
    const db = openDatabase(target, { readOnly: true });
    try {
      result = await new AccessLog(new SqliteAccessLogBackend(db, target), options).verify();
    } finally {
      db.close();
    }
  }
  if (result.ok) {
    process.stdout.write(`access log intact: ${result.entries} entries\n`);
    return 0;
  }
  process.stdout.write(`access log BROKEN at entry ${result.brokenAt}: ${result.problem}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`verify-log failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
