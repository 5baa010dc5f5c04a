import { inTransaction, isEmpty, type SqliteDatabase } from '@enplan/lib';
import type { ConsentRecord, RepresentativeAct } from './consentModel';
import { CONSENT_CHANGES_JOURNAL, SQLITE_CHANGE_SEQUENCE } from './schema';

/** Citizens' consents as of one consent change: every change up to `changeSequence` is in them. */
export interface ConsentsAsOf {
  changeSequence: number;
  consents: Map<string, ConsentRecord[]>;
}

/** Consents are never deleted: withdrawal and supersession are recorded on the row. */
export interface ConsentStore {
  consentsOf(cpr: string): Promise<ConsentRecord[]>;
  /**
   * Many citizens' consents at once, with the sequence of the newest change they reflect (read
   * before, or with, the consents: a change committed in between makes the sequence older than the
   * consents, which only makes a cache refuse them sooner).
   */
  consentsAsOf(cprs: readonly string[]): Promise<ConsentsAsOf>;
  byId(id: string): Promise<ConsentRecord | undefined>;
  /** Stores a new consent and, in the same transaction, marks the one it supersedes. */
  insert(consent: ConsentRecord): Promise<void>;
  /** Marks a consent withdrawn (by a representative, when one acted); returns false when it already was. */
  withdraw(id: string, at: number, by: string, representative: RepresentativeAct | null): Promise<boolean>;
  /** Fills an empty store (a new database); does nothing to one that has consents. */
  seed(consents: Iterable<ConsentRecord>): Promise<void>;
}

export interface ConsentRow {
  id: string;
  cpr: string;
  grantor_cpr: string;
  grantor_capacity: ConsentRecord['grantor']['capacity'];
  purpose: ConsentRecord['purpose'];
  valid_from: number;
  valid_until: number;
  provisions: string;
  evidence_method: ConsentRecord['evidence']['method'];
  recorded_by: string;
  recorded_at: number;
  document_ref: string | null;
  withdrawn_at: number | null;
  withdrawn_by: string | null;
  supersedes: string | null;
  superseded_by: string | null;
  /** JSON of a RepresentativeAct (a later migration's columns: null in older rows). */
  given_by_representative: string | null;
  withdrawn_by_representative: string | null;
}

const actFromColumn = (json: string | null): RepresentativeAct | null => (json ? (JSON.parse(json) as RepresentativeAct) : null);
/** A representative's act as its column holds it. */
export const actColumn = (act: RepresentativeAct | null | undefined): string | null => (act ? JSON.stringify(act) : null);

export function fromRow(row: ConsentRow): ConsentRecord {
  return {
    id: row.id,
    cpr: row.cpr,
    grantor: { cpr: row.grantor_cpr, capacity: row.grantor_capacity },
    purpose: row.purpose,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    provisions: JSON.parse(row.provisions) as ConsentRecord['provisions'],
    evidence: {
      method: row.evidence_method,
      recordedBy: row.recorded_by,
      recordedAt: row.recorded_at,
      documentRef: row.document_ref,
    },
    withdrawnAt: row.withdrawn_at,
    withdrawnBy: row.withdrawn_by,
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
    givenByRepresentative: actFromColumn(row.given_by_representative),
    withdrawnByRepresentative: actFromColumn(row.withdrawn_by_representative),
  };
}

export function toRow(c: ConsentRecord): ConsentRow {
  return {
    id: c.id,
    cpr: c.cpr,
    grantor_cpr: c.grantor.cpr,
    grantor_capacity: c.grantor.capacity,
    purpose: c.purpose,
    valid_from: c.validFrom,
    valid_until: c.validUntil,
    provisions: JSON.stringify(c.provisions),
    evidence_method: c.evidence.method,
    recorded_by: c.evidence.recordedBy,
    recorded_at: c.evidence.recordedAt,
    document_ref: c.evidence.documentRef,
    withdrawn_at: c.withdrawnAt,
    withdrawn_by: c.withdrawnBy,
    supersedes: c.supersedes,
    superseded_by: c.supersededBy,
    given_by_representative: actColumn(c.givenByRepresentative),
    withdrawn_by_representative: actColumn(c.withdrawnByRepresentative),
  };
}

/** The columns of a consent's row, in the order of the table (both backends). */
export const CONSENT_COLUMNS = [
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
  'given_by_representative',
  'withdrawn_by_representative',
] as const satisfies ReadonlyArray<keyof ConsentRow>;

/** Each citizen asked about with their consents, in the order of `rows` (newest first); none is an empty list. */
export function byCitizen(cprs: readonly string[], rows: readonly ConsentRow[]): Map<string, ConsentRecord[]> {
  const consents = new Map<string, ConsentRecord[]>(cprs.map((cpr) => [cpr, []]));
  for (const row of rows) consents.get(row.cpr)?.push(fromRow(row));
  return consents;
}

/** The embedded default: consents in the consent service's SQLite file (schema in schema.ts). */
export class SqliteConsentStore implements ConsentStore {
  private readonly statements;

  constructor(readonly db: SqliteDatabase) {
    this.statements = {
      byCpr: db.prepare('SELECT * FROM consents WHERE cpr = ? ORDER BY recorded_at DESC, id DESC'),
      // One statement for a whole batch (a JSON array of CPRs), not one per citizen.
      byCprs: db.prepare(
        'SELECT * FROM consents WHERE cpr IN (SELECT value FROM json_each(?)) ORDER BY recorded_at DESC, id DESC',
      ),
      changeSequence: db.prepare(SQLITE_CHANGE_SEQUENCE),
      byId: db.prepare('SELECT * FROM consents WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO consents (${CONSENT_COLUMNS.join(', ')}) VALUES (${CONSENT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
      ),
      withdraw: db.prepare(
        'UPDATE consents SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_by_representative = ? WHERE id = ? AND withdrawn_at IS NULL',
      ),
      supersede: db.prepare('UPDATE consents SET superseded_by = ? WHERE id = ?'),
    };
  }

  async consentsOf(cpr: string): Promise<ConsentRecord[]> {
    return this.consentsOfSync(cpr);
  }

  async consentsAsOf(cprs: readonly string[]): Promise<ConsentsAsOf> {
    const unique = [...new Set(cprs)];
    const { sequence } = this.statements.changeSequence.get() as { sequence: number };
    return {
      changeSequence: sequence,
      consents: byCitizen(unique, this.statements.byCprs.all(JSON.stringify(unique)) as ConsentRow[]),
    };
  }

  async byId(id: string): Promise<ConsentRecord | undefined> {
    const row = this.statements.byId.get(id) as ConsentRow | undefined;
    return row && fromRow(row);
  }

  async insert(consent: ConsentRecord): Promise<void> {
    inTransaction(this.db, () => this.insertSync(consent));
  }

  async withdraw(id: string, at: number, by: string, representative: RepresentativeAct | null): Promise<boolean> {
    return this.statements.withdraw.run(at, by, actColumn(representative), id).changes === 1;
  }

  async seed(consents: Iterable<ConsentRecord>): Promise<void> {
    inTransaction(this.db, () => {
      if (!isEmpty(this.db, 'consents')) return;
      for (const consent of consents) this.insertSync(consent);
      // The seed of a new database announces nothing (as on PostgreSQL): no one can have cached a decision about it.
      this.db.exec(`DELETE FROM ${CONSENT_CHANGES_JOURNAL}`);
    });
  }

  private consentsOfSync(cpr: string): ConsentRecord[] {
    return (this.statements.byCpr.all(cpr) as ConsentRow[]).map(fromRow);
  }

  private insertSync(consent: ConsentRecord): void {
    this.statements.insert.run(toRow(consent));
    if (consent.supersedes) this.statements.supersede.run(consent.id, consent.supersedes);
  }
}
