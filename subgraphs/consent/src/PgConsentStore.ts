import { inPgTransaction, type PgClient, type PgPool } from '@enplan/lib';
import type { ConsentRecord, RepresentativeAct } from './consentModel';
import {
  actColumn,
  byCitizen,
  CONSENT_COLUMNS,
  fromRow,
  toRow,
  type ConsentRow,
  type ConsentsAsOf,
  type ConsentStore,
} from './ConsentStore';
import { CONSENT_CHANGE_SEQUENCE } from './schema';

const INSERT = `INSERT INTO consents (${CONSENT_COLUMNS.join(', ')}) VALUES (${CONSENT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

/** Consents on PostgreSQL (schema in schema.ts), shared by every consent-service replica. */
export class PgConsentStore implements ConsentStore {
  constructor(private readonly pool: PgPool) {}

  async consentsOf(cpr: string): Promise<ConsentRecord[]> {
    return (await this.consentsAsOf([cpr])).consents.get(cpr) ?? [];
  }

  async consentsAsOf(cprs: readonly string[]): Promise<ConsentsAsOf> {
    const unique = [...new Set(cprs)];
    // One statement, one snapshot: the counter and the consents agree. The counter row is always
    // there, so a citizen without consents still brings the sequence.
    const { rows } = await this.pool.query<ConsentRow & { change_sequence: string }>(
      `SELECT s.sequence AS change_sequence, c.* FROM ${CONSENT_CHANGE_SEQUENCE} s
        LEFT JOIN consents c ON c.cpr = ANY($1) ORDER BY c.recorded_at DESC, c.id DESC`,
      [unique],
    );
    return {
      changeSequence: Number(rows[0]?.change_sequence ?? 0),
      consents: byCitizen(
        unique,
        rows.filter((row) => row.id !== null),
      ),
    };
  }

  async byId(id: string): Promise<ConsentRecord | undefined> {
    const { rows } = await this.pool.query<ConsentRow>('SELECT * FROM consents WHERE id = $1', [id]);
    return rows[0] && fromRow(rows[0]);
  }

  async insert(consent: ConsentRecord): Promise<void> {
    await inPgTransaction(this.pool, (client) => insertOne(client, consent));
  }

  async withdraw(id: string, at: number, by: string, representative: RepresentativeAct | null): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE consents SET withdrawn_at = $1, withdrawn_by = $2, withdrawn_by_representative = $3 WHERE id = $4 AND withdrawn_at IS NULL',
      [at, by, actColumn(representative), id],
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
    CONSENT_COLUMNS.map((c) => row[c]),
  );
  if (consent.supersedes)
    await client.query('UPDATE consents SET superseded_by = $1 WHERE id = $2', [consent.id, consent.supersedes]);
}
