import { inPgTransaction, type PgClient, type PgPool } from '@enplan/lib';
import type { ConsentRecord } from './consentModel';
import { byCitizen, fromRow, toRow, type ConsentRow, type ConsentStore } from './ConsentStore';

const COLUMNS = [
  'id',
  'cpr',
  'grantor_cpr',
  'grantor_capacity',
  'purpose',
  'valid_from',
  'valid_until',
  'provisions',
  'evidence_method',
  'recorded_by',
  'recorded_at',
  'document_ref',
  'withdrawn_at',
  'withdrawn_by',
  'supersedes',
  'superseded_by',
] as const satisfies ReadonlyArray<keyof ConsentRow>;
const INSERT = `INSERT INTO consents (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

/** Consents on PostgreSQL (schema in schema.ts), shared by every consent-service replica. */
export class PgConsentStore implements ConsentStore {
  constructor(private readonly pool: PgPool) {}

  async consentsOf(cpr: string): Promise<ConsentRecord[]> {
    return (await this.consentsOfMany([cpr])).get(cpr) ?? [];
  }

  async consentsOfMany(cprs: readonly string[]): Promise<Map<string, ConsentRecord[]>> {
    const unique = [...new Set(cprs)];
    const { rows } = await this.pool.query<ConsentRow>(
      'SELECT * FROM consents WHERE cpr = ANY($1) ORDER BY recorded_at DESC, id DESC',
      [unique],
    );
    return byCitizen(unique, rows);
  }

  async byId(id: string): Promise<ConsentRecord | undefined> {
    const { rows } = await this.pool.query<ConsentRow>('SELECT * FROM consents WHERE id = $1', [id]);
    return rows[0] && fromRow(rows[0]);
  }

  async insert(consent: ConsentRecord): Promise<void> {
    await inPgTransaction(this.pool, (client) => insertOne(client, consent));
  }

  async withdraw(id: string, at: number, by: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE consents SET withdrawn_at = $1, withdrawn_by = $2 WHERE id = $3 AND withdrawn_at IS NULL',
      [at, by, id],
    );
    return result.rowCount === 1;
  }

  async seed(consents: Iterable<ConsentRecord>): Promise<void> {
    await inPgTransaction(this.pool, async (client) => {
      // Replicas started together seed once: the first takes the lock, the others find rows.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('enplan consent seed'))");
      if ((await client.query('SELECT 1 FROM consents LIMIT 1')).rowCount !== 0) return;
      await client.query("SET LOCAL enplan.seeding = 'on'");
      for (const consent of consents) await insertOne(client, consent);
    });
  }
}

async function insertOne(client: PgClient, consent: ConsentRecord): Promise<void> {
  const row = toRow(consent);
  await client.query(
    INSERT,
    COLUMNS.map((c) => row[c]),
  );
  if (consent.supersedes)
    await client.query('UPDATE consents SET superseded_by = $1 WHERE id = $2', [consent.id, consent.supersedes]);
}
