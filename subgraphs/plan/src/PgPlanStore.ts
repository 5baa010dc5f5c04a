import {
  inPgTransaction,
  type CaseworkerRecord,
  type Department,
  type Notification,
  type PgClient,
  type PgOutbox,
  type PgPool,
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

const SQL = {
  current: 'SELECT document FROM joint_plans WHERE cpr = $1 ORDER BY created_at DESC, seq DESC LIMIT 1',
  currentOfMany: `SELECT DISTINCT ON (cpr) cpr, document FROM joint_plans WHERE cpr = ANY($1::text[])
    ORDER BY cpr, created_at DESC, seq DESC`,
  assignedTo: `SELECT document FROM joint_plans WHERE status <> 'ENDED'
    AND id IN (SELECT plan_id FROM provider_assignments WHERE organisation = $1) ORDER BY cpr`,
  coordinatedBy: `SELECT p.document FROM joint_plans p WHERE p.coordinating_caseworker_id = $1 AND p.status <> 'ENDED'
    AND p.created_at = (SELECT MAX(created_at) FROM joint_plans q WHERE q.cpr = p.cpr) ORDER BY p.cpr`,
  insertPlan: `INSERT INTO joint_plans (id, cpr, version, status, coordinating_caseworker_id, document, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  // Under READ COMMITTED a second writer waits for the first one's row lock, then re-checks the
  // version against the committed row: of writers with the same expectedVersion, exactly one matches.
  updatePlan: `UPDATE joint_plans SET version = $1, status = $2, coordinating_caseworker_id = $3, document = $4
    WHERE id = $5 AND version = $6`,
  versionOf: 'SELECT version FROM joint_plans WHERE id = $1',
  insertChange: 'INSERT INTO plan_changes VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
  history: 'SELECT * FROM plan_changes WHERE plan_id = $1 ORDER BY version DESC',
  caseworker: 'SELECT id, name, department, phone FROM caseworkers WHERE id = $1',
  caseworkers: 'SELECT id, name, department, phone FROM caseworkers ORDER BY department, name',
  insertCaseworker: 'INSERT INTO caseworkers VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
  insertRequest: `INSERT INTO plan_requests (id, cpr, departments, requested_at, status, decline_reason, answered_at, answered_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  request: 'SELECT * FROM plan_requests WHERE id = $1',
  requestsOf: 'SELECT * FROM plan_requests WHERE cpr = $1 ORDER BY requested_at DESC, seq DESC',
  pendingRequests: "SELECT * FROM plan_requests WHERE status = 'PENDING' ORDER BY requested_at, seq",
  answerRequest: `UPDATE plan_requests SET status = $1, decline_reason = $2, answered_at = $3, answered_by = $4
    WHERE id = $5 AND status = 'PENDING'`,
  insertInbox: 'INSERT INTO inbox (id, cpr, created_at, notification) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
  inboxOf: 'SELECT notification FROM inbox WHERE cpr = $1 ORDER BY created_at, received_seq',
  seedPlans: `INSERT INTO joint_plans (id, cpr, version, status, coordinating_caseworker_id, document, created_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[])`,
  seedChanges: `INSERT INTO plan_changes SELECT plan_id, version, at, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text
    FROM unnest($1::text[], $2::int[], $3::bigint[]) AS seeded(plan_id, version, at)`,
  leftOut: `SELECT c AS cpr FROM unnest($1::text[]) AS c WHERE
    EXISTS (SELECT 1 FROM joint_plans WHERE cpr = c AND status <> 'ENDED')
    OR EXISTS (SELECT 1 FROM plan_requests WHERE cpr = c AND status = 'PENDING')
    OR EXISTS (SELECT 1 FROM finding_opt_outs WHERE cpr = c)`,
  optedOut: 'SELECT 1 FROM finding_opt_outs WHERE cpr = $1',
  optOut: 'INSERT INTO finding_opt_outs VALUES ($1, $2) ON CONFLICT (cpr) DO NOTHING',
  optIn: 'DELETE FROM finding_opt_outs WHERE cpr = $1',
  saveCandidates: `INSERT INTO finding_candidates (id, cpr, department_count, found_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[])
    ON CONFLICT (cpr) DO UPDATE SET department_count = excluded.department_count`,
  candidates: 'SELECT * FROM finding_candidates ORDER BY found_at, id',
  invite: 'UPDATE finding_candidates SET invited_at = $1 WHERE id = $2 AND invited_at IS NULL RETURNING *',
  deleteCandidates: 'DELETE FROM finding_candidates WHERE found_at < $1',
} as const;

/** Plans per statement when seeding: a round trip per thousand plans, not two per plan (30,000 synthetic citizens). */
const SEED_BATCH = 1_000;

const OPEN_INDEXES: Readonly<Record<string, AlreadyOpenError['what']>> = {
  joint_plans_one_open_per_citizen: 'plan',
  plan_requests_one_pending_per_citizen: 'request',
};

/** A unique violation (23505) of one of the indexes that keep one open plan and one pending request per citizen. */
function alreadyOpen(error: unknown): AlreadyOpenError | undefined {
  const { code, constraint } = error as { code?: string; constraint?: string };
  const what = code === '23505' && constraint ? OPEN_INDEXES[constraint] : undefined;
  return what && new AlreadyOpenError(what);
}

/**
 * The plan store on PostgreSQL (schema.ts), shared by several plan-subgraph processes. Each method
 * that writes is one transaction on one client from the pool; optimistic concurrency is the
 * version check inside the UPDATE, so it holds across processes.
 */
export class PgPlanStore implements PlanStore {
  constructor(
    private readonly pool: PgPool,
    private readonly outbox: PgOutbox,
  ) {}

  async currentPlan(cpr: string): Promise<JointPlanRecord | undefined> {
    return current(this.pool, cpr);
  }

  async currentPlans(cprs: readonly string[]): Promise<Map<string, JointPlanRecord>> {
    const { rows } = await this.pool.query<{ cpr: string; document: string }>(SQL.currentOfMany, [cprs]);
    return new Map(rows.map((row) => [row.cpr, planFromDocument(row)]));
  }

  async plansCoordinatedBy(caseworkerId: string): Promise<JointPlanRecord[]> {
    const { rows } = await this.pool.query<{ document: string }>(SQL.coordinatedBy, [caseworkerId]);
    return rows.map(planFromDocument);
  }

  async plansAssignedTo(organisation: string): Promise<JointPlanRecord[]> {
    const { rows } = await this.pool.query<{ document: string }>(SQL.assignedTo, [organisation]);
    return rows.map(planFromDocument);
  }

  async create(
    plan: JointPlanRecord,
    author: ChangeAuthor,
    change: ChangeContent,
    also: { answer?: RequestAnswer; notify?: readonly Notification[] } = {},
  ): Promise<void> {
    try {
      await inPgTransaction(this.pool, async (client) => {
        if (also.answer) await answer(client, also.answer);
        await insertPlan(client, plan, author, change);
        await this.enqueue(client, also.notify);
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
    await inPgTransaction(this.pool, async (client) => {
      await updatePlan(client, next, expectedVersion, change);
      await this.enqueue(client, notify);
    });
  }

  async history(planId: string): Promise<PlanChangeRecord[]> {
    const { rows } = await this.pool.query<ChangeRow>(SQL.history, [planId]);
    return rows.map(changeFromRow);
  }

  async caseworker(id: string): Promise<CaseworkerRecord | undefined> {
    const { rows } = await this.pool.query<CaseworkerRecord>(SQL.caseworker, [id]);
    return rows[0];
  }

  async caseworkers(): Promise<CaseworkerRecord[]> {
    return (await this.pool.query<CaseworkerRecord>(SQL.caseworkers)).rows;
  }

  async insertRequest(request: PlanRequestRecord, notify?: readonly Notification[]): Promise<void> {
    try {
      await inPgTransaction(this.pool, async (client) => {
        await client.query(SQL.insertRequest, [
          request.id,
          request.cpr,
          JSON.stringify(request.departments),
          request.requestedAt,
          request.status,
          request.declineReason,
          request.answeredAt,
          request.answeredBy,
        ]);
        await this.enqueue(client, notify);
      });
    } catch (error) {
      throw alreadyOpen(error) ?? error;
    }
  }

  async request(id: string): Promise<PlanRequestRecord | undefined> {
    const { rows } = await this.pool.query<RequestRow>(SQL.request, [id]);
    return rows[0] && requestFromRow(rows[0]);
  }

  async requestsOf(cpr: string): Promise<PlanRequestRecord[]> {
    const { rows } = await this.pool.query<RequestRow>(SQL.requestsOf, [cpr]);
    return rows.map(requestFromRow);
  }

  async pendingRequestsFor(department: Department): Promise<PlanRequestRecord[]> {
    const { rows } = await this.pool.query<RequestRow>(SQL.pendingRequests);
    return rows.map(requestFromRow).filter((r) => r.departments.includes(department));
  }

  async answerRequest(answered: RequestAnswer, notify?: readonly Notification[]): Promise<void> {
    await inPgTransaction(this.pool, async (client) => {
      await answer(client, answered);
      await this.enqueue(client, notify);
    });
  }

  async deliverToInbox(notification: Notification, onPlan?: InboxPlanChange): Promise<boolean> {
    return inPgTransaction(this.pool, async (client) => {
      const inserted = await client.query(SQL.insertInbox, [
        notification.id,
        notification.cpr,
        notification.createdAt,
        JSON.stringify(notification),
      ]);
      if (inserted.rowCount !== 1) return false;
      const plan = onPlan && (await current(client, notification.cpr));
      const changed = plan && onPlan(plan);
      if (changed) await updatePlan(client, changed.next, plan.version, changed.change);
      return true;
    });
  }

  async inboxOf(cpr: string): Promise<Notification[]> {
    const { rows } = await this.pool.query<{ notification: string }>(SQL.inboxOf, [cpr]);
    return rows.map((r) => JSON.parse(r.notification) as Notification);
  }

  async leftOutOfFinding(cprs: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ cpr: string }>(SQL.leftOut, [cprs]);
    return new Set(rows.map((r) => r.cpr));
  }

  async findingOptOut(cpr: string): Promise<boolean> {
    return ((await this.pool.query(SQL.optedOut, [cpr])).rowCount ?? 0) > 0;
  }

  async setFindingOptOut(cpr: string, optOut: boolean, at: number): Promise<void> {
    await (optOut ? this.pool.query(SQL.optOut, [cpr, at]) : this.pool.query(SQL.optIn, [cpr]));
  }

  async saveCandidates(candidates: readonly FindingCandidateRecord[]): Promise<void> {
    const column = <T>(value: (c: FindingCandidateRecord) => T) => candidates.map(value);
    await this.pool.query(SQL.saveCandidates, [
      column((c) => c.id),
      column((c) => c.cpr),
      column((c) => c.departmentCount),
      column((c) => c.foundAt),
    ]);
  }

  async candidates(): Promise<FindingCandidateRecord[]> {
    const { rows } = await this.pool.query<CandidateRow>(SQL.candidates);
    return rows.map(candidateFromRow);
  }

  async inviteCandidate(
    id: string,
    at: number,
    invitation: (cpr: string) => Notification,
  ): Promise<FindingCandidateRecord | undefined> {
    return inPgTransaction(this.pool, async (client) => {
      const { rows } = await client.query<CandidateRow>(SQL.invite, [at, id]);
      if (rows[0]) await this.enqueue(client, [invitation(rows[0].cpr)]);
      return rows[0] && candidateFromRow(rows[0]);
    });
  }

  async deleteCandidatesFoundBefore(at: number): Promise<number> {
    return (await this.pool.query(SQL.deleteCandidates, [at])).rowCount ?? 0;
  }

  async seed(caseworkers: readonly CaseworkerRecord[], plans: Iterable<JointPlanRecord>): Promise<void> {
    await inPgTransaction(this.pool, async (client) => {
      // Processes started together seed once: the first takes the lock, the others find plans.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('enplan plan seed'))");
      if ((await client.query('SELECT 1 FROM joint_plans LIMIT 1')).rowCount !== 0) return;
      for (const c of caseworkers) await client.query(SQL.insertCaseworker, [c.id, c.name, c.department, c.phone]);
      let batch: JointPlanRecord[] = [];
      for (const plan of plans) {
        batch.push(plan);
        if (batch.length === SEED_BATCH) {
          await seedBatch(client, batch);
          batch = [];
        }
      }
      if (batch.length > 0) await seedBatch(client, batch);
    });
  }

  private async enqueue(client: PgClient, notify: readonly Notification[] = []): Promise<void> {
    for (const notification of notify) await this.outbox.enqueue(client, notification, notification.createdAt);
  }
}

type Queryable = Pick<PgClient, 'query'>;

async function current(db: Queryable, cpr: string): Promise<JointPlanRecord | undefined> {
  const { rows } = await db.query<{ document: string }>(SQL.current, [cpr]);
  return rows[0] && planFromDocument(rows[0]);
}

async function insertPlan(client: PgClient, plan: JointPlanRecord, author: ChangeAuthor, change: ChangeContent): Promise<void> {
  await client.query(SQL.insertPlan, [
    plan.id,
    plan.cpr,
    plan.version,
    plan.status,
    plan.coordinatingCaseworkerId,
    JSON.stringify(plan),
    plan.createdAt,
  ]);
  await insertChange(client, plan.id, plan.version, { ...author, at: plan.createdAt, ...change });
}

async function seedBatch(client: PgClient, plans: readonly JointPlanRecord[]): Promise<void> {
  const column = <T>(value: (plan: JointPlanRecord) => T) => plans.map(value);
  const ids = column((p) => p.id);
  const versions = column((p) => p.version);
  const createdAt = column((p) => p.createdAt);
  await client.query(SQL.seedPlans, [
    ids,
    column((p) => p.cpr),
    versions,
    column((p) => p.status),
    column((p) => p.coordinatingCaseworkerId),
    column((p) => JSON.stringify(p)),
    createdAt,
  ]);
  const { actorId, actorName, actorDepartment } = SEEDER;
  await client.query(SQL.seedChanges, [
    ids,
    versions,
    createdAt,
    actorId,
    actorName,
    actorDepartment,
    ...changeColumns(SEEDED_CHANGE),
  ]);
}

async function updatePlan(client: PgClient, next: JointPlanRecord, expectedVersion: number, change: PlanChangeInput) {
  const updated = await client.query(SQL.updatePlan, [
    next.version,
    next.status,
    next.coordinatingCaseworkerId,
    JSON.stringify(next),
    next.id,
    expectedVersion,
  ]);
  if (updated.rowCount !== 1) {
    const { rows } = await client.query<{ version: number }>(SQL.versionOf, [next.id]);
    throw new StaleVersionError(rows[0]?.version ?? 0);
  }
  await insertChange(client, next.id, next.version, change);
}

async function insertChange(client: PgClient, planId: string, version: number, change: PlanChangeInput): Promise<void> {
  await client.query(SQL.insertChange, [
    planId,
    version,
    change.at,
    change.actorId,
    change.actorName,
    change.actorDepartment,
    ...changeColumns(change),
  ]);
}

async function answer(client: PgClient, answered: RequestAnswer): Promise<void> {
  const result = await client.query(SQL.answerRequest, [
    answered.status,
    answered.declineReason,
    answered.at,
    answered.by,
    answered.id,
  ]);
  if (result.rowCount !== 1) throw new RequestNotPendingError(answered.id);
}
