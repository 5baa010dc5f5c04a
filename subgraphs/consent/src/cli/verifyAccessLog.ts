import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isPostgresUrl, openDatabase, openPostgres } from '@enplan/lib';
import { AccessLog, type VerifyOptions, type VerifyResult } from '../AccessLog';
import { CheckpointSigner, DEV_CHECKPOINT_KEY } from '../checkpointSigner';
import { PgAccessLogBackend } from '../PgAccessLogBackend';
import { SqliteAccessLogBackend } from '../SqliteAccessLogBackend';

const USAGE =
  'usage: npm run verify-log -- [--incremental] [path/to/consent.sqlite | postgres://…]  (or DATABASE_URL; ACCESS_LOG_CHECKPOINT_KEY as the service has it)\n';

/** Progress on stderr at most once a second, so stdout stays the one-line verdict. */
function progressReporter(): VerifyOptions['onProgress'] {
  const started = Date.now();
  let reported = started;
  return (walked, total) => {
    const now = Date.now();
    if (now - reported < 1_000 && walked < total) return;
    reported = now;
    const perSecond = Math.round(walked / Math.max((now - started) / 1_000, 0.001));
    process.stderr.write(`verified ${walked} of ${total} entries (${perSecond}/s)\n`);
  };
}

/**
 * `npm run verify-log`: walks the access log's hash chain from its retention checkpoint to its
 * signed head checkpoint and names the first row that was edited, whose predecessor was deleted,
 * or the newest rows when they were deleted. Exit 0 when intact, 1 when broken, 2 on usage errors.
 *
 * `--incremental` walks only what was appended after the last `--incremental` run's signed
 * `verified` checkpoint (the whole chain the first time), and signs a new one when the chain holds:
 * it writes to the database. Without it, nothing is written. Progress goes to stderr.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const incremental = args[0] === '--incremental';
  if (incremental) args.shift();
  const target =
    args[0] ?? process.env.DATABASE_URL ?? process.env.DATABASE_FILE ?? join(process.env.DATA_DIR ?? 'data', 'consent.sqlite');
  const key = process.env.ACCESS_LOG_CHECKPOINT_KEY ?? (process.env.NODE_ENV === 'production' ? undefined : DEV_CHECKPOINT_KEY);
  if (!key) {
    process.stderr.write(`ACCESS_LOG_CHECKPOINT_KEY is required in production\n${USAGE}`);
    return 2;
  }
  const options = { now: Date.now, signer: new CheckpointSigner(key) };
  const verify = (log: AccessLog): Promise<VerifyResult> => {
    const how = { incremental, onProgress: progressReporter() };
    return incremental ? log.verifyAndRecord(how) : log.verify(how);
  };
  let result: VerifyResult;
  if (isPostgresUrl(target)) {
    const pool = openPostgres(target, { max: 1, applicationName: 'enplan-verify-log' });
    try {
      result = await verify(new AccessLog(new PgAccessLogBackend(pool), options));
    } finally {
      await pool.end();
    }
  } else {
    if (!existsSync(target)) {
      process.stderr.write(`No consent database at ${target}\n${USAGE}`);
      return 2;
    }
    const db = openDatabase(target, { readOnly: !incremental });
    try {
      result = await verify(new AccessLog(new SqliteAccessLogBackend(db, target), options));
    } finally {
      db.close();
    }
  }
  if (result.ok) {
    const since = incremental ? ' since the last verified checkpoint' : '';
    process.stdout.write(`access log intact: ${result.entries} entries${since}\n`);
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
