import { ConsentClient, GATEWAY_ISSUER, PERSONAS, openPostgres, type AccessLogInput } from '@enplan/lib';
import { devGatewayKey, signedAsGateway } from './devSigning';
import { AccessLog } from '@enplan/subgraph-consent/src/AccessLog';
import { CheckpointSigner, DEV_CHECKPOINT_KEY } from '@enplan/subgraph-consent/src/checkpointSigner';
import { PgAccessLogBackend } from '@enplan/subgraph-consent/src/PgAccessLogBackend';
import { startConsentReplica, type ConsentReplica } from './consentReplicas';
import { PostgresServer } from './postgresServer';

const { peter, mette } = PERSONAS;
const REPLICAS = 3;
const WRITERS = 30;
const WRITES_PER_WRITER = 10;
const ENTRIES_PER_WRITE = 5;

const entry = (writer: number, write: number, i: number): AccessLogInput => ({
  actorId: `cw-emp-${writer}`,
  actorName: 'Anna',
  actorDepartment: 'EMPLOYMENT',
  cpr: i % 2 === 0 ? peter.cpr : mette.cpr,
  ownerDepartment: 'SOCIAL',
  categories: ['CASE'],
  purpose: 'ONE_PLAN',
  decision: 'DISCLOSED',
  consentId: 'CON-000001',
  operationName: `W${writer}-${write}-${i}`,
  reason: 'test',
});

describe('several consent-service replicas on one PostgreSQL', () => {
  let postgres: PostgresServer;
  let databaseUrl: string;
  let replicas: ConsentReplica[];

  beforeAll(async () => {
    postgres = await PostgresServer.start();
    databaseUrl = await postgres.createDatabase('replicas');
    // Started together: they take turns migrating and seeding.
    replicas = await Promise.all(Array.from({ length: REPLICAS }, () => startConsentReplica(databaseUrl)));
  });
  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.close();
    await postgres?.stop();
  });

  it('many writers on every replica extend one linear hash chain, and every write is in it exactly once', async () => {
    const clients = replicas.map(
      (r) => new ConsentClient({ baseUrl: r.origin, signingKey: devGatewayKey(), timeoutMs: 10_000, callerId: GATEWAY_ISSUER }),
    );
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let write = 0; write < WRITES_PER_WRITER; write++) {
          const client = clients[(writer + write) % REPLICAS]!;
          await client.writeAccessLog(Array.from({ length: ENTRIES_PER_WRITE }, (_, i) => entry(writer, write, i)));
        }
      }),
    );

    const total = WRITERS * WRITES_PER_WRITER * ENTRIES_PER_WRITE;
    const pool = openPostgres(databaseUrl, { max: 1 });
    try {
      const log = new AccessLog(new PgAccessLogBackend(pool), {
        now: Date.now,
        signer: new CheckpointSigner(DEV_CHECKPOINT_KEY),
      });
      expect(await log.verify()).toEqual({ ok: true, entries: total });
      const { rows } = await pool.query<{ n: number; distinct_ops: number; first: number; last: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT operation_name)::int AS distinct_ops, min(sequence) AS first, max(sequence) AS last FROM access_log',
      );
      expect(rows[0]).toEqual({ n: total, distinct_ops: total, first: 1, last: total });
    } finally {
      await pool.end();
    }
  });

  it('a consent changed by hand in the database is announced by every replica', async () => {
    const heard = await Promise.all(replicas.map((r) => firstChange(r.origin)));
    const pool = openPostgres(databaseUrl, { max: 1 });
    await pool.query("UPDATE consents SET withdrawn_at = 1, withdrawn_by = 'dba' WHERE id = 'CON-000002'");
    await pool.end();
    expect(await Promise.all(heard.map((h) => h.change))).toEqual(replicas.map(() => mette.cpr));
  });

  it('the change feed is for enplan services only', async () => {
    const response = await fetch(new URL('/internal/consent-changes', replicas[0]!.origin));
    expect(response.status).toBe(401);
  });
});

/** Subscribes to a replica's change feed; resolves `change` with the first citizen announced. */
async function firstChange(origin: string): Promise<{ change: Promise<string> }> {
  const abort = new AbortController();
  const url = new URL('/internal/consent-changes', origin);
  const actor = { role: 'SERVICE', id: GATEWAY_ISSUER, name: GATEWAY_ISSUER } as const;
  const response = await fetch(url, {
    headers: await signedAsGateway({ audience: 'consent', method: 'GET', url: url.href, body: '', actor }),
    signal: abort.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('event: ready')) text += decoder.decode((await reader.read()).value);
  const change = (async () => {
    for (;;) {
      const match = /event: change\ndata: (\d{10}) \d+\n\n/.exec(text);
      if (match) {
        abort.abort();
        return match[1]!;
      }
      text += decoder.decode((await reader.read()).value);
    }
  })();
  return { change };
}
