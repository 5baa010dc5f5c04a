import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PERSONAS, REPO_ROOT, syntheticCitizens } from '@enplan/lib';
import { TestFederation, errorCodesByPath, graphql, tokenFor, type GraphQLResult } from './federation';

const { peter, mette, ali, sofie, jonas, lars } = PERSONAS;

function consentErrors(result: GraphQLResult): Record<string, unknown> {
  return Object.fromEntries(
    (result.errors ?? []).map((e) => [
      (e.path ?? []).join('.'),
      { code: e.extensions?.code, department: e.extensions?.department, categories: e.extensions?.categories },
    ]),
  );
}

describe('consent enforcement at the gateway', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(() => federation.stop());

  describe("Anna (jobcentre) reading Peter's data under his written consent", () => {
    let result: GraphQLResult<any>;
    beforeAll(async () => {
      result = await graphql(
        federation.gateway.url,
        /* GraphQL */ `
          query AnnaReadsPeter($cpr: ID!) {
            citizen(cpr: $cpr) {
              social {
                kind
                caseworker {
                  name
                }
                benefits {
                  kind
                }
                substanceAbuseTreatment {
                  title
                  legalBasis
                }
                healthNotes {
                  summary
                }
              }
              family {
                kind
                children {
                  firstName
                }
              }
              plan {
                joint {
                  status
                }
                social {
                  goals {
                    description
                  }
                  actions {
                    legalBasis
                  }
                }
                children {
                  goals {
                    description
                  }
                }
              }
            }
          }
        `,
        { token: await tokenFor('cw-emp-1'), variables: { cpr: peter.cpr }, operationName: 'AnnaReadsPeter' },
      );
    });

    it('shows his SOCIAL case, plan and benefits (CASE, PLAN, BENEFITS are permitted)', () => {
      expect(result.data?.citizen.social).toEqual({
        kind: 'Socialpædagogisk støtte',
        caseworker: { name: 'Bo Kristensen' },
        benefits: [{ kind: 'Hjælp til enkeltudgifter (depositum)' }],
        substanceAbuseTreatment: null,
        healthNotes: null,
      });
      expect(result.data?.citizen.plan.social).toEqual({
        goals: [{ description: 'Peter vil bo i sin egen lejlighed og betale husleje til tiden.' }],
        actions: [{ legalBasis: 'Serviceloven § 85' }, { legalBasis: 'Serviceloven § 141 stk. 7' }],
      });
    });

    it('withholds his § 101 substance-abuse treatment (deny provision), his health notes (not covered) and everything of CHILDREN (not a party)', () => {
      expect(result.data?.citizen.family).toBeNull();
      expect(result.data?.citizen.plan.children).toBeNull();
      expect(consentErrors(result)).toEqual({
        'citizen.social.substanceAbuseTreatment': {
          code: 'CONSENT_REQUIRED',
          department: 'SOCIAL',
          categories: ['SUBSTANCE_ABUSE'],
        },
        'citizen.social.healthNotes': { code: 'CONSENT_REQUIRED', department: 'SOCIAL', categories: ['HEALTH'] },
        'citizen.family': { code: 'CONSENT_REQUIRED', department: 'CHILDREN', categories: ['FAMILY'] },
        'citizen.plan.children': { code: 'CONSENT_REQUIRED', department: 'CHILDREN', categories: ['FAMILY', 'PLAN'] },
      });
    });

    it("lists the disclosure and the denials in Peter's access log, which Peter can read", async () => {
      const log = await graphql(
        federation.gateway.url,
        '{ citizen(cpr: "0101804321") { accessLog { actorId actorName actorDepartment ownerDepartment categories purpose decision consentId operationName } } }',
        { token: await tokenFor(peter.cpr) },
      );
      expect(log.errors).toBeUndefined();
      const annas = log.data?.citizen.accessLog.filter((e: { operationName: string }) => e.operationName === 'AnnaReadsPeter');
      const common = {
        actorId: 'cw-emp-1',
        actorName: 'Anna Mortensen',
        actorDepartment: 'EMPLOYMENT',
        purpose: 'ONE_PLAN',
        operationName: 'AnnaReadsPeter',
      };
      // One record per citizen, department and decision in a request: his Citizen fields and his OnePlan section together;
      // the joint part of his plan, no one department's, is recorded like any disclosure (owner null).
      expect(annas).toHaveLength(4);
      expect(annas).toEqual(
        expect.arrayContaining([
          {
            ...common,
            ownerDepartment: 'SOCIAL',
            categories: ['BENEFITS', 'CASE', 'PLAN'],
            decision: 'DISCLOSED',
            consentId: 'CON-000001',
          },
          {
            ...common,
            ownerDepartment: 'SOCIAL',
            categories: ['HEALTH', 'SUBSTANCE_ABUSE'],
            decision: 'DENIED',
            consentId: 'CON-000001',
          },
          { ...common, ownerDepartment: 'CHILDREN', categories: ['FAMILY', 'PLAN'], decision: 'DENIED', consentId: null },
          { ...common, ownerDepartment: null, categories: ['PLAN'], decision: 'DISCLOSED', consentId: 'CON-000001' },
        ]),
      );
    });

    it('Peter reads his access log a page at a time, and by department; a page before entry 0 is refused', async () => {
      const page = async (args: string) =>
        graphql(federation.gateway.url, `{ citizen(cpr: "0101804321") { accessLog(${args}) { sequence ownerDepartment } } }`, {
          token: await tokenFor(peter.cpr),
        });
      const all = (await page('first: 1000')).data?.citizen.accessLog as Array<{ sequence: number; ownerDepartment: string }>;
      expect(all.length).toBeGreaterThanOrEqual(4);
      expect((await page('first: 2')).data?.citizen.accessLog).toEqual(all.slice(0, 2));
      expect((await page(`first: 2, before: ${all[1]!.sequence}`)).data?.citizen.accessLog).toEqual(all.slice(2, 4));
      const children = (await page('first: 1000, department: CHILDREN')).data?.citizen.accessLog;
      expect(children).toEqual(all.filter((e) => e.ownerDepartment === 'CHILDREN'));
      expect(children.length).toBeGreaterThan(0);
      expect(errorCodesByPath(await page('before: 0'))).toEqual({ 'citizen.accessLog': 'BAD_USER_INPUT' });
    });

    it('does not let a caseworker read the access log', async () => {
      const log = await graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { accessLog { decision } } }', {
        token: await tokenFor('cw-emp-1'),
      });
      expect(errorCodesByPath(log)).toEqual({ 'citizen.accessLog': 'FORBIDDEN' });
    });
  });

  describe('Bo (adult social services) reading employment data', () => {
    const query =
      'query($cpr: ID!) { citizen(cpr: $cpr) { employment { kind healthNotes { source } } plan { employment { goals { description } } } } }';

    it("sees Mette's employment health notes: her MitID consent covers HEALTH", async () => {
      const result = await graphql(federation.gateway.url, query, {
        token: await tokenFor('cw-soc-1'),
        variables: { cpr: mette.cpr },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.citizen.employment).toEqual({
        kind: 'Jobafklaringsforløb',
        healthNotes: [{ source: 'Lægeattest LÆ 265 fra egen læge' }],
      });
    });

    it("sees Lars's employment plan but not his health notes: an oral consent covers no special category", async () => {
      const result = await graphql(federation.gateway.url, query, {
        token: await tokenFor('cw-soc-1'),
        variables: { cpr: lars.cpr },
      });
      expect(result.data?.citizen.employment).toEqual({ kind: 'Ressourceforløb', healthNotes: null });
      expect(result.data?.citizen.plan.employment).toEqual({
        goals: [{ description: 'Lars vil have struktur på hverdagen og prøve kræfter med praktisk arbejde.' }],
      });
      expect(consentErrors(result)).toEqual({
        'citizen.employment.healthNotes': { code: 'CONSENT_REQUIRED', department: 'EMPLOYMENT', categories: ['HEALTH'] },
      });
    });
  });

  describe('citizens whose consent is withdrawn, expired or absent', () => {
    const read = async (who: string, cpr: string) =>
      graphql(federation.gateway.url, 'query($cpr: ID!) { citizen(cpr: $cpr) { cpr employment { kind caseworker { name } } } }', {
        token: await tokenFor(who),
        variables: { cpr },
      });
    const denied = (cpr: string) => ({
      data: { citizen: { cpr, employment: null } },
      errors: { 'citizen.employment': { code: 'CONSENT_REQUIRED', department: 'EMPLOYMENT', categories: ['CASE'] } },
    });

    it.each([
      ['Ali (withdrawn)', 'cw-chi-1', ali.cpr],
      ['Sofie (expired)', 'cw-soc-1', sofie.cpr],
      ['Jonas (none)', 'cw-soc-1', jonas.cpr],
    ])('%s: no employment data crosses to another department', async (_who, caseworker, cpr) => {
      const result = await read(caseworker, cpr);
      expect({ data: result.data, errors: consentErrors(result) }).toEqual(denied(cpr));
    });

    it("Clara (children) gets the same answer for Jonas's employment case as for a citizen the jobcentre has never seen", async () => {
      const unknownToTheJobcentre = '0202020202';
      const withCase = await read('cw-chi-1', jonas.cpr);
      const withoutCase = await read('cw-chi-1', unknownToTheJobcentre);
      expect({ data: withCase.data, errors: consentErrors(withCase) }).toEqual(denied(jonas.cpr));
      expect({ data: withoutCase.data, errors: consentErrors(withoutCase) }).toEqual(denied(unknownToTheJobcentre));
      expect(withCase.errors?.[0]?.message).toBe(withoutCase.errors?.[0]?.message);
    });

    it('the own department still sees its own case without any consent', async () => {
      const result = await read('cw-emp-1', jonas.cpr);
      expect(result.errors).toBeUndefined();
      expect(result.data?.citizen.employment).toEqual({
        kind: 'Ledighedsydelse (visiteret til fleksjob)',
        caseworker: { name: 'Anna Mortensen' },
      });
    });
  });

  describe('what a citizen may see', () => {
    it('Peter sees all of his own data, across every department', async () => {
      const result = await graphql(
        federation.gateway.url,
        '{ citizen(cpr: "0101804321") { employment { kind } social { substanceAbuseTreatment { legalBasis } } family { children { firstName } } consents { id status } } }',
        { token: await tokenFor(peter.cpr) },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.citizen).toEqual({
        employment: { kind: 'Kontanthjælp, aktivitetsparat' },
        social: { substanceAbuseTreatment: [{ legalBasis: 'Serviceloven § 101' }] },
        family: { children: [{ firstName: 'Mikkel' }] },
        consents: [{ id: 'CON-000001', status: 'ACTIVE' }],
      });
    });

    it('Peter may not look at Mette: FORBIDDEN', async () => {
      const result = await graphql(federation.gateway.url, '{ citizen(cpr: "1502854562") { cpr employment { kind } } }', {
        token: await tokenFor(peter.cpr),
      });
      expect(result.data).toEqual({ citizen: null });
      expect(errorCodesByPath(result)).toEqual({ citizen: 'FORBIDDEN' });
    });
  });

  it("withdrawal as Peter takes effect on Anna's very next request", async () => {
    const anna = await tokenFor('cw-emp-1');
    const readSocial = () =>
      graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { social { kind } } }', { token: anna });
    expect((await readSocial()).data?.citizen.social).toEqual({ kind: 'Socialpædagogisk støtte' });

    const withdrawal = await graphql(
      federation.gateway.url,
      'mutation { withdrawConsent(id: "CON-000001") { id status withdrawnBy } }',
      {
        token: await tokenFor(peter.cpr),
      },
    );
    expect(withdrawal.data).toEqual({
      withdrawConsent: { id: 'CON-000001', status: 'WITHDRAWN', withdrawnBy: 'citizen-010180' },
    });

    const after = await readSocial();
    expect(after.data?.citizen.social).toBeNull();
    expect(consentErrors(after)).toEqual({
      'citizen.social': { code: 'CONSENT_REQUIRED', department: 'SOCIAL', categories: ['CASE'] },
    });
  });

  describe('consents are recorded with evidence and never deleted', () => {
    it('an auditor can read the access log; a caseworker can read consents but not the log', async () => {
      const asAuditor = await graphql(
        federation.gateway.url,
        '{ citizen(cpr: "0101804321") { accessLog(first: 1) { decision } } }',
        {
          token: await tokenFor('auditor'),
        },
      );
      expect(asAuditor.errors).toBeUndefined();
      expect(asAuditor.data?.citizen.accessLog).toHaveLength(1);
      const consentsAsBo = await graphql(
        federation.gateway.url,
        '{ citizen(cpr: "1502854562") { consents { id evidence { method } } } }',
        {
          token: await tokenFor('cw-soc-1'),
        },
      );
      expect(consentsAsBo.data?.citizen.consents).toEqual([{ id: 'CON-000002', evidence: { method: 'MITID' } }]);
    });

    it('a caseworker records a written consent with its document; it may not claim MitID for the citizen', async () => {
      const bo = await tokenFor('cw-soc-1');
      const give = (method: string) =>
        graphql(
          federation.gateway.url,
          `mutation { giveConsent(input: { cpr: "0303950008", validUntil: "${new Date(Date.now() + 30 * 86_400_000).toISOString()}",
              evidenceMethod: ${method}, documentRef: "ESDH-2026-4711",
              provisions: [{ effect: PERMIT, ownerDepartments: [SOCIAL], recipientDepartments: [EMPLOYMENT], categories: [CASE, PLAN] }] })
            { cpr status grantor { capacity } evidence { method recordedBy documentRef } } }`,
          { token: bo },
        );
      expect((await give('WRITTEN')).data).toEqual({
        giveConsent: {
          cpr: '0303950008',
          status: 'ACTIVE',
          grantor: { capacity: 'SELF' },
          evidence: { method: 'WRITTEN', recordedBy: 'cw-soc-1', documentRef: 'ESDH-2026-4711' },
        },
      });
      expect((await give('MITID')).errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
        ['Only the citizen can give consent with MitID.', 'BAD_USER_INPUT'],
      ]);
    });

    it('a new consent that supersedes an old one keeps the old one, marked SUPERSEDED', async () => {
      const result = await graphql(
        federation.gateway.url,
        `mutation { giveConsent(input: { cpr: "1502854562", supersedes: "CON-000002",
            validUntil: "${new Date(Date.now() + 30 * 86_400_000).toISOString()}",
            provisions: [{ effect: PERMIT, ownerDepartments: [EMPLOYMENT], recipientDepartments: [SOCIAL], categories: [CASE] }] }) { supersedes } }`,
        { token: await tokenFor(mette.cpr) },
      );
      expect(result.data).toEqual({ giveConsent: { supersedes: 'CON-000002' } });
      const history = await graphql(
        federation.gateway.url,
        '{ citizen(cpr: "1502854562") { consents { status supersedes supersededBy } } }',
        {
          token: await tokenFor(mette.cpr),
        },
      );
      const [newest, old] = history.data!.citizen.consents;
      expect(newest).toEqual({ status: 'ACTIVE', supersedes: 'CON-000002', supersededBy: null });
      expect(old).toEqual({ status: 'SUPERSEDED', supersedes: null, supersededBy: expect.stringMatching(/^CON-/) });
    });
  });

  it('verify names the access-log row that was edited after it was written', () => {
    const file = join(federation.dataDir, 'consent.sqlite');
    const verify = () =>
      spawnSync(process.execPath, ['subgraphs/consent/dist/cli/verifyAccessLog.js', file], { cwd: REPO_ROOT, encoding: 'utf8' });
    const intact = verify();
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/^access log intact: \d+ entries\n$/);

    const db = new DatabaseSync(file);
    db.prepare("UPDATE access_log SET decision = 'DISCLOSED' WHERE sequence = 2").run();
    db.close();
    const broken = verify();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe('access log BROKEN at entry 2: content was changed after it was written\n');
  });
});

describe('consent decisions over time (injected clock)', () => {
  let now = Date.parse('2026-11-24T09:00:00.000Z');
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start({ now: () => now });
  });
  afterAll(() => federation.stop());

  it('a consent that expires at T allows at T−1 ms and denies at T', async () => {
    const expiresAt = Date.parse('2026-12-01T00:00:00.000Z');
    const given = await graphql(
      federation.gateway.url,
      `
        mutation {
          giveConsent(
            input: {
              cpr: "1111750011"
              validUntil: "2026-12-01T00:00:00.000Z"
              provisions: [{ effect: PERMIT, ownerDepartments: [SOCIAL], recipientDepartments: [EMPLOYMENT], categories: [CASE] }]
            }
          ) {
            status
            validUntil
            evidence {
              method
            }
          }
        }
      `,
      { token: await tokenFor(jonas.cpr) },
    );
    expect(given.data).toEqual({
      giveConsent: { status: 'ACTIVE', validUntil: '2026-12-01T00:00:00.000Z', evidence: { method: 'MITID' } },
    });

    const anna = await tokenFor('cw-emp-1');
    const read = () => graphql(federation.gateway.url, '{ citizen(cpr: "1111750011") { social { kind } } }', { token: anna });
    now = expiresAt - 1;
    expect((await read()).data?.citizen.social).toEqual({ kind: 'Socialpædagogisk støtte' });
    now = expiresAt;
    const atT = await read();
    expect(atT.data?.citizen.social).toBeNull();
    expect(errorCodesByPath(atT)).toEqual({ 'citizen.social': 'CONSENT_REQUIRED' });
  });

  it.each([
    ['no provisions', 'provisions: []', 'A consent needs at least one provision.'],
    [
      'a blanket provision',
      'provisions: [{ effect: PERMIT, ownerDepartments: [], recipientDepartments: [EMPLOYMENT], categories: [CASE] }]',
      'provisions[0].ownerDepartments must not be empty: a blanket consent is not valid.',
    ],
    [
      'validUntil before validFrom',
      'validFrom: "2027-01-01", provisions: [{ effect: PERMIT, ownerDepartments: [SOCIAL], recipientDepartments: [EMPLOYMENT], categories: [CASE] }]',
      'validUntil must be after validFrom.',
    ],
  ])('refuses a consent with %s as BAD_USER_INPUT', async (_case, fields, message) => {
    const result = await graphql(
      federation.gateway.url,
      `mutation { giveConsent(input: { cpr: "1111750011", validUntil: "2026-12-20T00:00:00.000Z", ${fields} }) { id } }`,
      { token: await tokenFor(jonas.cpr) },
    );
    expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([[message, 'BAD_USER_INPUT']]);
  });

  it('refuses a consent longer than the maximum validity (1 year by default)', async () => {
    const result = await graphql(
      federation.gateway.url,
      `
        mutation {
          giveConsent(
            input: {
              cpr: "1111750011"
              validUntil: "2028-01-01T00:00:00.000Z"
              provisions: [{ effect: PERMIT, ownerDepartments: [SOCIAL], recipientDepartments: [EMPLOYMENT], categories: [CASE] }]
            }
          ) {
            id
          }
        }
      `,
      { token: await tokenFor(jonas.cpr) },
    );
    expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['A consent may last at most 365 days.', 'BAD_USER_INPUT'],
    ]);
  });
});

describe('a caseload of many citizens', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start({ syntheticCitizens: 50, gatewayEnv: { DECISION_CACHE_TTL_MS: '0' } });
  });
  afterAll(() => federation.stop());

  const caseload = async (count: number) => {
    const calls = federation.gateway.consentClient.decisionCalls;
    const result = await graphql(
      federation.gateway.url,
      'query($cprs: [ID!]!) { citizens(cprs: $cprs) { cpr employment { kind } social { kind healthNotes { summary } } plan { social { goals { description } } } } }',
      { token: await tokenFor('cw-emp-1'), variables: { cprs: syntheticCitizens(count).map((c) => c.cpr) } },
    );
    return { result, decisionCalls: federation.gateway.consentClient.decisionCalls - calls };
  };

  it('asks the consent service once per plan step, not once per citizen', async () => {
    const { result, decisionCalls } = await caseload(50);
    expect(result.errors).toBeUndefined();
    expect(result.data?.citizens).toHaveLength(50);
    expect(result.data?.citizens[49].social).toEqual({ kind: 'Bostøtte', healthNotes: [] });
    expect(decisionCalls).toBe(1);
  });

  it('makes as many decision calls for 1 citizen as for 50', async () => {
    expect((await caseload(1)).decisionCalls).toBe(1);
  });
});

describe('fail closed', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start({ gatewayEnv: { DECISION_CACHE_TTL_MS: '600000' } });
  });
  afterAll(() => federation.stop());

  it('withholds the data when the access log cannot be written, even with the decision cached', async () => {
    const anna = await tokenFor('cw-emp-1');
    const read = () =>
      graphql(federation.gateway.url, '{ citizen(cpr: "0101804321") { employment { kind } social { kind } } }', { token: anna });
    expect((await read()).data?.citizen.social).toEqual({ kind: 'Socialpædagogisk støtte' });

    const db = new DatabaseSync(join(federation.dataDir, 'consent.sqlite'));
    db.exec('CREATE TRIGGER refuse_writes BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, "disk full"); END;');
    try {
      const withheld = await read();
      expect(withheld.data?.citizen).toEqual({ employment: { kind: 'Kontanthjælp, aktivitetsparat' }, social: null });
      expect(errorCodesByPath(withheld)).toEqual({ 'citizen.social': 'CONSENT_UNAVAILABLE' });
    } finally {
      db.exec('DROP TRIGGER refuse_writes');
      db.close();
    }
  });

  it('with the consent service stopped: cross-department fields are CONSENT_UNAVAILABLE, own fields are returned', async () => {
    await federation.stopSubgraph('consent');
    await federation.gateway.decisionCache.evictCitizen(peter.cpr);
    const result = await graphql(
      federation.gateway.url,
      '{ citizen(cpr: "0101804321") { employment { kind } social { kind } } }',
      {
        token: await tokenFor('cw-emp-1'),
      },
    );
    expect(result.data?.citizen).toEqual({ employment: { kind: 'Kontanthjælp, aktivitetsparat' }, social: null });
    expect(errorCodesByPath(result)).toEqual({ 'citizen.social': 'CONSENT_UNAVAILABLE' });
  });
});
