import {
  inPgTransaction,
  inTransaction,
  isEmpty,
  type PgPool,
  type Power,
  type RepresentativeKind,
  type SqliteDatabase,
} from '@enplan/lib';
import type { EvidenceMethod } from '../consentModel';
import { CONSENT_CHANGE_SEQUENCE, POWERS_TABLE, SQLITE_CHANGE_SEQUENCE } from '../schema';

/**
 * A citizen's power of representation (docs/design.md rule 13), as stored. Never deleted: a revoked
 * or replaced power keeps its row. Times are epoch milliseconds.
 */
export interface PowerRecord {
  id: string;
  /** The represented citizen. */
  cpr: string;
  citizenName: string;
  representativeKind: RepresentativeKind;
  /** A CPR (PERSON) or a staff id (PERSONAL_OMBUD). */
  representativeRef: string;
  representativeName: string;
  organisation: string | null;
  powers: Power[];
  validFrom: number;
  validUntil: number;
  evidence: { method: EvidenceMethod; recordedBy: string; recordedAt: number; documentRef: string | null };
  revokedAt: number | null;
  revokedBy: string | null;
  /** The power this one replaced (a change is a new power that revokes the old one, at once). */
  supersedes: string | null;
}

/** A representative's powers for one citizen, with the consent change sequence they reflect (see ConsentsAsOf). */
export interface PowersAsOf {
  changeSequence: number;
  powers: PowerRecord[];
}

export interface PowerStore {
  /** The citizen's powers, newest first, revoked and expired ones included. */
  powersOf(cpr: string): Promise<PowerRecord[]>;
  /** The powers a representative holds, for anyone, newest first. */
  heldBy(kind: RepresentativeKind, ref: string): Promise<PowerRecord[]>;
  /** The representative's powers for one citizen, with the change sequence (read with, or before, them). */
  asOf(kind: RepresentativeKind, ref: string, cpr: string): Promise<PowersAsOf>;
  byId(id: string): Promise<PowerRecord | undefined>;
  /** Stores a power and, in the same transaction, revokes the one it supersedes. */
  insert(power: PowerRecord): Promise<void>;
  /** Revokes a power; false when it already was. */
  revoke(id: string, at: number, by: string): Promise<boolean>;
  /** Fills an empty table; does nothing when it holds powers. */
  seed(powers: Iterable<PowerRecord>): Promise<void>;
}

interface PowerRow {
  id: string;
  cpr: string;
  citizen_name: string;
  representative_kind: RepresentativeKind;
  representative_ref: string;
  representative_name: string;
  organisation: string | null;
  powers: string;
  valid_from: number | string;
  valid_until: number | string;
  evidence_method: EvidenceMethod;
  recorded_by: string;
  recorded_at: number | string;
  document_ref: string | null;
  revoked_at: number | string | null;
  revoked_by: string | null;
  supersedes: string | null;
}

const COLUMNS = [
  'id',
  'cpr',
  'citizen_name',
  'representative_kind',
  'representative_ref',
  'representative_name',
  'organisation',
  'powers',
  'valid_from',
  'valid_until',
  'evidence_method',
  'recorded_by',
  'recorded_at',
  'document_ref',
  'revoked_at',
  'revoked_by',
  'supersedes',
] as const satisfies ReadonlyArray<keyof PowerRow>;

const ORDER = 'ORDER BY recorded_at DESC, id DESC';

function fromRow(row: PowerRow): PowerRecord {
  const num = (v: number | string) => Number(v);
  return {
    id: row.id,
    cpr: row.cpr,
    citizenName: row.citizen_name,
    representativeKind: row.representative_kind,
    representativeRef: row.representative_ref,
    representativeName: row.representative_name,
    organisation: row.organisation,
    powers: JSON.parse(row.powers) as Power[],
    validFrom: num(row.valid_from),
    validUntil: num(row.valid_until),
    evidence: {
      method: row.evidence_method,
      recordedBy: row.recorded_by,
      recordedAt: num(row.recorded_at),
      documentRef: row.document_ref,
    },
    revokedAt: row.revoked_at === null ? null : num(row.revoked_at),
    revokedBy: row.revoked_by,
    supersedes: row.supersedes,
  };
}

function toValues(p: PowerRecord): unknown[] {
  const row: PowerRow = {
    id: p.id,
    cpr: p.cpr,
    citizen_name: p.citizenName,
    representative_kind: p.representativeKind,
    representative_ref: p.representativeRef,
    representative_name: p.representativeName,
    organisation: p.organisation,
    powers: JSON.stringify(p.powers),
    valid_from: p.validFrom,
    valid_until: p.validUntil,
    evidence_method: p.evidence.method,
    recorded_by: p.evidence.recordedBy,
    recorded_at: p.evidence.recordedAt,
    document_ref: p.evidence.documentRef,
    revoked_at: p.revokedAt,
    revoked_by: p.revokedBy,
    supersedes: p.supersedes,
  };
  return COLUMNS.map((c) => row[c]);
}

/** The embedded default: powers beside the consents in the consent service's SQLite file. */
export class SqlitePowerStore implements PowerStore {
  private readonly statements;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = {
      byCpr: db.prepare(`SELECT * FROM ${POWERS_TABLE} WHERE cpr = ? ${ORDER}`),
      heldBy: db.prepare(`SELECT * FROM ${POWERS_TABLE} WHERE representative_kind = ? AND representative_ref = ? ${ORDER}`),
      asOf: db.prepare(
        `SELECT * FROM ${POWERS_TABLE} WHERE representative_kind = ? AND representative_ref = ? AND cpr = ? ${ORDER}`,
      ),
      changeSequence: db.prepare(SQLITE_CHANGE_SEQUENCE),
      byId: db.prepare(`SELECT * FROM ${POWERS_TABLE} WHERE id = ?`),
      insert: db.prepare(`INSERT INTO ${POWERS_TABLE} (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`),
      revoke: db.prepare(`UPDATE ${POWERS_TABLE} SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL`),
    };
  }

  async powersOf(cpr: string): Promise<PowerRecord[]> {
    return (this.statements.byCpr.all(cpr) as unknown as PowerRow[]).map(fromRow);
  }

  async heldBy(kind: RepresentativeKind, ref: string): Promise<PowerRecord[]> {
    return (this.statements.heldBy.all(kind, ref) as unknown as PowerRow[]).map(fromRow);
  }

  async asOf(kind: RepresentativeKind, ref: string, cpr: string): Promise<PowersAsOf> {
    // SQLite commits one writer at a time: the sequence read first is a watermark for the rows read after it.
    const { sequence } = this.statements.changeSequence.get() as { sequence: number };
    return { changeSequence: sequence, powers: (this.statements.asOf.all(kind, ref, cpr) as unknown as PowerRow[]).map(fromRow) };
  }

  async byId(id: string): Promise<PowerRecord | undefined> {
    const row = this.statements.byId.get(id) as PowerRow | undefined;
    return row && fromRow(row);
  }

  async insert(power: PowerRecord): Promise<void> {
    inTransaction(this.db, () => this.insertSync(power));
  }

  async revoke(id: string, at: number, by: string): Promise<boolean> {
    return this.statements.revoke.run(at, by, id).changes === 1;
  }

  async seed(powers: Iterable<PowerRecord>): Promise<void> {
    inTransaction(this.db, () => {
      if (!isEmpty(this.db, POWERS_TABLE)) return;
      for (const power of powers) this.insertSync(power);
    });
  }

  private insertSync(power: PowerRecord): void {
    this.statements.insert.run(...(toValues(power) as Array<string | number | null>));
    if (power.supersedes) this.statements.revoke.run(power.evidence.recordedAt, power.evidence.recordedBy, power.supersedes);
  }
}

const PG_INSERT = `INSERT INTO ${POWERS_TABLE} (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

/** Powers on PostgreSQL, shared by every consent-service replica. */
export class PgPowerStore implements PowerStore {
  constructor(private readonly pool: PgPool) {}

  async powersOf(cpr: string): Promise<PowerRecord[]> {
    return this.rows(`SELECT * FROM ${POWERS_TABLE} WHERE cpr = $1 ${ORDER}`, [cpr]);
  }

  async heldBy(kind: RepresentativeKind, ref: string): Promise<PowerRecord[]> {
    return this.rows(`SELECT * FROM ${POWERS_TABLE} WHERE representative_kind = $1 AND representative_ref = $2 ${ORDER}`, [
      kind,
      ref,
    ]);
  }

  async asOf(kind: RepresentativeKind, ref: string, cpr: string): Promise<PowersAsOf> {
    // One statement, one snapshot: the counter and the powers agree (as PgConsentStore.consentsAsOf).
    const { rows } = await this.pool.query<PowerRow & { change_sequence: string }>(
      `SELECT s.sequence AS change_sequence, p.* FROM ${CONSENT_CHANGE_SEQUENCE} s
        LEFT JOIN ${POWERS_TABLE} p ON p.representative_kind = $1 AND p.representative_ref = $2 AND p.cpr = $3
        ORDER BY p.recorded_at DESC, p.id DESC`,
      [kind, ref, cpr],
    );
    return {
      changeSequence: Number(rows[0]?.change_sequence ?? 0),
      powers: rows.filter((row) => row.id !== null).map(fromRow),
    };
  }

  async byId(id: string): Promise<PowerRecord | undefined> {
    return (await this.rows(`SELECT * FROM ${POWERS_TABLE} WHERE id = $1`, [id]))[0];
  }

  async insert(power: PowerRecord): Promise<void> {
    await inPgTransaction(this.pool, async (client) => {
      await client.query(PG_INSERT, toValues(power));
      if (power.supersedes)
        await client.query(`UPDATE ${POWERS_TABLE} SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL`, [
          power.evidence.recordedAt,
          power.evidence.recordedBy,
          power.supersedes,
        ]);
    });
  }

  async revoke(id: string, at: number, by: string): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE ${POWERS_TABLE} SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL`,
      [at, by, id],
    );
    return result.rowCount === 1;
  }

  async seed(powers: Iterable<PowerRecord>): Promise<void> {
    await inPgTransaction(this.pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('enplan power seed'))");
      if ((await client.query(`SELECT 1 FROM ${POWERS_TABLE} LIMIT 1`)).rowCount !== 0) return;
      await client.query("SET LOCAL enplan.seeding = 'on'");
      for (const power of powers) await client.query(PG_INSERT, toValues(power));
    });
  }

  private async rows(sql: string, values: unknown[]): Promise<PowerRecord[]> {
    return (await this.pool.query<PowerRow>(sql, values)).rows.map(fromRow);
  }
}
