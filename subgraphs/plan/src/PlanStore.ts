import { inTransaction, isEmpty, openDatabase, type CaseworkerRecord, type SqliteDatabase } from '@enplan/lib';

export interface OnePlanRecord {
  cpr: string;
  coordinatingCaseworkerId: string;
  citizenGoals: string[];
  status: 'DRAFT' | 'ACTIVE' | 'ENDED';
  nextJointMeeting: string | null;
}

export interface PlanStore {
  planOf(cpr: string): OnePlanRecord | undefined;
  plansCoordinatedBy(caseworkerId: string): OnePlanRecord[];
  caseworker(id: string): CaseworkerRecord | undefined;
  isEmpty(): boolean;
  seed(caseworkers: CaseworkerRecord[], plans: Iterable<OnePlanRecord>): void;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS caseworkers (id TEXT PRIMARY KEY, name TEXT NOT NULL, department TEXT NOT NULL, phone TEXT);
CREATE TABLE IF NOT EXISTS one_plans (
  cpr TEXT PRIMARY KEY, coordinating_caseworker_id TEXT NOT NULL REFERENCES caseworkers(id),
  citizen_goals TEXT NOT NULL, status TEXT NOT NULL, next_joint_meeting TEXT);
CREATE INDEX IF NOT EXISTS one_plans_by_coordinator ON one_plans(coordinating_caseworker_id);
`;

interface Row {
  cpr: string;
  coordinating_caseworker_id: string;
  citizen_goals: string;
  status: OnePlanRecord['status'];
  next_joint_meeting: string | null;
}

const fromRow = (r: Row): OnePlanRecord => ({
  cpr: r.cpr,
  coordinatingCaseworkerId: r.coordinating_caseworker_id,
  citizenGoals: JSON.parse(r.citizen_goals) as string[],
  status: r.status,
  nextJointMeeting: r.next_joint_meeting,
});

export class SqlitePlanStore implements PlanStore {
  private readonly db: SqliteDatabase;
  private readonly statements;

  constructor(file: string) {
    this.db = openDatabase(file);
    this.db.exec(SCHEMA);
    this.statements = {
      planOf: this.db.prepare('SELECT * FROM one_plans WHERE cpr = ?'),
      coordinatedBy: this.db.prepare('SELECT * FROM one_plans WHERE coordinating_caseworker_id = ? ORDER BY cpr'),
      caseworker: this.db.prepare('SELECT id, name, department, phone FROM caseworkers WHERE id = ?'),
      insertCaseworker: this.db.prepare('INSERT INTO caseworkers VALUES (@id, @name, @department, @phone)'),
      insertPlan: this.db.prepare(
        'INSERT INTO one_plans VALUES (@cpr, @coordinatingCaseworkerId, @citizenGoals, @status, @nextJointMeeting)',
      ),
    };
  }

  planOf(cpr: string): OnePlanRecord | undefined {
    const row = this.statements.planOf.get(cpr) as Row | undefined;
    return row && fromRow(row);
  }

  plansCoordinatedBy(caseworkerId: string): OnePlanRecord[] {
    return (this.statements.coordinatedBy.all(caseworkerId) as Row[]).map(fromRow);
  }

  caseworker(id: string): CaseworkerRecord | undefined {
    return this.statements.caseworker.get(id) as CaseworkerRecord | undefined;
  }

  isEmpty(): boolean {
    return isEmpty(this.db, 'one_plans');
  }

  seed(caseworkers: CaseworkerRecord[], plans: Iterable<OnePlanRecord>): void {
    inTransaction(this.db, () => {
      for (const caseworker of caseworkers) this.statements.insertCaseworker.run(caseworker);
      for (const plan of plans) {
        this.statements.insertPlan.run({ ...plan, citizenGoals: JSON.stringify(plan.citizenGoals) });
      }
    });
  }

  close(): void {
    this.db.close();
  }
}
