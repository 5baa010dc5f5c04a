import { demoCaseworkers, NOTIFICATION_SUBJECTS, PERSONAS, type Notification } from '@enplan/lib';
import type { AssessmentRecord, DecisionRecord } from '@enplan/subgraph-plan/src/course/courseModel';
import { openPlanDatabase, type PlanDatabase } from '@enplan/subgraph-plan/src/openPlanDatabase';
import { StaleVersionError } from '@enplan/subgraph-plan/src/PlanStore';
import { planSeed } from '@enplan/subgraph-plan/src/seed';
import { StorageBackends } from './storageBackends';

const { mette } = PERSONAS;
const PLAN = `PLAN-${mette.cpr}`;
const AT = Date.parse('2026-12-01T08:00:00.000Z');

const backends = new StorageBackends('course');
afterAll(() => backends.cleanUp());

const assessment = (version: number, text: string): AssessmentRecord => ({
  planId: PLAN,
  cpr: mette.cpr,
  version,
  entries: [
    {
      id: `ASM-${version}`,
      lifeArea: 'DAILY_LIFE',
      text,
      author: { actorId: mette.cpr, actorName: mette.name, actorDepartment: null },
      at: AT,
      replacedBy: null,
    },
  ],
});
const decision = (version: number): DecisionRecord => ({
  planId: PLAN,
  cpr: mette.cpr,
  version,
  id: 'DEC-1',
  status: 'ISSUED',
  draftedBy: { actorId: 'cw-emp-1', actorName: 'Anna Mortensen', actorDepartment: 'EMPLOYMENT' },
  draftedAt: AT,
  measures: [],
  issuedVersion: 1,
  issuedAt: AT,
  revisions: [],
});
const issued: Notification = {
  id: 'NOTE-DEC-1',
  cpr: mette.cpr,
  kind: 'DECISION_ISSUED',
  createdAt: AT,
  subject: NOTIFICATION_SUBJECTS.DECISION_ISSUED,
  body: 'Din samlede afgørelse.',
  consentId: null,
  receipt: null,
};

describe.each(backends.list)("a plan's course documents on $name", (backend) => {
  let database: PlanDatabase;
  beforeEach(async () => {
    database = await openPlanDatabase((await backend.create()).location, ['inbox']);
    await database.store.seed(demoCaseworkers(), planSeed(0));
  });
  afterEach(() => database.close());

  it('keeps one versioned document per plan and kind: the first write must find none, a stale one is refused', async () => {
    await database.course.write([{ kind: 'assessment', expectedVersion: 0, document: assessment(1, 'Jeg kan godt.') }]);
    await expect(
      database.course.write([{ kind: 'assessment', expectedVersion: 0, document: assessment(1, 'Igen.') }]),
    ).rejects.toEqual(new StaleVersionError(1));
    await database.course.write([{ kind: 'assessment', expectedVersion: 1, document: assessment(2, 'Med pauser.') }]);
    await expect(
      database.course.write([{ kind: 'assessment', expectedVersion: 1, document: assessment(2, 'For sent.') }]),
    ).rejects.toEqual(new StaleVersionError(2));
    expect(await database.course.read(PLAN, 'assessment')).toEqual(assessment(2, 'Med pauser.'));
    expect(await database.course.read(PLAN, 'decision')).toBeUndefined();
  });

  it('writes several documents and their notifications together, or nothing when one is stale', async () => {
    await database.course.write([{ kind: 'assessment', expectedVersion: 0, document: assessment(1, 'Jeg kan godt.') }]);
    await expect(
      database.course.write(
        [
          { kind: 'decision', expectedVersion: 0, document: decision(1) },
          { kind: 'assessment', expectedVersion: 5, document: assessment(6, 'Stale.') },
        ],
        [issued],
      ),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect(await database.course.read(PLAN, 'decision')).toBeUndefined();
    expect(await database.outbox.pending(10)).toEqual([]);

    await database.course.write([{ kind: 'decision', expectedVersion: 0, document: decision(1) }], [issued]);
    expect(await database.course.read(PLAN, 'decision')).toEqual(decision(1));
    expect((await database.outbox.pending(10)).map((e) => [e.channel, e.notification.id])).toEqual([['inbox', 'NOTE-DEC-1']]);
  });
});
