import { inTransaction, isEmpty, openDatabase, type SqliteDatabase } from '@enplan/lib';
import type { ConsentRecord } from './consentModel';

/** Consents are never deleted: withdrawal and supersession are recorded on the row. */
export interface ConsentStore {
  consentsOf(cpr: string): ConsentRecord[];
  consentsOfMany(cprs: readonly string[]): Map<string, ConsentRecord[]>;
  byId(id: string): ConsentRecord | undefined;
  insert(consent: ConsentRecord): void;
  /** Marks a consent withdrawn; returns false when it already was. */
  withdraw(id: string, at: number, by: string): boolean;
  markSuperseded(id: string, by: string): void;
  isEmpty(): boolean;
  seed(consents: Iterable<ConsentRecord>): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS consents (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, grantor_cpr TEXT NOT NULL, grantor_capacity TEXT NOT NULL,
  purpose TEXT NOT NULL, valid_from INTEGER NOT NULL, valid_until INTEGER NOT NULL, provisions TEXT NOT NULL,
  evidence_method TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at INTEGER NOT NULL, document_ref TEXT,
  withdrawn_at INTEGER, withdrawn_by TEXT, supersedes TEXT REFERENCES consents(id), superseded_by TEXT);
CREATE INDEX IF NOT EXISTS consents_by_cpr ON consents(cpr);
`;

interface ConsentRow {
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
}

function fromRow(row: ConsentRow): ConsentRecord {
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
  };
}

function toRow(c: ConsentRecord): ConsentRow {
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
  };
}

export class SqliteConsentStore implements ConsentStore {
  private readonly statements;

  constructor(readonly db: SqliteDatabase) {
    db.exec(SCHEMA);
    this.statements = {
      byCpr: db.prepare('SELECT * FROM consents WHERE cpr = ? ORDER BY recorded_at DESC, id DESC'),
      byId: db.prepare('SELECT * FROM consents WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO consents VALUES (@id, @cpr, @grantor_cpr, @grantor_capacity, @purpose, @valid_from, @valid_until,
          @provisions, @evidence_method, @recorded_by, @recorded_at, @document_ref, @withdrawn_at, @withdrawn_by,
          @supersedes, @superseded_by)`,
      ),
      withdraw: db.prepare('UPDATE consents SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL'),
      supersede: db.prepare('UPDATE consents SET superseded_by = ? WHERE id = ?'),
    };
  }

  static open(file: string): SqliteConsentStore {
    return new SqliteConsentStore(openDatabase(file));
  }

  consentsOf(cpr: string): ConsentRecord[] {
    return (this.statements.byCpr.all(cpr) as ConsentRow[]).map(fromRow);
  }

  consentsOfMany(cprs: readonly string[]): Map<string, ConsentRecord[]> {
    return new Map([...new Set(cprs)].map((cpr) => [cpr, this.consentsOf(cpr)]));
  }

  byId(id: string): ConsentRecord | undefined {
    const row = this.statements.byId.get(id) as ConsentRow | undefined;
    return row && fromRow(row);
  }

  insert(consent: ConsentRecord): void {
    this.statements.insert.run(toRow(consent));
  }

  withdraw(id: string, at: number, by: string): boolean {
    return this.statements.withdraw.run(at, by, id).changes === 1;
  }

  markSuperseded(id: string, by: string): void {
    this.statements.supersede.run(by, id);
  }

  isEmpty(): boolean {
    return isEmpty(this.db, 'consents');
  }

  seed(consents: Iterable<ConsentRecord>): void {
    inTransaction(this.db, () => {
      for (const consent of consents) this.insert(consent);
    });
  }
}
