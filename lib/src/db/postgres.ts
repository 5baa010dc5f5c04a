import pg from 'pg';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

const INT8_OID = 20;

/**
 * A pool on `DATABASE_URL`. BIGINT columns (epoch ms, sequence numbers) come back as numbers: every
 * value enplan stores in one stays far below 2^53.
 */
export function openPostgres(url: string, options: { max?: number; applicationName?: string } = {}): PgPool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'enplan',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that breaks (a server restart) is dropped by the pool; the next query
  // reconnects or fails on its own. Unhandled, the event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/** One dedicated connection (not from a pool), e.g. for LISTEN. */
export function connectPostgres(url: string, applicationName = 'enplan'): pg.Client {
  return new pg.Client({ connectionString: url, application_name: applicationName });
}

/**
 * Runs `work` on one connection in one transaction: committed when it resolves, rolled back when it
 * throws. `isolation` as PostgreSQL names it, e.g. 'REPEATABLE READ READ ONLY' for a consistent read.
 */
export async function inPgTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>, isolation?: string): Promise<T> {
  const client = await pool.connect();
  // A checked-out client has no error listener of the pool's: a connection that breaks mid-transaction
  // would otherwise end the process. The failing query rejects on its own; the client is then discarded.
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query(isolation ? `BEGIN ISOLATION LEVEL ${isolation}` : 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}
