import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres, PERSONAS, type PgPool } from '@enplan/lib';
import type { RunningGateway } from '@enplan/gateway/src/server';
import { graphql, TestFederation, tokenFor, type GraphQLResult } from './federation';
import { PostgresServer } from './postgresServer';
import { eventually, startAnotherGateway } from './redisTestSupport';
import { ServiceProcess } from './serviceProcesses';

const { peter, jonas } = PERSONAS;
const ROUNDS = 5;
const WRITERS = 20;

const VERSION = 'query PlanVersion($cpr: ID!) { citizen(cpr: $cpr) { plan { joint { version nextFollowUp } } } }';
const HISTORY =
  'query PlanHistory($cpr: ID!) { citizen(cpr: $cpr) { plan { joint { history { version actorName summary } } } } }';
const REQUEST = 'mutation RequestOnePlan { requestOnePlan(departments: [EMPLOYMENT, SOCIAL]) { id } }';
const ANSWER = 'mutation AnswerPlanRequest($id: ID!) { answerPlanRequest(id: $id, accept: true) { status } }';
const GIVE_CONSENT = 'mutation GiveConsent($input: GiveConsentInput!) { giveConsent(input: $input) { status } }';
const FOLLOW_UP = `mutation SetNextFollowUp($cpr: ID!, $expectedVersion: Int!, $date: String!) {
  setNextFollowUp(cpr: $cpr, expectedVersion: $expectedVersion, date: $date) { version nextFollowUp } }`;

/**
 * Optimistic concurrency across processes (issue #15): two plan-subgraph processes, started from the
 * build as in production, on one PostgreSQL, each behind a gateway of its own. Anna and Bo save
 * changes to Peter's plan at the same instant, all based on the version they read: in each round
 * exactly one change is saved and every other writer gets CONFLICT, and the plan's version and its
 * history stay one unbroken sequence whichever process wrote.
 */
describe('two plan-subgraph processes on one PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-plan-processes-'));
  let postgres: PostgresServer;
  let federation: TestFederation;
  const processes: ServiceProcess[] = [];
  const gateways: RunningGateway[] = [];
  let sql: PgPool;

  const as = async (who: string, gateway: RunningGateway, query: string, variables: Record<string, unknown>) =>
    graphql<any>(gateway.url, query, { token: await tokenFor(who), variables });

  beforeAll(async () => {
    postgres = await PostgresServer.start();
    const databaseUrl = await postgres.createDatabase('plans');
    federation = await TestFederation.start({ planDatabaseUrl: databaseUrl });
    for (const name of ['plan-a', 'plan-b']) {
      const plan = ServiceProcess.start(name, 'subgraphs/plan/dist/index.js', {
        PORT: '0',
        METRICS_PORT: '0',
        DATA_DIR: dataDir,
        SYNTHETIC_CITIZENS: '0',
        DATABASE_URL: databaseUrl,
        CONSENT_URL: new URL(federation.subgraphs.get('consent')!.url).origin,
        GATEWAY_JWKS: federation.gatewayKeys.jwksFile,
      });
      processes.push(plan);
      const { port } = await plan.waitForLog('subgraph listening');
      gateways.push(await startAnotherGateway(federation, { SUBGRAPH_URL_PLAN: `http://127.0.0.1:${String(port)}/graphql` }));
    }
    sql = openPostgres(databaseUrl, { max: 1 });
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(gateways.map((g) => g.stop()));
    await Promise.all(processes.map((p) => p.stop()));
    await federation?.stop();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`in each of ${ROUNDS} rounds, of ${WRITERS} writers on the same version across both processes exactly one is saved`, async () => {
    const [gatewayA, gatewayB] = gateways as [RunningGateway, RunningGateway];
    const start = (await as('cw-emp-1', gatewayA, VERSION, { cpr: peter.cpr })).data.citizen.plan.joint.version as number;
    const saved: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const expectedVersion = start + round;
      const results: GraphQLResult<any>[] = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) =>
          as(i % 4 < 2 ? 'cw-emp-1' : 'cw-soc-1', i % 2 === 0 ? gatewayA : gatewayB, FOLLOW_UP, {
            cpr: peter.cpr,
            expectedVersion,
            date: `2027-0${round + 1}-${String(i + 1).padStart(2, '0')}`,
          }),
        ),
      );
      const wins = results.filter((r) => r.data?.setNextFollowUp);
      expect(wins.map((r) => r.data.setNextFollowUp.version)).toEqual([expectedVersion + 1]);
      saved.push(wins[0]!.data.setNextFollowUp.nextFollowUp as string);
      const refusals = results.filter((r) => !r.data?.setNextFollowUp).map((r) => r.errors?.map((e) => e.extensions));
      expect(refusals).toEqual(
        Array.from({ length: WRITERS - 1 }, () => [
          expect.objectContaining({ code: 'CONFLICT', expectedVersion, currentVersion: expectedVersion + 1 }),
        ]),
      );
    }

    const end = start + ROUNDS;
    // Every process reads the same plan: the last round's saved change, at the version after all rounds.
    for (const gateway of [gatewayA, gatewayB, federation.gateway]) {
      expect((await as('cw-soc-1', gateway, VERSION, { cpr: peter.cpr })).data.citizen.plan.joint).toEqual({
        version: end,
        nextFollowUp: saved.at(-1),
      });
    }
    const { rows: plans } = await sql.query<{ version: number; document: string }>(
      'SELECT version, document FROM joint_plans WHERE cpr = $1',
      [peter.cpr],
    );
    expect(plans.map((p) => [p.version, (JSON.parse(p.document) as { version: number }).version])).toEqual([[end, end]]);
    const { rows: changes } = await sql.query<{ version: number; summary: string }>(
      'SELECT version, summary FROM plan_changes WHERE plan_id = $1 ORDER BY version',
      [`PLAN-${peter.cpr}`],
    );
    expect(changes.map((c) => c.version)).toEqual(Array.from({ length: end }, (_, i) => i + 1));
    expect(changes.slice(start).map((c) => c.summary)).toEqual(saved.map((date) => `Next follow-up set to ${date}.`));
    const history = (await as('cw-emp-1', gatewayB, HISTORY, { cpr: peter.cpr })).data.citizen.plan.joint.history;
    expect(history.map((h: { version: number }) => h.version)).toEqual(changes.map((c) => c.version).reverse());
  }, 60_000);

  it('Jonas asks twice at once, through both processes: one request; Anna and Bo accept it at once: one plan, accepted once', async () => {
    const [gatewayA, gatewayB] = gateways as [RunningGateway, RunningGateway];
    const asked = await Promise.all([gatewayA, gatewayB].map((g) => as(jonas.cpr, g, REQUEST, {})));
    const requestIds = asked.flatMap((r) => (r.data?.requestOnePlan ? [r.data.requestOnePlan.id as string] : []));
    expect(requestIds).toHaveLength(1);
    expect(asked.flatMap((r) => r.errors?.map((e) => [e.extensions?.code, e.message]) ?? [])).toEqual([
      ['BAD_USER_INPUT', 'You already have a request for one plan waiting for an answer.'],
    ]);

    const consent = await as('cw-emp-1', gatewayA, GIVE_CONSENT, {
      input: {
        cpr: jonas.cpr,
        validUntil: new Date(Date.now() + 180 * 86_400_000).toISOString(),
        evidenceMethod: 'WRITTEN',
        documentRef: 'ESDH-2026-JONAS-SAMTYKKE',
        provisions: [
          {
            effect: 'PERMIT',
            ownerDepartments: ['EMPLOYMENT', 'SOCIAL'],
            recipientDepartments: ['EMPLOYMENT', 'SOCIAL'],
            categories: ['CASE', 'PLAN'],
          },
        ],
      },
    });
    expect(consent.data.giveConsent).toEqual({ status: 'ACTIVE' });

    const answers = await Promise.all(
      [
        ['cw-emp-1', gatewayA],
        ['cw-soc-1', gatewayB],
        ['cw-emp-1', gatewayB],
        ['cw-soc-1', gatewayA],
      ].map(([who, gateway]) => as(who as string, gateway as RunningGateway, ANSWER, { id: requestIds[0] })),
    );
    expect(answers.filter((r) => r.data?.answerPlanRequest).map((r) => r.data.answerPlanRequest)).toEqual([
      { status: 'ACCEPTED' },
    ]);
    // The losers read the request after or before the winner committed: either way a client error, and nothing written.
    for (const refused of answers.filter((r) => !r.data?.answerPlanRequest)) {
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(['No open request with that id for your department.', 'The citizen already has a one plan.']).toContain(
        refused.errors![0]!.message,
      );
    }
    const { rows: plans } = await sql.query('SELECT version, status FROM joint_plans WHERE cpr = $1', [jonas.cpr]);
    expect(plans).toEqual([{ version: 1, status: 'DRAFT' }]);
    const { rows: requests } = await sql.query('SELECT status FROM plan_requests WHERE cpr = $1', [jonas.cpr]);
    expect(requests).toEqual([{ status: 'ACCEPTED' }]);
    const { rows: notified } = await sql.query<{ kind: string }>(
      "SELECT notification::json->>'kind' AS kind FROM plan_outbox WHERE channel = 'inbox' AND notification::json->>'cpr' = $1 ORDER BY seq",
      [jonas.cpr],
    );
    expect(notified.map((n) => n.kind)).toEqual(['PLAN_REQUESTED', 'PLAN_REQUEST_ANSWERED', 'PLAN_CREATED']);
    // Three processes relay from one outbox, taking turns: each message reaches the inbox in one attempt, none twice.
    const attempts = async () =>
      (
        await sql.query<{ attempts: number; delivered: boolean }>(
          'SELECT attempts, delivered_at IS NOT NULL AS delivered FROM plan_outbox',
        )
      ).rows;
    const delivered = await eventually(attempts, (rows) => rows.every((r) => r.delivered));
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.filter((r) => !r.delivered || r.attempts !== 1)).toEqual([]);
  }, 30_000);

  it('with PostgreSQL down, the joint part is withheld as the plan system unavailable, the departments still answer; both processes serve again once it is back', async () => {
    const [gatewayA, gatewayB] = gateways as [RunningGateway, RunningGateway];
    const READ = 'query CitizenPlan($cpr: ID!) { citizen(cpr: $cpr) { plan { joint { version } employment { nextFollowUp } } } }';
    const before = (await as('cw-emp-1', gatewayA, READ, { cpr: peter.cpr })).data.citizen.plan.joint.version as number;
    await postgres.kill();
    for (const gateway of [gatewayA, gatewayB]) {
      const down = await as('cw-emp-1', gateway, READ, { cpr: peter.cpr });
      expect(down.data).toEqual({ citizen: { plan: { joint: null, employment: { nextFollowUp: '2026-12-08' } } } });
      // The store is down, not the request wrong: DEPARTMENT_UNAVAILABLE naming the plan system, as when it is down itself (issue #32).
      const unavailable = ['DEPARTMENT_UNAVAILABLE', 'plan', 'The plan system did not answer; its data is missing.'];
      expect(down.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.department, e.message])).toEqual([
        [['citizen', 'plan', 'joint'], ...unavailable],
      ]);
      const write = await as('cw-soc-1', gateway, FOLLOW_UP, { cpr: peter.cpr, expectedVersion: before, date: '2027-06-01' });
      expect(write.errors?.map((e) => [e.extensions?.code, e.extensions?.department, e.message])).toEqual([unavailable]);
    }
    // Longer than an outbox round (500 ms): each process's relay meets the broken connections too.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await postgres.restart();
    for (const gateway of [gatewayA, gatewayB]) {
      const back = await eventually(
        () => as('cw-emp-1', gateway, READ, { cpr: peter.cpr }),
        (r) => r.errors === undefined,
      );
      expect(back.data.citizen.plan).toEqual({ joint: { version: before }, employment: { nextFollowUp: '2026-12-08' } });
    }
  }, 30_000);
});
