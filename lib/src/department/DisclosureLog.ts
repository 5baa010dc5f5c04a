import type { Actor } from '../actor';
import { inTransaction, openDatabase, type SqliteDatabase } from '../sqlite';
import type { Disclosure } from './coverageCheck';

/** One row of a department's own record of what it answered, and on what basis. */
export interface DisclosureRecord {
  at: string;
  /** The `jti` of the gateway's assertion that asked (and vouched for the consent). */
  assertionId: string;
  actorId: string;
  actorDepartment: string | null;
  cpr: string;
  typename: string;
  categories: string[];
  /** The consent that covered it, as the gateway's signed assertion named it. */
  consentId: string | null;
  operationName: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS disclosures (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, assertion_id TEXT NOT NULL, actor_id TEXT NOT NULL,
  actor_department TEXT, cpr TEXT NOT NULL, typename TEXT NOT NULL, categories TEXT NOT NULL,
  consent_id TEXT, operation_name TEXT);
CREATE INDEX IF NOT EXISTS disclosures_by_cpr ON disclosures(cpr, at);
`;

interface Row {
  at: string;
  assertion_id: string;
  actor_id: string;
  actor_department: string | null;
  cpr: string;
  typename: string;
  categories: string;
  consent_id: string | null;
  operation_name: string | null;
}

/**
 * A department's disclosure log, in its own database file: so the department itself can answer "on
 * what basis did we disclose this?" without asking the gateway or the consent service.
 */
export class DisclosureLog {
  private readonly db: SqliteDatabase;
  private readonly insert;
  private readonly byCitizen;

  constructor(
    file: string,
    private readonly now: () => number = Date.now,
  ) {
    this.db = openDatabase(file);
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      `INSERT INTO disclosures (at, assertion_id, actor_id, actor_department, cpr, typename, categories, consent_id, operation_name)
       VALUES (:at, :assertionId, :actorId, :actorDepartment, :cpr, :typename, :categories, :consentId, :operationName)`,
    );
    this.byCitizen = this.db.prepare('SELECT * FROM disclosures WHERE cpr = ? ORDER BY id');
  }

  record(assertionId: string, actor: Actor, operationName: string | null, disclosures: readonly Disclosure[]): void {
    if (disclosures.length === 0) return;
    const at = new Date(this.now()).toISOString();
    const actorDepartment = actor.role === 'CASEWORKER' ? actor.department : null;
    inTransaction(this.db, () => {
      for (const d of disclosures) {
        this.insert.run({
          at,
          assertionId,
          actorId: actor.id,
          actorDepartment,
          cpr: d.cpr,
          typename: d.typename,
          categories: d.categories.join(','),
          consentId: d.consentId,
          operationName,
        });
      }
    });
  }

  forCitizen(cpr: string): DisclosureRecord[] {
    return (this.byCitizen.all(cpr) as Row[]).map((r) => ({
      at: r.at,
      assertionId: r.assertion_id,
      actorId: r.actor_id,
      actorDepartment: r.actor_department,
      cpr: r.cpr,
      typename: r.typename,
      categories: r.categories ? r.categories.split(',') : [],
      consentId: r.consent_id,
      operationName: r.operation_name,
    }));
  }

  close(): void {
    this.db.close();
  }
}
