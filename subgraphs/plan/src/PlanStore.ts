import {
  inTransaction,
  isEmpty,
  openDatabase,
  type CaseworkerRecord,
  type Department,
  type Notification,
  type SqliteDatabase,
} from '@enplan/lib';
import type { ChangeAuthor, JointPlanRecord, PlanChangeRecord, PlanRequestRecord } from './planModel';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS caseworkers (id TEXT PRIMARY KEY, name TEXT NOT NULL, department TEXT NOT NULL, phone TEXT);
CREATE TABLE IF NOT EXISTS joint_plans (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL,
  coordinating_caseworker_id TEXT NOT NULL REFERENCES caseworkers(id), document TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS joint_plans_by_cpr ON joint_plans(cpr, created_at);
CREATE INDEX IF NOT EXISTS joint_plans_by_coordinator ON joint_plans(coordinating_caseworker_id);
CREATE TABLE IF NOT EXISTS plan_changes (
  plan_id TEXT NOT NULL REFERENCES joint_plans(id), version INTEGER NOT NULL, at INTEGER NOT NULL,
  actor_id TEXT NOT NULL, actor_name TEXT NOT NULL, actor_department TEXT, summary TEXT NOT NULL,
  PRIMARY KEY (plan_id, version));
CREATE TABLE IF NOT EXISTS plan_requests (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, departments TEXT NOT NULL, requested_at INTEGER NOT NULL, status TEXT NOT NULL,
  decline_reason TEXT, answered_at INTEGER, answered_by TEXT);
CREATE INDEX IF NOT EXISTS plan_requests_by_cpr ON plan_requests(cpr);
CREATE TABLE IF NOT EXISTS inbox (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, created_at INTEGER NOT NULL, received_seq INTEGER NOT NULL, notification TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS inbox_by_cpr ON inbox(cpr, created_at, received_seq);
`;

interface PlanRow {
  document: string;
  version: number;
}

interface RequestRow {
  id: string;
  cpr: string;
  departments: string;
  requested_at: number;
  status: PlanRequestRecord['status'];
  decline_reason: string | null;
  answered_at: number | null;
  answered_by: string | null;
}

const requestFromRow = (r: RequestRow): PlanRequestRecord => ({
  id: r.id,
  cpr: r.cpr,
  departments: JSON.parse(r.departments) as Department[],
  requestedAt: r.requested_at,
  status: r.status,
  declineReason: r.decline_reason,
  answeredAt: r.answered_at,
  answeredBy: r.answered_by,
});

/** A plan written back only if nobody changed it since `expectedVersion` was read. */
export class StaleVersionError extends Error {
  constructor(readonly currentVersion: number) {
    super(`stale plan version; current is ${currentVersion}`);
  }
}

/**
 * The plan subgraph's SQLite store: the joint plans (one versioned document each) with their
 * history, the citizens' requests for one plan, and the citizens' inboxes. Every change writes its
 * history entry in the same transaction; `db` is shared with the outbox for the same reason.
 */
export class SqlitePlanStore {
  readonly db: SqliteDatabase;
  private readonly statements;

  constructor(file: string) {
    this.db = openDatabase(file);
    this.db.exec(SCHEMA);
    const db = this.db;
    this.statements = {
      current: db.prepare('SELECT document, version FROM joint_plans WHERE cpr = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
      coordinatedBy: db.prepare(
        `SELECT p.document, p.version FROM joint_plans p WHERE p.coordinating_caseworker_id = ? AND p.status != 'ENDED'
         AND p.created_at = (SELECT MAX(created_at) FROM joint_plans q WHERE q.cpr = p.cpr) ORDER BY p.cpr`,
      ),
      insertPlan: db.prepare(
        'INSERT INTO joint_plans VALUES (@id, @cpr, @version, @status, @coordinatingCaseworkerId, @document, @createdAt)',
      ),
      updatePlan: db.prepare(
        `UPDATE joint_plans SET version = @version, status = @status, coordinating_caseworker_id = @coordinatingCaseworkerId,
         document = @document WHERE id = @id AND version = @expectedVersion`,
      ),
      versionOf: db.prepare('SELECT version FROM joint_plans WHERE id = ?'),
      insertChange: db.prepare(
        'INSERT INTO plan_changes VALUES (@planId, @version, @at, @actorId, @actorName, @actorDepartment, @summary)',
      ),
      history: db.prepare('SELECT * FROM plan_changes WHERE plan_id = ? ORDER BY version DESC'),
      caseworker: db.prepare('SELECT id, name, department, phone FROM caseworkers WHERE id = ?'),
      insertCaseworker: db.prepare('INSERT OR IGNORE INTO caseworkers VALUES (@id, @name, @department, @phone)'),
      insertRequest: db.prepare(
        'INSERT INTO plan_requests VALUES (@id, @cpr, @departments, @requestedAt, @status, @declineReason, @answeredAt, @answeredBy)',
      ),
      request: db.prepare('SELECT * FROM plan_requests WHERE id = ?'),
      requestsOf: db.prepare('SELECT * FROM plan_requests WHERE cpr = ? ORDER BY requested_at DESC, rowid DESC'),
      pendingRequests: db.prepare("SELECT * FROM plan_requests WHERE status = 'PENDING' ORDER BY requested_at, rowid"),
      answerRequest: db.prepare(
        "UPDATE plan_requests SET status = ?, decline_reason = ?, answered_at = ?, answered_by = ? WHERE id = ? AND status = 'PENDING'",
      ),
      insertInbox: db.prepare(
        'INSERT OR IGNORE INTO inbox VALUES (?, ?, ?, (SELECT COALESCE(MAX(received_seq), 0) + 1 FROM inbox), ?)',
      ),
      inboxOf: db.prepare('SELECT notification FROM inbox WHERE cpr = ? ORDER BY created_at, received_seq'),
    };
  }

  /** The citizen's most recent joint plan (an ENDED one included), if any. */
  currentPlan(cpr: string): JointPlanRecord | undefined {
    const row = this.statements.current.get(cpr) as PlanRow | undefined;
    return row && (JSON.parse(row.document) as JointPlanRecord);
  }

  /** Plans not ended that `caseworkerId` coordinates. */
  plansCoordinatedBy(caseworkerId: string): JointPlanRecord[] {
    return (this.statements.coordinatedBy.all(caseworkerId) as PlanRow[]).map((r) => JSON.parse(r.document) as JointPlanRecord);
  }

  /** A new plan at version 1, its first history entry, and anything else `alsoDo` writes, in one transaction. */
  create(plan: JointPlanRecord, author: ChangeAuthor, summary: string, alsoDo: () => void = () => {}): void {
    inTransaction(this.db, () => {
      this.statements.insertPlan.run({ ...plan, document: JSON.stringify(plan) });
      this.statements.insertChange.run({ planId: plan.id, version: plan.version, at: plan.createdAt, ...author, summary });
      alsoDo();
    });
  }

  /**
   * Writes `next` (version = expectedVersion + 1) only if the stored plan is still at
   * `expectedVersion`; otherwise throws StaleVersionError and writes nothing.
   */
  update(
    next: JointPlanRecord,
    expectedVersion: number,
    change: ChangeAuthor & { at: number; summary: string },
    alsoDo: () => void = () => {},
  ): void {
    inTransaction(this.db, () => {
      const { changes } = this.statements.updatePlan.run({ ...next, document: JSON.stringify(next), expectedVersion });
      if (Number(changes) !== 1) {
        throw new StaleVersionError((this.statements.versionOf.get(next.id) as { version: number } | undefined)?.version ?? 0);
      }
      this.statements.insertChange.run({ planId: next.id, version: next.version, ...change });
      alsoDo();
    });
  }

  history(planId: string): PlanChangeRecord[] {
    return (this.statements.history.all(planId) as Array<Record<string, unknown>>).map((r) => ({
      planId: r.plan_id as string,
      version: r.version as number,
      at: r.at as number,
      actorId: r.actor_id as string,
      actorName: r.actor_name as string,
      actorDepartment: (r.actor_department as Department | null) ?? null,
      summary: r.summary as string,
    }));
  }

  caseworker(id: string): CaseworkerRecord | undefined {
    return this.statements.caseworker.get(id) as CaseworkerRecord | undefined;
  }

  insertRequest(request: PlanRequestRecord): void {
    this.statements.insertRequest.run({ ...request, departments: JSON.stringify(request.departments) });
  }

  request(id: string): PlanRequestRecord | undefined {
    const row = this.statements.request.get(id) as RequestRow | undefined;
    return row && requestFromRow(row);
  }

  requestsOf(cpr: string): PlanRequestRecord[] {
    return (this.statements.requestsOf.all(cpr) as RequestRow[]).map(requestFromRow);
  }

  pendingRequestsFor(department: Department): PlanRequestRecord[] {
    return (this.statements.pendingRequests.all() as RequestRow[])
      .map(requestFromRow)
      .filter((r) => r.departments.includes(department));
  }

  /** Returns false when the request was answered meanwhile. */
  answerRequest(
    id: string,
    answer: { status: 'ACCEPTED' | 'DECLINED'; declineReason: string | null; at: number; by: string },
  ): boolean {
    const { changes } = this.statements.answerRequest.run(answer.status, answer.declineReason, answer.at, answer.by, id);
    return Number(changes) === 1;
  }

  /** Stores a delivered notification once (a redelivery of the same id is ignored). */
  deliverToInbox(notification: Notification): void {
    this.statements.insertInbox.run(notification.id, notification.cpr, notification.createdAt, JSON.stringify(notification));
  }

  inboxOf(cpr: string): Notification[] {
    return (this.statements.inboxOf.all(cpr) as Array<{ notification: string }>).map(
      (r) => JSON.parse(r.notification) as Notification,
    );
  }

  transaction<T>(work: () => T): T {
    return inTransaction(this.db, work);
  }

  isEmpty(): boolean {
    return isEmpty(this.db, 'joint_plans');
  }

  seed(caseworkers: CaseworkerRecord[], plans: Iterable<JointPlanRecord>): void {
    inTransaction(this.db, () => {
      for (const caseworker of caseworkers) this.statements.insertCaseworker.run(caseworker);
      const seeder = { actorId: 'enplan-seed', actorName: 'Demo data', actorDepartment: null };
      for (const plan of plans) this.create(plan, seeder, 'The plan was made (demo data).');
    });
  }

  close(): void {
    this.db.close();
  }
}
