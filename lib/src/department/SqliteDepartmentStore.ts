import { inTransaction, isEmpty, openDatabase, type SqliteDatabase } from '../sqlite';
import type { DataCategory, Department } from '../departments';
import type {
  ActionRecord,
  BenefitRecord,
  CaseRecord,
  CaseworkerRecord,
  DepartmentCaseSeed,
  DepartmentStore,
  GoalRecord,
  HealthNoteRecord,
} from './DepartmentStore';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS caseworkers (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, department TEXT NOT NULL, phone TEXT);
CREATE TABLE IF NOT EXISTS cases (
  cpr TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, status TEXT NOT NULL,
  opened_on TEXT NOT NULL, caseworker_id TEXT REFERENCES caseworkers(id), next_follow_up TEXT, citizen_name TEXT);
CREATE TABLE IF NOT EXISTS goals (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL REFERENCES cases(cpr), description TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS goals_by_cpr ON goals(cpr);
CREATE TABLE IF NOT EXISTS actions (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL REFERENCES cases(cpr), category TEXT NOT NULL, title TEXT NOT NULL,
  legal_basis TEXT NOT NULL, responsible_id TEXT REFERENCES caseworkers(id),
  start_date TEXT, end_date TEXT, follow_up_date TEXT);
CREATE INDEX IF NOT EXISTS actions_by_cpr ON actions(cpr, category);
CREATE TABLE IF NOT EXISTS benefits (
  cpr TEXT NOT NULL REFERENCES cases(cpr), kind TEXT NOT NULL, legal_basis TEXT NOT NULL,
  monthly_amount_dkk INTEGER NOT NULL, since TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS benefits_by_cpr ON benefits(cpr);
CREATE TABLE IF NOT EXISTS health_notes (
  cpr TEXT NOT NULL REFERENCES cases(cpr), summary TEXT NOT NULL, source TEXT NOT NULL, recorded_on TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS health_notes_by_cpr ON health_notes(cpr);
`;

/** A data file seeded before cases held the citizen's name gains the column; its cases answer `citizenName` with null until reseeded. */
function addCitizenNameColumn(db: SqliteDatabase): void {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all('cases') as Array<{ name: string }>;
  if (!columns.some((c) => c.name === 'citizen_name')) db.exec('ALTER TABLE cases ADD COLUMN citizen_name TEXT');
}

/** A department's cases in a SQLite file; subgraphs with more tables share the database via `db`. */
export class SqliteDepartmentStore implements DepartmentStore {
  readonly db: SqliteDatabase;
  private readonly statements;

  constructor(
    readonly department: Department,
    file: string,
  ) {
    this.db = openDatabase(file);
    this.db.exec(SCHEMA);
    addCitizenNameColumn(this.db);
    const db = this.db;
    this.statements = {
      caseOf: db.prepare(
        `SELECT id, cpr, kind, status, opened_on AS openedOn, caseworker_id AS caseworkerId,
                next_follow_up AS nextFollowUp, citizen_name AS citizenName FROM cases WHERE cpr = ?`,
      ),
      caseworker: db.prepare('SELECT id, name, department, phone FROM caseworkers WHERE id = ?'),
      goals: db.prepare('SELECT id, description FROM goals WHERE cpr = ? ORDER BY id'),
      actions: db.prepare(
        `SELECT id, category, title, legal_basis AS legalBasis, responsible_id AS responsibleId,
                start_date AS startDate, end_date AS endDate, follow_up_date AS followUpDate
         FROM actions WHERE cpr = ? AND category = ? ORDER BY id`,
      ),
      benefits: db.prepare(
        `SELECT kind, legal_basis AS legalBasis, monthly_amount_dkk AS monthlyAmountDkk, since
         FROM benefits WHERE cpr = ? ORDER BY since`,
      ),
      healthNotes: db.prepare(
        'SELECT summary, source, recorded_on AS recordedOn FROM health_notes WHERE cpr = ? ORDER BY recorded_on',
      ),
      insertCaseworker: db.prepare('INSERT INTO caseworkers VALUES (@id, @name, @department, @phone)'),
      insertCase: db.prepare(
        'INSERT INTO cases VALUES (@cpr, @id, @kind, @status, @openedOn, @caseworkerId, @nextFollowUp, @citizenName)',
      ),
      insertGoal: db.prepare('INSERT INTO goals VALUES (@id, @cpr, @description)'),
      insertAction: db.prepare(
        `INSERT INTO actions VALUES (@id, @cpr, @category, @title, @legalBasis, @responsibleId,
                                     @startDate, @endDate, @followUpDate)`,
      ),
      insertBenefit: db.prepare('INSERT INTO benefits VALUES (@cpr, @kind, @legalBasis, @monthlyAmountDkk, @since)'),
      insertHealthNote: db.prepare('INSERT INTO health_notes VALUES (@cpr, @summary, @source, @recordedOn)'),
    };
  }

  caseOf(cpr: string): CaseRecord | undefined {
    return this.statements.caseOf.get(cpr) as CaseRecord | undefined;
  }

  caseworker(id: string): CaseworkerRecord | undefined {
    return this.statements.caseworker.get(id) as CaseworkerRecord | undefined;
  }

  goals(cpr: string): GoalRecord[] {
    return this.statements.goals.all(cpr) as GoalRecord[];
  }

  actions(cpr: string, category: DataCategory): ActionRecord[] {
    return this.statements.actions.all(cpr, category) as ActionRecord[];
  }

  benefits(cpr: string): BenefitRecord[] {
    return this.statements.benefits.all(cpr) as BenefitRecord[];
  }

  healthNotes(cpr: string): HealthNoteRecord[] {
    return this.statements.healthNotes.all(cpr) as HealthNoteRecord[];
  }

  isEmpty(): boolean {
    return isEmpty(this.db, 'cases');
  }

  /** Inserts everything in one transaction: 10,000 synthetic citizens seed in well under a second. */
  seed(caseworkers: CaseworkerRecord[], cases: Iterable<DepartmentCaseSeed>): void {
    const s = this.statements;
    inTransaction(this.db, () => {
      for (const caseworker of caseworkers) s.insertCaseworker.run(caseworker);
      for (const seed of cases) {
        const { cpr } = seed.case;
        s.insertCase.run(seed.case);
        for (const goal of seed.goals) s.insertGoal.run({ ...goal, cpr });
        for (const action of seed.actions) s.insertAction.run({ ...action, cpr });
        for (const benefit of seed.benefits) s.insertBenefit.run({ ...benefit, cpr });
        for (const note of seed.healthNotes) s.insertHealthNote.run({ ...note, cpr });
      }
    });
  }

  close(): void {
    this.db.close();
  }
}
