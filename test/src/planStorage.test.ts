import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  CASEWORKERS,
  demoCaseworkers,
  NOTIFICATION_SUBJECTS,
  PERSONAS,
  type DatabaseLocation,
  type Notification,
  type NotificationKind,
} from '@enplan/lib';
import { openPlanDatabase, type PlanDatabase } from '@enplan/subgraph-plan/src/openPlanDatabase';
import type { JointPlanRecord, PlanRequestRecord } from '@enplan/subgraph-plan/src/planModel';
import {
  AlreadyOpenError,
  RequestNotPendingError,
  StaleVersionError,
  type PlanChangeInput,
} from '@enplan/subgraph-plan/src/PlanStore';
import { SQLITE_MIGRATIONS } from '@enplan/subgraph-plan/src/schema';
import { planSeed } from '@enplan/subgraph-plan/src/seed';
import { StorageBackends, type Sql } from './storageBackends';

const { peter, mette, jonas, lars, sofie, ali } = PERSONAS;
const { anna, bo } = CASEWORKERS;
const AT = Date.parse('2026-12-01T08:00:00.000Z');
const CHANNELS = ['inbox', 'digital-post'];

const backends = new StorageBackends('plans');
const BACKENDS = backends.list;
afterAll(() => backends.cleanUp());

const note = (cpr: string, kind: NotificationKind, id: string, createdAt = AT): Notification => ({
  id,
  cpr,
  kind,
  createdAt,
  subject: NOTIFICATION_SUBJECTS[kind],
  body: `${kind} for the test`,
  consentId: kind.startsWith('CONSENT') ? 'CON-000001' : null,
  receipt: null,
});

const ANNA = { actorId: anna.id, actorName: anna.name, actorDepartment: 'EMPLOYMENT' } as const;
const byAnna = (summary: string, at = AT): PlanChangeInput => ({ ...ANNA, at, summary });

const draftFor = (cpr: string, id: string): JointPlanRecord => ({
  id,
  cpr,
  version: 1,
  status: 'DRAFT',
  coordinatingCaseworkerId: bo.id,
  citizenGoals: [],
  agreements: [],
  meetings: [],
  nextFollowUp: null,
  endedReason: null,
  createdAt: AT,
});

const requestOf = (cpr: string, id: string): PlanRequestRecord => ({
  id,
  cpr,
  departments: ['EMPLOYMENT', 'SOCIAL'],
  requestedAt: AT,
  status: 'PENDING',
  declineReason: null,
  answeredAt: null,
  answeredBy: null,
});

describe.each(BACKENDS)('the plan store on $name', (backend) => {
  let database: PlanDatabase;
  let sql: () => Sql;
  let location: DatabaseLocation;
  const open = () => openPlanDatabase(location, CHANNELS);
  const store = () => database.store;
  /** What waits in the outbox, as (channel, notification id). */
  const queued = async () => (await database.outbox.pending(100)).map((e) => [e.channel, e.notification.id]);

  beforeEach(async () => {
    ({ location, sql } = await backend.create());
    database = await open();
    await store().seed(demoCaseworkers(), planSeed(0));
  });
  afterEach(() => database.close());

  describe('schema migrations and seeding', () => {
    it('opens the same database again without changing it, and seeds only once', async () => {
      await database.close();
      database = await open();
      await store().seed(demoCaseworkers(), planSeed(0));
      expect((await store().history(`PLAN-${peter.cpr}`)).map((c) => [c.version, c.actorId, c.summary, c.kind, c.facts])).toEqual(
        [[1, 'enplan-seed', 'The plan was made (demo data).', 'PLAN_IMPORTED', {}]],
      );
      expect((await store().plansCoordinatedBy(anna.id)).map((p) => p.cpr)).toEqual([peter.cpr, mette.cpr]);
      expect((await store().plansCoordinatedBy(bo.id)).map((p) => p.cpr)).toEqual([lars.cpr]);
      expect(await store().caseworker(anna.id)).toEqual(anna);
    });

    it('seeds the synthetic citizens too, each with a plan Anna coordinates and its first history entry', async () => {
      const fresh = await openPlanDatabase((await backend.create()).location, CHANNELS);
      try {
        await fresh.store.seed(demoCaseworkers(), planSeed(1_500));
        const coordinated = await fresh.store.plansCoordinatedBy(anna.id);
        expect(coordinated).toHaveLength(2 + 1_500);
        const last = coordinated.at(-1)!;
        expect(await fresh.store.currentPlan(last.cpr)).toEqual(last);
        expect((await fresh.store.history(last.id)).map((c) => [c.version, c.summary])).toEqual([
          [1, 'The plan was made (demo data).'],
        ]);
      } finally {
        await fresh.close();
      }
    });

    it('refuses to start on a database migrated by a newer release', async () => {
      await database.close();
      const db = sql();
      await db.exec("UPDATE schema_versions SET version = 99 WHERE component = 'plan'");
      await db.close();
      await expect(open()).rejects.toThrow(/the plan schema in this database is at version 99, newer than this release knows/);
      database = { close: async () => undefined } as PlanDatabase;
    });
  });

  describe('optimistic concurrency', () => {
    it('writes a change based on the current version, with its history entry and its notifications', async () => {
      const peterPlan = (await store().currentPlan(peter.cpr))!;
      const next = { ...peterPlan, version: 2, nextFollowUp: '2027-01-05' };
      await store().update(next, 1, byAnna('Next follow-up set to 2027-01-05.'), [
        note(peter.cpr, 'MEETING_SCHEDULED', 'NOTE-1'),
      ]);
      expect(await store().currentPlan(peter.cpr)).toEqual(next);
      expect((await store().history(peterPlan.id)).map((c) => [c.version, c.actorId, c.actorDepartment])).toEqual([
        [2, anna.id, 'EMPLOYMENT'],
        [1, 'enplan-seed', null],
      ]);
      expect(await queued()).toEqual([
        ['inbox', 'NOTE-1'],
        ['digital-post', 'NOTE-1'],
      ]);
    });

    it('refuses a change based on an old version: nothing written, no history entry, no notification', async () => {
      const peterPlan = (await store().currentPlan(peter.cpr))!;
      await store().update({ ...peterPlan, version: 2 }, 1, byAnna('first'));
      const stale = store().update({ ...peterPlan, version: 2, nextFollowUp: '2027-02-01' }, 1, byAnna('second'), [
        note(peter.cpr, 'PLAN_ENDED', 'NOTE-STALE'),
      ]);
      await expect(stale).rejects.toEqual(new StaleVersionError(2));
      await expect(stale).rejects.toMatchObject({ currentVersion: 2 });
      expect((await store().currentPlan(peter.cpr))!.nextFollowUp).toBe('2026-12-08');
      expect((await store().history(peterPlan.id)).map((c) => c.summary)).toEqual(['first', 'The plan was made (demo data).']);
      expect(await queued()).toEqual([]);
    });

    it('of 20 concurrent writers with the same expectedVersion exactly one wins', async () => {
      const plan = (await store().currentPlan(mette.cpr))!;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store().update({ ...plan, version: 2, nextFollowUp: `2027-01-${String(i + 1).padStart(2, '0')}` }, 1, byAnna(`w${i}`)),
        ),
      );
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual(
        Array.from({ length: 19 }, () => new StaleVersionError(2)),
      );
      const stored = (await store().currentPlan(mette.cpr))!;
      expect([stored.version, stored.nextFollowUp]).toEqual([2, `2027-01-${String(won[0]! + 1).padStart(2, '0')}`]);
      expect((await store().history(plan.id)).map((c) => [c.version, c.summary])).toEqual([
        [2, `w${won[0]}`],
        [1, 'The plan was made (demo data).'],
      ]);
    });
  });

  describe('the history', () => {
    it("keeps each change's kind and facts beside its English summary, and an older entry's summary alone", async () => {
      const plan = (await store().currentPlan(mette.cpr))!;
      const change = {
        kind: 'NEXT_FOLLOW_UP_SET',
        facts: { date: '2027-01-04' },
        summary: 'Next follow-up set to 2027-01-04.',
      } as const;
      await store().update({ ...plan, version: 2, nextFollowUp: '2027-01-04' }, 1, { ...ANNA, at: AT, ...change });
      await store().update({ ...plan, version: 3 }, 2, byAnna('written before kinds were kept'));
      expect(
        (await store().history(plan.id)).map(({ version, kind, facts, summary }) => ({ version, kind, facts, summary })),
      ).toEqual([
        { version: 3, kind: null, facts: null, summary: 'written before kinds were kept' },
        { version: 2, ...change },
        { version: 1, kind: 'PLAN_IMPORTED', facts: {}, summary: 'The plan was made (demo data).' },
      ]);
    });
  });

  describe("a provider's assigned plans (rule 12)", () => {
    it('lists the plans whose agreements are assigned to the organisation, as each write leaves them; never an ended one', async () => {
      const assignedTo = async (organisation: string) => (await store().plansAssignedTo(organisation)).map((p) => p.cpr);
      expect(await assignedTo('BOSTEDET_LAERKEHOEJ')).toEqual([peter.cpr]);
      expect(await assignedTo('ANOTHER_PROVIDER')).toEqual([]);

      const peters = (await store().currentPlan(peter.cpr))!;
      const unassigned = { ...peters, agreements: peters.agreements.map((a) => ({ ...a, provider: null })) };
      await store().update({ ...unassigned, version: 2 }, 1, byAnna('assignment ended'));
      expect(await assignedTo('BOSTEDET_LAERKEHOEJ')).toEqual([]);

      const mettes = (await store().currentPlan(mette.cpr))!;
      const provider = { organisation: 'ANOTHER_PROVIDER', assignedBy: 'SOCIAL', assignedAt: AT } as const;
      const agreement = {
        id: 'AGR-M9',
        what: 'Støttekontaktperson',
        responsibleDepartment: 'SOCIAL',
        dueDate: null,
        actionRef: null,
        provider,
      } as const;
      await store().update({ ...mettes, version: 2, agreements: [agreement] }, 1, byAnna('assigned'));
      expect(await assignedTo('ANOTHER_PROVIDER')).toEqual([mette.cpr]);
      await store().update({ ...mettes, version: 3, agreements: [agreement], status: 'ENDED' }, 2, byAnna('ended'));
      expect(await assignedTo('ANOTHER_PROVIDER')).toEqual([]);
    });
  });

  describe('creating plans', () => {
    it('refuses a second plan while one is not ended (the database keeps it, not only the caller); allows one after', async () => {
      await expect(store().create(draftFor(peter.cpr, 'PLAN-SECOND'), ANNA, { summary: 'again' })).rejects.toEqual(
        new AlreadyOpenError('plan'),
      );
      const peterPlan = (await store().currentPlan(peter.cpr))!;
      await store().update({ ...peterPlan, version: 2, status: 'ENDED', endedReason: 'done' }, 1, byAnna('ended'));
      const next = { ...draftFor(peter.cpr, 'PLAN-NEW'), createdAt: AT + 1_000 };
      await store().create(
        next,
        ANNA,
        { summary: 'new' },
        {
          notify: [note(peter.cpr, 'PLAN_CREATED', 'NOTE-NEW')],
        },
      );
      expect(await store().currentPlan(peter.cpr)).toEqual(next);
      // Read together (a caseload), each citizen's most recent plan; Jonas has none.
      const together = await store().currentPlans([peter.cpr, jonas.cpr, mette.cpr]);
      expect([...together].sort(([a], [b]) => a.localeCompare(b))).toEqual(
        [
          [peter.cpr, next],
          [mette.cpr, await store().currentPlan(mette.cpr)],
        ].sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
      expect((await store().plansCoordinatedBy(anna.id)).map((p) => p.cpr)).toEqual([mette.cpr]);
      expect((await store().plansCoordinatedBy(bo.id)).map((p) => p.cpr)).toEqual([lars.cpr, peter.cpr]);
      expect(await queued()).toEqual([
        ['inbox', 'NOTE-NEW'],
        ['digital-post', 'NOTE-NEW'],
      ]);
    });
  });

  describe("citizens' requests for one plan", () => {
    const author = { actorId: bo.id, actorName: bo.name, actorDepartment: 'SOCIAL' as const };

    it('one pending request per citizen; answered once; accepting creates the plan in the same transaction', async () => {
      await store().insertRequest(requestOf(jonas.cpr, 'REQ-1'), [note(jonas.cpr, 'PLAN_REQUESTED', 'NOTE-R1')]);
      await expect(store().insertRequest(requestOf(jonas.cpr, 'REQ-2'))).rejects.toEqual(new AlreadyOpenError('request'));
      expect((await store().pendingRequestsFor('SOCIAL')).map((r) => r.id)).toEqual(['REQ-1']);
      expect(await store().pendingRequestsFor('CHILDREN')).toEqual([]);

      const answer = { id: 'REQ-1', status: 'ACCEPTED' as const, declineReason: null, at: AT + 5, by: bo.id };
      await store().create(
        draftFor(jonas.cpr, 'PLAN-JONAS'),
        author,
        { summary: 'made' },
        {
          answer,
          notify: [note(jonas.cpr, 'PLAN_REQUEST_ANSWERED', 'NOTE-A'), note(jonas.cpr, 'PLAN_CREATED', 'NOTE-C')],
        },
      );
      expect(await store().request('REQ-1')).toEqual({
        ...requestOf(jonas.cpr, 'REQ-1'),
        status: 'ACCEPTED',
        answeredAt: AT + 5,
        answeredBy: bo.id,
      });
      expect(await store().pendingRequestsFor('SOCIAL')).toEqual([]);

      // A second answer (another caseworker a moment later): refused, and its plan is not created either.
      await expect(
        store().create(draftFor(lars.cpr, 'PLAN-X'), author, { summary: 'made' }, { answer: { ...answer, by: anna.id } }),
      ).rejects.toEqual(new RequestNotPendingError('REQ-1'));
      await expect(store().answerRequest({ ...answer, status: 'DECLINED', declineReason: 'no' })).rejects.toEqual(
        new RequestNotPendingError('REQ-1'),
      );
      expect((await store().currentPlan(lars.cpr))!.id).toBe(`PLAN-${lars.cpr}`);
      expect((await queued()).filter(([channel]) => channel === 'inbox').map(([, id]) => id)).toEqual([
        'NOTE-R1',
        'NOTE-A',
        'NOTE-C',
      ]);
      expect((await store().requestsOf(jonas.cpr)).map((r) => [r.id, r.status])).toEqual([['REQ-1', 'ACCEPTED']]);
    });
  });

  describe("the citizen's inbox", () => {
    const withdrawal = (plan: JointPlanRecord) =>
      plan.status === 'ENDED'
        ? undefined
        : {
            next: { ...plan, version: plan.version + 1 },
            change: {
              actorId: 'enplan-consent',
              actorName: 'Samtykkeservicen',
              actorDepartment: null,
              at: AT,
              summary: 'withdrawn',
            },
          };

    it('keeps a notification once, in the order things happened; a redelivery changes the plan no second time', async () => {
      const later = note(peter.cpr, 'CONSENT_WITHDRAWN', 'NOTE-W', AT + 10);
      expect(await store().deliverToInbox(later, withdrawal)).toBe(true);
      expect(await store().deliverToInbox(note(peter.cpr, 'CONSENT_GIVEN', 'NOTE-G', AT))).toBe(true);
      expect(await store().deliverToInbox(later, withdrawal)).toBe(false);
      expect((await store().inboxOf(peter.cpr)).map((n) => n.id)).toEqual(['NOTE-G', 'NOTE-W']);
      expect(await store().inboxOf(mette.cpr)).toEqual([]);
      expect((await store().history(`PLAN-${peter.cpr}`)).map((c) => [c.version, c.actorId])).toEqual([
        [2, 'enplan-consent'],
        [1, 'enplan-seed'],
      ]);
    });
  });

  describe('the candidate finder', () => {
    const DAY_MS = 86_400_000;
    const candidate = (cpr: string, id: string, foundAt = AT, departmentCount = 3) => ({
      id,
      cpr,
      departmentCount,
      foundAt,
      invitedAt: null,
    });

    it('leaves out a plan not ended, a pending request and "do not look for me", until the citizen takes it back', async () => {
      await store().insertRequest(requestOf(jonas.cpr, 'REQ-1'));
      await store().setFindingOptOut(sofie.cpr, true, AT);
      const everyone = [peter.cpr, mette.cpr, lars.cpr, jonas.cpr, sofie.cpr, ali.cpr];
      expect([...(await store().leftOutOfFinding(everyone))].sort()).toEqual(
        [peter.cpr, mette.cpr, lars.cpr, jonas.cpr, sofie.cpr].sort(),
      );
      expect(await store().findingOptOut(sofie.cpr)).toBe(true);
      await store().setFindingOptOut(sofie.cpr, false, AT + 1);
      await store().answerRequest({ id: 'REQ-1', status: 'DECLINED', declineReason: 'Not now', at: AT, by: bo.id });
      expect([...(await store().leftOutOfFinding([jonas.cpr, sofie.cpr, ali.cpr]))]).toEqual([]);
      expect(await store().findingOptOut(sofie.cpr)).toBe(false);
    });

    it('keeps a candidate once (first found, new count), invites once with the invitation in the outbox, and deletes after retention', async () => {
      await store().saveCandidates([candidate(jonas.cpr, 'CAND-1'), candidate(ali.cpr, 'CAND-2', AT + DAY_MS)]);
      await store().saveCandidates([candidate(jonas.cpr, 'CAND-3', AT + 2 * DAY_MS, 4)]);
      expect(await store().candidates()).toEqual([
        candidate(jonas.cpr, 'CAND-1', AT, 4),
        candidate(ali.cpr, 'CAND-2', AT + DAY_MS),
      ]);

      const invitation = (cpr: string) => note(cpr, 'FINDING_INVITATION', 'NOTE-INV', AT + 5);
      expect(await store().inviteCandidate('CAND-1', AT + 5, invitation)).toEqual({
        ...candidate(jonas.cpr, 'CAND-1', AT, 4),
        invitedAt: AT + 5,
      });
      expect(await store().inviteCandidate('CAND-1', AT + 6, invitation)).toBeUndefined();
      expect(await store().inviteCandidate('CAND-NONE', AT + 6, invitation)).toBeUndefined();
      expect(await queued()).toEqual(CHANNELS.map((channel) => [channel, 'NOTE-INV']));

      expect(await store().deleteCandidatesFoundBefore(AT + 1)).toBe(1);
      expect((await store().candidates()).map((c) => c.id)).toEqual(['CAND-2']);
    });
  });
});

describe('the plan store across releases and processes', () => {
  it('adopts a SQLite file made before schema versioning as it is, and adds what it lacks', async () => {
    const file = join(backends.dir, 'before-versioning.sqlite');
    const old = new DatabaseSync(file);
    old.exec(SQLITE_MIGRATIONS[0]!.sql);
    old.exec(`INSERT INTO caseworkers VALUES ('${bo.id}', '${bo.name}', 'SOCIAL', NULL)`);
    const plan = draftFor(lars.cpr, 'PLAN-OLD');
    old
      .prepare('INSERT INTO joint_plans VALUES (?, ?, 1, ?, ?, ?, ?)')
      .run(plan.id, plan.cpr, plan.status, plan.coordinatingCaseworkerId, JSON.stringify(plan), plan.createdAt);
    old.close();

    const database = await openPlanDatabase({ kind: 'sqlite', file }, CHANNELS);
    try {
      await database.store.seed(demoCaseworkers(), planSeed(0));
      expect(await database.store.currentPlan(lars.cpr)).toEqual(plan);
      expect(await database.store.currentPlan(peter.cpr)).toBeUndefined(); // not empty: no demo data on top
      await expect(database.store.create(draftFor(lars.cpr, 'PLAN-TWICE'), ANNA, { summary: 'again' })).rejects.toEqual(
        new AlreadyOpenError('plan'),
      );
    } finally {
      await database.close();
    }
    const check = new DatabaseSync(file);
    expect(check.prepare("SELECT version FROM schema_versions WHERE component = 'plan'").get()).toEqual({
      version: SQLITE_MIGRATIONS.length,
    });
    check.close();
  });

  it('on PostgreSQL, processes starting together migrate and seed once', async () => {
    const url = await (await backends.postgres()).createDatabase('together');
    const opened = await Promise.all([1, 2, 3].map(() => openPlanDatabase({ kind: 'postgres', url }, CHANNELS)));
    try {
      await Promise.all(opened.map((db) => db.store.seed(demoCaseworkers(), planSeed(10))));
      for (const db of opened) expect(await db.store.plansCoordinatedBy(anna.id)).toHaveLength(2 + 10);
      expect((await opened[0]!.store.history(`PLAN-${peter.cpr}`)).map((c) => c.version)).toEqual([1]);
    } finally {
      await Promise.all(opened.map((db) => db.close()));
    }
  });

  it('on PostgreSQL, processes sharing the outbox deliver one at a time: a second round waits for the next turn', async () => {
    const url = await (await backends.postgres()).createDatabase('outbox');
    const [a, b] = await Promise.all([
      openPlanDatabase({ kind: 'postgres', url }, CHANNELS),
      openPlanDatabase({ kind: 'postgres', url }, CHANNELS),
    ]);
    try {
      const rounds: string[] = [];
      await a!.outbox.deliveryRound(async () => {
        rounds.push('a');
        await b!.outbox.deliveryRound(async () => void rounds.push('b while a delivers'));
      });
      await b!.outbox.deliveryRound(async () => void rounds.push('b after a'));
      expect(rounds).toEqual(['a', 'b after a']);
    } finally {
      await Promise.all([a!.close(), b!.close()]);
    }
  });
});
