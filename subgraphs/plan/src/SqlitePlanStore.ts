import {
  inTransaction,
  isEmpty,
  type CaseworkerRecord,
  type Department,
  type Notification,
  type SqliteDatabase,
  type SqliteOutbox,
} from '@enplan/lib';
import { SEEDED_CHANGE } from './planChangeEvents';
import type {
  ChangeAuthor,
  ChangeContent,
  FindingCandidateRecord,
  JointPlanRecord,
  PlanChangeRecord,
  PlanRequestRecord,
} from './planModel';
import {
  AlreadyOpenError,
  candidateFromRow,
  changeColumns,
  changeFromRow,
  planFromDocument,
  requestFromRow,
  RequestNotPendingError,
  SEEDER,
  StaleVersionError,
  type CandidateRow,
  type ChangeRow,
  type InboxPlanChange,
  type PlanChangeInput,
  type PlanStore,
  type RequestAnswer,
  type RequestRow,
} from './PlanStore';

/** SQLite names the columns of the unique index that refused a row (schema.ts, version 2). */
function alreadyOpen(error: unknown): AlreadyOpenError | undefined {
  // Not `instanceof Error`: node:sqlite's errors may come from another realm (e.g. under jest).
  const message = String((error as { message?: unknown } | undefined)?.message ?? '');
  if (message.includes('UNIQUE constraint failed: joint_plans.cpr')) return new AlreadyOpenError('plan');
  if (message.includes('UNIQUE constraint failed: plan_requests.cpr')) return new AlreadyOpenError('request');
  return undefined;
}

/**
 * The plan store on the subgraph's SQLite file (migrated by openPlanDatabase), the embedded
 * default: one process writes. Each method is one synchronous transaction, so no other request's
 * statements can run inside it.
 */
export class SqlitePlanStore implements PlanStore {
  private readonly statements;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly outbox: SqliteOutbox,
  ) {
    this.statements = {
      current: db.prepare('SELECT document FROM joint_plans WHERE cpr = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
      // The newest plan of each citizen in a JSON array of CPRs, in one statement.
      currentOfMany: db.prepare(
        `SELECT cpr, document FROM (SELECT cpr, document,
           row_number() OVER (PARTITION BY cpr ORDER BY created_at DESC, rowid DESC) AS newest
           FROM joint_plans WHERE cpr IN (SELECT value FROM json_each(?))) WHERE newest = 1`,
      ),
      coordinatedBy: db.prepare(
        `SELECT p.document FROM joint_plans p WHERE p.coordinating_caseworker_id = ? AND p.status != 'ENDED'
         AND p.created_at = (SELECT MAX(created_at) FROM joint_plans q WHERE q.cpr = p.cpr) ORDER BY p.cpr`,
      ),
      assignedTo: db.prepare(
        `SELECT document FROM joint_plans WHERE status <> 'ENDED'
         AND id IN (SELECT plan_id FROM provider_assignments WHERE organisation = ?) ORDER BY cpr`,
      ),
      insertPlan: db.prepare(
        'INSERT INTO joint_plans VALUES (@id, @cpr, @version, @status, @coordinatingCaseworkerId, @document, @createdAt)',
      ),
      updatePlan: db.prepare(
        `UPDATE joint_plans SET version = @version, status = @status, coordinating_caseworker_id = @coordinatingCaseworkerId,
         document = @document WHERE id = @id AND version = @expectedVersion`,
      ),
      versionOf: db.prepare('SELECT version FROM joint_plans WHERE id = ?'),
      insertChange: db.prepare('INSERT INTO plan_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      history: db.prepare('SELECT * FROM plan_changes WHERE plan_id = ? ORDER BY version DESC'),
      caseworker: db.prepare('SELECT id, name, department, phone FROM caseworkers WHERE id = ?'),
      caseworkers: db.prepare('SELECT id, name, department, phone FROM caseworkers ORDER BY department, name'),
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
      leftOut: db.prepare(
        `SELECT value AS cpr FROM json_each(?) WHERE value IN (SELECT cpr FROM joint_plans WHERE status <> 'ENDED')
         OR value IN (SELECT cpr FROM plan_requests WHERE status = 'PENDING') OR value IN (SELECT cpr FROM finding_opt_outs)`,
      ),
      optedOut: db.prepare('SELECT 1 FROM finding_opt_outs WHERE cpr = ?'),
      optOut: db.prepare('INSERT OR IGNORE INTO finding_opt_outs VALUES (?, ?)'),
      optIn: db.prepare('DELETE FROM finding_opt_outs WHERE cpr = ?'),
      saveCandidate: db.prepare(
        `INSERT INTO finding_candidates VALUES (@id, @cpr, @departmentCount, @foundAt, NULL)
         ON CONFLICT(cpr) DO UPDATE SET department_count = excluded.department_count`,
      ),
      candidates: db.prepare('SELECT * FROM finding_candidates ORDER BY found_at, rowid'),
      invite: db.prepare('UPDATE finding_candidates SET invited_at = ? WHERE id = ? AND invited_at IS NULL RETURNING *'),
      deleteCandidates: db.prepare('DELETE FROM finding_candidates WHERE found_at < ?'),
    };
  }

  async currentPlan(cpr: string): Promise<JointPlanRecord | undefined> {
    return this.current(cpr);
  }

  async currentPlans(cprs: readonly string[]): Promise<Map<string, JointPlanRecord>> {
    const rows = this.statements.currentOfMany.all(JSON.stringify([...new Set(cprs)])) as Array<{
      cpr: string;
      document: string;
    }>;
    return new Map(rows.map((row) => [row.cpr, planFromDocument(row)]));
  }

  async plansCoordinatedBy(caseworkerId: string): Promise<JointPlanRecord[]> {
    return (this.statements.coordinatedBy.all(caseworkerId) as Array<{ document: string }>).map(planFromDocument);
  }

  async plansAssignedTo(organisation: string): Promise<JointPlanRecord[]> {
    return (this.statements.assignedTo.all(organisation) as Array<{ document: string }>).map(planFromDocument);
  }

  async create(
    plan: JointPlanRecord,
    author: ChangeAuthor,
    change: ChangeContent,
    also: { answer?: RequestAnswer; notify?: readonly Notification[] } = {},
  ): Promise<void> {
    try {
      inTransaction(this.db, () => {
        if (also.answer) this.answer(also.answer);
        this.insertPlan(plan, author, change);
        this.enqueue(also.notify);
      });
    } catch (error) {
      throw alreadyOpen(error) ?? error;
    }
  }

  async update(
    next: JointPlanRecord,
    expectedVersion: number,
    change: PlanChangeInput,
    notify?: readonly Notification[],
  ): Promise<void> {
    inTransaction(this.db, () => {
      this.updatePlan(next, expectedVersion, change);
      this.enqueue(notify);
    });
  }

  async history(planId: string): Promise<PlanChangeRecord[]> {
    return (this.statements.history.all(planId) as ChangeRow[]).map(changeFromRow);
  }

  async caseworker(id: string): Promise<CaseworkerRecord | undefined> {
    return this.statements.caseworker.get(id) as CaseworkerRecord | undefined;
  }

  async caseworkers(): Promise<CaseworkerRecord[]> {
    return this.statements.caseworkers.all() as unknown as CaseworkerRecord[];
  }

  async insertRequest(request: PlanRequestRecord, notify?: readonly Notification[]): Promise<void> {
    try {
      inTransaction(this.db, () => {
        this.statements.insertRequest.run({ ...request, departments: JSON.stringify(request.departments) });
        this.enqueue(notify);
      });
    } catch (error) {
      throw alreadyOpen(error) ?? error;
    }
  }

  async request(id: string): Promise<PlanRequestRecord | undefined> {
    const row = this.statements.request.get(id) as RequestRow | undefined;
    return row && requestFromRow(row);
  }

  async requestsOf(cpr: string): Promise<PlanRequestRecord[]> {
    return (this.statements.requestsOf.all(cpr) as RequestRow[]).map(requestFromRow);
  }

  async pendingRequestsFor(department: Department): Promise<PlanRequestRecord[]> {
    return (this.statements.pendingRequests.all() as RequestRow[])
      .map(requestFromRow)
      .filter((r) => r.departments.includes(department));
  }

  async answerRequest(answer: RequestAnswer, notify?: readonly Notification[]): Promise<void> {
    inTransaction(this.db, () => {
      this.answer(answer);
      this.enqueue(notify);
    });
  }

  async deliverToInbox(notification: Notification, onPlan?: InboxPlanChange): Promise<boolean> {
    return inTransaction(this.db, () => {
      const { changes } = this.statements.insertInbox.run(
        notification.id,
        notification.cpr,
        notification.createdAt,
        JSON.stringify(notification),
      );
      if (Number(changes) !== 1) return false;
      const plan = onPlan && this.current(notification.cpr);
      const changed = plan && onPlan(plan);
      if (changed) this.updatePlan(changed.next, plan.version, changed.change);
      return true;
    });
  }

  async inboxOf(cpr: string): Promise<Notification[]> {
    return (this.statements.inboxOf.all(cpr) as Array<{ notification: string }>).map(
      (r) => JSON.parse(r.notification) as Notification,
    );
  }

  async leftOutOfFinding(cprs: readonly string[]): Promise<Set<string>> {
    return new Set((this.statements.leftOut.all(JSON.stringify(cprs)) as Array<{ cpr: string }>).map((r) => r.cpr));
  }

  async findingOptOut(cpr: string): Promise<boolean> {
    return this.statements.optedOut.get(cpr) !== undefined;
  }

  async setFindingOptOut(cpr: string, optOut: boolean, at: number): Promise<void> {
    if (optOut) this.statements.optOut.run(cpr, at);
    else this.statements.optIn.run(cpr);
  }

  async saveCandidates(candidates: readonly FindingCandidateRecord[]): Promise<void> {
    inTransaction(this.db, () => {
      for (const c of candidates)
        this.statements.saveCandidate.run({ id: c.id, cpr: c.cpr, departmentCount: c.departmentCount, foundAt: c.foundAt });
    });
  }

  async candidates(): Promise<FindingCandidateRecord[]> {
    return (this.statements.candidates.all() as unknown as CandidateRow[]).map(candidateFromRow);
  }

  async inviteCandidate(
    id: string,
    at: number,
    invitation: (cpr: string) => Notification,
  ): Promise<FindingCandidateRecord | undefined> {
    return inTransaction(this.db, () => {
      const row = this.statements.invite.get(at, id) as CandidateRow | undefined;
      if (row) this.enqueue([invitation(row.cpr)]);
      return row && candidateFromRow(row);
    });
  }

  async deleteCandidatesFoundBefore(at: number): Promise<number> {
    return Number(this.statements.deleteCandidates.run(at).changes);
  }

  async seed(caseworkers: readonly CaseworkerRecord[], plans: Iterable<JointPlanRecord>): Promise<void> {
    inTransaction(this.db, () => {
      if (!isEmpty(this.db, 'joint_plans')) return;
      for (const caseworker of caseworkers) this.statements.insertCaseworker.run(caseworker);
      for (const plan of plans) this.insertPlan(plan, SEEDER, SEEDED_CHANGE);
    });
  }

  private current(cpr: string): JointPlanRecord | undefined {
    const row = this.statements.current.get(cpr) as { document: string } | undefined;
    return row && planFromDocument(row);
  }

  private insertPlan(plan: JointPlanRecord, author: ChangeAuthor, change: ChangeContent): void {
    this.statements.insertPlan.run({ ...plan, document: JSON.stringify(plan) });
    this.insertChange(plan.id, plan.version, { ...author, at: plan.createdAt, ...change });
  }

  private insertChange(planId: string, version: number, change: PlanChangeInput): void {
    const { at, actorId, actorName, actorDepartment } = change;
    this.statements.insertChange.run(planId, version, at, actorId, actorName, actorDepartment, ...changeColumns(change));
  }

  private updatePlan(next: JointPlanRecord, expectedVersion: number, change: PlanChangeInput): void {
    const { changes } = this.statements.updatePlan.run({ ...next, document: JSON.stringify(next), expectedVersion });
    if (Number(changes) !== 1) {
      throw new StaleVersionError((this.statements.versionOf.get(next.id) as { version: number } | undefined)?.version ?? 0);
    }
    this.insertChange(next.id, next.version, change);
  }

  private answer(answer: RequestAnswer): void {
    const { changes } = this.statements.answerRequest.run(answer.status, answer.declineReason, answer.at, answer.by, answer.id);
    if (Number(changes) !== 1) throw new RequestNotPendingError(answer.id);
  }

  private enqueue(notify: readonly Notification[] = []): void {
    for (const notification of notify) this.outbox.enqueue(notification, notification.createdAt);
  }
}
