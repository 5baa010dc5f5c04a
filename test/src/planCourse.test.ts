import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERSONAS, REPRESENTATIVES } from '@enplan/lib';
import { startDigitalPost, type DigitalPostReceiver } from './digitalPostReceiver';
import { TestFederation, errorCodesByPath, graphql, tokenFor, type GraphQLResult } from './federation';
import { eventually } from './redisTestSupport';

const { mette } = PERSONAS;
const { sara } = REPRESENTATIVES;
const DAY_MS = 24 * 60 * 60 * 1000;

const PLAN_VERSION = `query PlanVersion($cpr: ID!) { citizen(cpr: $cpr) { plan { joint { version } } } }`;
const ADD_AGREEMENT = `mutation AddAgreement($cpr: ID!, $v: Int!, $a: AgreementInput!) {
  addAgreement(cpr: $cpr, expectedVersion: $v, agreement: $a) { version agreements { id } } }`;
const ASSESSMENT = `query Assessment($cpr: ID!) { citizen(cpr: $cpr) { plan { assessment {
  version entries { lifeArea text authorName authorDepartment } sources { text replacedBy } } } } }`;
const WRITE = `mutation Write($cpr: ID!, $v: Int!, $area: LifeArea!, $text: String!) {
  writeAssessment(cpr: $cpr, expectedVersion: $v, lifeArea: $area, text: $text) { version } }`;
const DECISION_FIELDS = `id version status issuedVersion issuedAt
  measures { id what department decision { outcome legalBasis reasons start end decidedByName } }
  complaintGuidance { text deadline firstInstance appealBody } revisions { issuedVersion changedMeasureIds byName }`;
const DECISION = `query Decision($cpr: ID!) { citizen(cpr: $cpr) { plan { decision { ${DECISION_FIELDS} } } } }`;
const DRAFT = `mutation Draft($cpr: ID!) { draftJointDecision(cpr: $cpr) { ${DECISION_FIELDS} } }`;
const DECIDE = `mutation Decide($cpr: ID!, $v: Int!, $m: ID!, $d: MeasureDecisionInput!) {
  decideMeasure(cpr: $cpr, expectedVersion: $v, measureId: $m, decision: $d) { ${DECISION_FIELDS} } }`;
const COMPLAINT_FIELDS = `id version text parts { department measureIds status overdue reasons forwardedPackage { id sha256 contentJson } }`;
const COMPLAINT = `query Complaint($cpr: ID!) { citizen(cpr: $cpr) { plan { complaint { ${COMPLAINT_FIELDS} } } } }`;
const FILE = `mutation File($cpr: ID!, $ms: [ID!]!, $text: String!) { fileComplaint(cpr: $cpr, measureIds: $ms, text: $text) { ${COMPLAINT_FIELDS} } }`;
const REASSESS = `mutation Reassess($cpr: ID!, $v: Int!, $o: ReassessmentOutcome!, $r: String!, $c: [MeasureChangeInput!]) {
  reassessComplaint(cpr: $cpr, expectedVersion: $v, outcome: $o, reasons: $r, changes: $c) { ${COMPLAINT_FIELDS} } }`;
const INBOX = `query Inbox($cpr: ID!) { citizen(cpr: $cpr) { inbox { kind subject body } } }`;
const LOG = `query Log($cpr: ID!) { citizen(cpr: $cpr) { accessLog(first: 500) {
  actorId ownerDepartment categories decision kind operationName } } }`;

const DOCUMENT = `query PlanDocument($cpr: ID!, $purpose: DocumentPurpose!) {
  citizen(cpr: $cpr) { plan { document(purpose: $purpose) { purpose sha256 pdfBase64 } } } }`;

/** The text of a PDF as pdftotext (poppler-utils) reads it, lines joined: what a case handler's tools see. */
function pdfText(base64: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'enplan-pdf-'));
  try {
    const file = join(dir, 'plan.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NOT_A_PARTY = { code: 'CONSENT_REQUIRED', department: null, categories: ['PLAN'] };
const errorOf = (result: GraphQLResult) => {
  const { code, department, categories } = result.errors?.[0]?.extensions ?? {};
  return { path: result.errors?.[0]?.path?.join('.'), code, department, categories };
};

describe("Mette's plan, after the plan: one assessment, one decision, one complaint", () => {
  let federation: TestFederation;
  let digitalPost: DigitalPostReceiver;
  let clockOffset = 0;
  const as = async (who: string, query: string, variables: Record<string, unknown> = {}) =>
    graphql<any>(federation.gateway.url, query, { token: await tokenFor(who), variables: { cpr: mette.cpr, ...variables } });
  /** Sara, acting for Mette under the power Mette gives her (X-Act-For). */
  const saraForMette = async (query: string, variables: Record<string, unknown> = {}) =>
    graphql<any>(federation.gateway.url, query, {
      token: await tokenFor('sara'),
      variables: { cpr: mette.cpr, ...variables },
      headers: { 'x-act-for': mette.cpr },
    });
  const ok = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const result = await as(who, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  beforeAll(async () => {
    digitalPost = await startDigitalPost();
    federation = await TestFederation.start({
      now: () => Date.now() + clockOffset,
      digitalPostUrl: digitalPost.url,
      // Chromium's first launch for a document takes seconds on a busy machine (README, "The plan as a document").
      gatewayEnv: { SUBGRAPH_TIMEOUT_MS_PLAN: '30000' },
    });
  });
  afterAll(async () => {
    await federation.stop();
    digitalPost.server.close();
  });

  // The measures of the decision, by what they say; filled in as the course goes.
  const measure: Record<'practice' | 'support' | 'mentor', string> = { practice: '', support: '', mentor: '' };
  let decisionVersion = 0;

  it('Anna, the coordinator, records three agreements: the jobcentre one, adult social services two', async () => {
    let version: number = (await ok('cw-emp-1', PLAN_VERSION)).citizen.plan.joint.version;
    for (const [what, responsibleDepartment] of [
      ['Jobafklaringsforløb med virksomhedspraktik 10 timer om ugen', 'EMPLOYMENT'],
      ['Bostøtte efter servicelovens § 85, 3 timer om ugen', 'SOCIAL'],
      ['Mentor til de første fire uger af praktikken', 'SOCIAL'],
    ]) {
      version = (await ok('cw-emp-1', ADD_AGREEMENT, { v: version, a: { what, responsibleDepartment } })).addAgreement.version;
    }
  });

  it('EMPLOYMENT and SOCIAL write their parts of the assessment and Mette her own words; a stale version is a CONFLICT', async () => {
    await ok('cw-emp-1', WRITE, { v: 0, area: 'WORK_AND_EDUCATION', text: 'Sygemeldt fra lager siden marts; kan 10 timer.' });
    await ok('cw-soc-1', WRITE, { v: 1, area: 'HEALTH', text: 'Kroniske smerter i ryggen; egen læge følger.' });
    await ok(mette.cpr, WRITE, { v: 2, area: 'DAILY_LIFE', text: 'Jeg kan godt, når jeg får pauser.' });
    const stale = await as('cw-soc-1', WRITE, { v: 2, area: 'HOUSING', text: 'Bor alene i lejlighed.' });
    expect(errorOf(stale)).toMatchObject({ path: 'writeAssessment', code: 'CONFLICT' });
    // Anna writes her area again: the current text changes, the source of the first is kept.
    await ok('cw-emp-1', WRITE, { v: 3, area: 'WORK_AND_EDUCATION', text: 'Sygemeldt fra lager siden marts; kan nu 12 timer.' });

    const bo = (await ok('cw-soc-1', ASSESSMENT)).citizen.plan.assessment;
    expect(bo.version).toBe(4);
    expect(bo.entries).toEqual([
      {
        lifeArea: 'HEALTH',
        text: 'Kroniske smerter i ryggen; egen læge følger.',
        authorName: 'Bo Kristensen',
        authorDepartment: 'SOCIAL',
      },
      { lifeArea: 'DAILY_LIFE', text: 'Jeg kan godt, når jeg får pauser.', authorName: 'Mette Jensen', authorDepartment: null },
      {
        lifeArea: 'WORK_AND_EDUCATION',
        text: 'Sygemeldt fra lager siden marts; kan nu 12 timer.',
        authorName: 'Anna Mortensen',
        authorDepartment: 'EMPLOYMENT',
      },
    ]);
    expect(bo.sources.map((s: { text: string }) => s.text)).toContain('Sygemeldt fra lager siden marts; kan 10 timer.');
  });

  it("Dorte (HOUSING, a party for CASE and PLAN only) reads the plan parts and Mette's words, never SOCIAL's health part", async () => {
    const dorte = (await ok('cw-hou-1', ASSESSMENT)).citizen.plan.assessment;
    expect(dorte.entries.map((e: { lifeArea: string }) => e.lifeArea)).toEqual(['DAILY_LIFE', 'WORK_AND_EDUCATION']);
    expect(JSON.stringify(dorte)).not.toMatch(/smerter/);
  });

  it("Clara (CHILDREN, not a party) gets nothing of Mette's assessment: the joint plan's refusal", async () => {
    const clara = await as('cw-chi-1', ASSESSMENT);
    expect(clara.data.citizen.plan.assessment).toBeNull();
    expect(errorOf(clara)).toEqual({ path: 'citizen.plan.assessment', ...NOT_A_PARTY });
  });

  it('only the coordinator drafts the decision: one measure per agreement, each for its department', async () => {
    expect(errorCodesByPath(await as('cw-soc-1', DRAFT))).toEqual({ draftJointDecision: 'FORBIDDEN' });
    const draft = (await ok('cw-emp-1', DRAFT)).draftJointDecision;
    expect(draft).toMatchObject({ status: 'DRAFT', issuedVersion: null, complaintGuidance: { deadline: null } });
    expect(draft.measures.map((m: { department: string; decision: null }) => [m.department, m.decision])).toEqual([
      ['EMPLOYMENT', null],
      ['SOCIAL', null],
      ['SOCIAL', null],
    ]);
    [measure.practice, measure.support, measure.mentor] = draft.measures.map((m: { id: string }) => m.id);
    decisionVersion = draft.version;
    expect(errorCodesByPath(await as('cw-emp-1', DRAFT))).toEqual({ draftJointDecision: 'BAD_USER_INPUT' });
  });

  it('each department decides only its own measures; reasons are required unless granted in full; the last decision issues it', async () => {
    const annaOnSocial = await as('cw-emp-1', DECIDE, {
      v: decisionVersion,
      m: measure.support,
      d: { outcome: 'GRANTED', legalBasis: 'serviceloven § 85', start: '2027-01-04' },
    });
    expect(errorOf(annaOnSocial)).toMatchObject({ path: 'decideMeasure', code: 'FORBIDDEN' });
    expect(annaOnSocial.errors?.[0]?.message).toBe('Only SOCIAL decides this measure: each department decides its own.');

    const granted = {
      outcome: 'GRANTED',
      legalBasis: 'LAB § 68 b (jobafklaringsforløb)',
      start: '2027-01-04',
      end: '2027-06-30',
    };
    decisionVersion = (await ok('cw-emp-1', DECIDE, { v: decisionVersion, m: measure.practice, d: granted })).decideMeasure
      .version;
    const noReasons = { outcome: 'REFUSED', legalBasis: 'serviceloven § 85', start: '2027-01-04' };
    expect(errorCodesByPath(await as('cw-soc-1', DECIDE, { v: decisionVersion, m: measure.support, d: noReasons }))).toEqual({
      decideMeasure: 'BAD_USER_INPUT',
    });
    const support = {
      ...noReasons,
      outcome: 'CHANGED',
      reasons: 'Behovet dækkes med 2 timer om ugen (§ 24: de faktiske forhold).',
    };
    decisionVersion = (await ok('cw-soc-1', DECIDE, { v: decisionVersion, m: measure.support, d: support })).decideMeasure
      .version;
    const mentor = { outcome: 'GRANTED', legalBasis: 'serviceloven § 85', start: '2027-01-04', end: '2027-01-31' };
    const issued = (await ok('cw-soc-1', DECIDE, { v: decisionVersion, m: measure.mentor, d: mentor })).decideMeasure;
    decisionVersion = issued.version;
    expect(issued).toMatchObject({
      status: 'ISSUED',
      issuedVersion: 1,
      complaintGuidance: { firstInstance: 'Kommunen', appealBody: 'Ankestyrelsen', text: expect.stringMatching(/fire uger/) },
    });
    expect(Date.parse(issued.complaintGuidance.deadline) - Date.parse(issued.issuedAt)).toBe(28 * DAY_MS);
    expect(issued.measures.map((m: { decision: { legalBasis: string } }) => m.decision.legalBasis)).toEqual([
      'LAB § 68 b (jobafklaringsforløb)',
      'serviceloven § 85',
      'serviceloven § 85',
    ]);
  });

  it('Mette receives the one decision in her inbox and through Digital Post; Clara gets nothing of it', async () => {
    const inbox = await eventually(
      async () => (await ok(mette.cpr, INBOX)).citizen.inbox as Array<{ kind: string; subject: string; body: string }>,
      (messages) => messages.some((m) => m.kind === 'DECISION_ISSUED'),
    );
    expect(inbox.filter((m) => m.kind === 'DECISION_ISSUED')).toEqual([
      { kind: 'DECISION_ISSUED', subject: 'Din samlede afgørelse', body: expect.stringContaining('inden fire uger') },
    ]);
    await eventually(
      async () => digitalPost.received.filter((m) => m.cpr === mette.cpr && m.kind === 'DECISION_ISSUED'),
      (posted) => posted.length === 1,
    );
    const clara = await as('cw-chi-1', DECISION);
    expect(clara.data.citizen.plan.decision).toBeNull();
    expect(errorOf(clara)).toEqual({ path: 'citizen.plan.decision', ...NOT_A_PARTY });
  });

  it('nobody but Mette, or a representative under a power to complain, can file her complaint; Sara files it for her, split per department', async () => {
    const complaint = {
      ms: [measure.practice, measure.support],
      text: 'Jeg kan ikke klare praktik og mindre støtte på én gang.',
    };
    for (const who of ['cw-emp-1', 'cw-soc-1', 'cw-chi-1', PERSONAS.peter.cpr]) {
      const refused = await as(who, FILE, complaint);
      expect(errorOf(refused)).toMatchObject({ path: 'fileComplaint', code: 'FORBIDDEN' });
      expect(refused.data).toBeNull();
    }
    // Mette lets her friend Sara read her plan: that is no power to complain for her (docs/design.md rule 13).
    const GIVE = `mutation GivePower($cpr: ID!, $powers: [Power!]!, $supersedes: ID) { givePowerOfRepresentation(input: {
      cpr: $cpr, representativeKind: PERSON, representativeCpr: "${sara.cpr}", representativeName: "${sara.name}",
      powers: $powers, validUntil: "${new Date(Date.now() + 90 * DAY_MS).toISOString()}", supersedes: $supersedes }) { id } }`;
    const readOnly = (await ok(mette.cpr, GIVE, { powers: ['READ_PLAN'] })).givePowerOfRepresentation.id;
    const withoutPower = await saraForMette(FILE, complaint);
    expect(withoutPower.data).toBeUndefined();
    expect(withoutPower.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['Your power of representation does not cover this: FILE_COMPLAINT.', 'FORBIDDEN'],
    ]);
    // With the power by name, Sara files it for Mette, and the complaint says so.
    await ok(mette.cpr, GIVE, { powers: ['READ_PLAN', 'FILE_COMPLAINT'], supersedes: readOnly });
    const bySara = await saraForMette(FILE, complaint);
    expect(bySara.errors).toBeUndefined();
    const filed = bySara.data.fileComplaint;
    expect(
      (await ok(mette.cpr, `query { citizen(cpr: "${mette.cpr}") { plan { complaint { filedByRepresentative } } } }`)).citizen
        .plan,
    ).toEqual({ complaint: { filedByRepresentative: sara.name } });
    const metteLog = (
      await ok(
        mette.cpr,
        `query { citizen(cpr: "${mette.cpr}") { accessLog(first: 50) { actorName decision kind operationName } } }`,
      )
    ).citizen.accessLog;
    const SARA_ACTS = `${sara.name} on behalf of ${mette.name}`;
    expect(metteLog).toContainEqual({ actorName: SARA_ACTS, decision: 'DENIED', kind: 'CHANGE', operationName: 'File' });
    expect(metteLog).toContainEqual({ actorName: SARA_ACTS, decision: 'DISCLOSED', kind: 'CHANGE', operationName: 'File' });
    expect(filed.parts).toEqual([
      {
        department: 'EMPLOYMENT',
        measureIds: [measure.practice],
        status: 'REASSESSING',
        overdue: false,
        reasons: null,
        forwardedPackage: null,
      },
      {
        department: 'SOCIAL',
        measureIds: [measure.support],
        status: 'REASSESSING',
        overdue: false,
        reasons: null,
        forwardedPackage: null,
      },
    ]);
    expect(errorCodesByPath(await as(mette.cpr, FILE, complaint))).toEqual({ fileComplaint: 'BAD_USER_INPUT' });
    const clara = await as('cw-chi-1', COMPLAINT);
    expect(errorOf(clara)).toEqual({ path: 'citizen.plan.complaint', ...NOT_A_PARTY });
  });

  it('EMPLOYMENT changes its own measure (a new version of the decision), and cannot touch SOCIAL’s', async () => {
    const version: number = (await ok('cw-emp-1', COMPLAINT)).citizen.plan.complaint.version;
    const changed = {
      outcome: 'CHANGED',
      legalBasis: 'LAB § 68 b',
      reasons: 'Praktikken starter med 6 timer.',
      start: '2027-01-04',
    };
    const onSocial = await as('cw-emp-1', REASSESS, {
      v: version,
      o: 'CHANGE',
      r: 'Vi ændrer.',
      c: [{ measureId: measure.support, decision: changed }],
    });
    expect(errorCodesByPath(onSocial)).toEqual({ reassessComplaint: 'BAD_USER_INPUT' });
    const reassessed = (
      await ok('cw-emp-1', REASSESS, {
        v: version,
        o: 'CHANGE',
        r: 'Mette har ret: praktikken trappes op.',
        c: [{ measureId: measure.practice, decision: changed }],
      })
    ).reassessComplaint;
    expect(reassessed.version).toBe(version + 1);
    expect(reassessed.parts[0]).toMatchObject({ department: 'EMPLOYMENT', status: 'CHANGED' });
    const decision = (await ok(mette.cpr, DECISION)).citizen.plan.decision;
    expect(decision.issuedVersion).toBe(2);
    expect(decision.revisions).toEqual([
      { issuedVersion: 1, changedMeasureIds: [], byName: null },
      { issuedVersion: 2, changedMeasureIds: [measure.practice], byName: 'Anna Mortensen' },
    ]);
    expect(decision.measures[0].decision).toMatchObject({ outcome: 'CHANGED', reasons: 'Praktikken starter med 6 timer.' });
  });

  it("SOCIAL's deadline passes and the coordinator sees it; SOCIAL then upholds, and its part goes on to Ankestyrelsen as a package", async () => {
    clockOffset = 29 * DAY_MS;
    const late = (await ok('cw-emp-1', COMPLAINT)).citizen.plan.complaint;
    expect(late.parts.map((p: { department: string; overdue: boolean }) => [p.department, p.overdue])).toEqual([
      ['EMPLOYMENT', false],
      ['SOCIAL', true],
    ]);
    const upheld = (
      await ok('cw-soc-1', REASSESS, { v: late.version, o: 'UPHOLD', r: 'Bostøtten svarer til behovet i udredningen.' })
    ).reassessComplaint;
    // The clock stays a month on: the answer's notification is due then.
    const part = upheld.parts[1];
    expect(part).toMatchObject({ department: 'SOCIAL', status: 'UPHELD_FORWARDED', overdue: false });
    const content = JSON.parse(part.forwardedPackage.contentJson);
    expect(createHash('sha256').update(part.forwardedPackage.contentJson).digest('hex')).toBe(part.forwardedPackage.sha256);
    expect(content).toMatchObject({
      to: 'Ankestyrelsen',
      department: 'SOCIAL',
      complaint: { text: expect.stringMatching(/mindre støtte/) },
    });
    expect(content.measures.map((m: { id: string }) => m.id)).toEqual([measure.support]);
    // The case file holds SOCIAL's own part and Mette's words, not the jobcentre's.
    expect(content.assessment.map((e: { lifeArea: string }) => e.lifeArea)).toEqual(['HEALTH', 'DAILY_LIFE']);
  });

  it('Mette follows each part; the coordinator sees that the package went, not its content', async () => {
    const mine = (await ok(mette.cpr, COMPLAINT)).citizen.plan.complaint;
    expect(mine.parts.map((p: { department: string; status: string }) => [p.department, p.status])).toEqual([
      ['EMPLOYMENT', 'CHANGED'],
      ['SOCIAL', 'UPHELD_FORWARDED'],
    ]);
    expect(mine.parts[1].forwardedPackage.contentJson).toEqual(expect.any(String));
    const anna = (await ok('cw-emp-1', COMPLAINT)).citizen.plan.complaint;
    expect(anna.parts[1].forwardedPackage).toEqual({
      id: expect.any(String),
      sha256: mine.parts[1].forwardedPackage.sha256,
      contentJson: null,
    });
    const inbox = await eventually(
      async () => (await ok(mette.cpr, INBOX)).citizen.inbox as Array<{ kind: string; body: string }>,
      (messages) => messages.filter((m) => m.kind === 'COMPLAINT_ANSWERED').length === 2,
    );
    expect(inbox.filter((m) => m.kind.startsWith('COMPLAINT')).map((m) => m.kind)).toEqual([
      'COMPLAINT_RECEIVED',
      'COMPLAINT_ANSWERED',
      'COMPLAINT_ANSWERED',
    ]);
    expect(inbox.at(-1)!.body).toMatch(/sendt videre til Ankestyrelsen/);
  });

  it("every read and write is in Mette's access log, the denials too", async () => {
    const log = (await ok(mette.cpr, LOG)).citizen.accessLog as Array<{
      actorId: string;
      ownerDepartment: string | null;
      categories: string[];
      decision: string;
      kind: string;
      operationName: string;
    }>;
    const has = (entry: Partial<(typeof log)[number]>) => expect(log).toContainEqual(expect.objectContaining(entry));
    has({ actorId: 'cw-emp-1', operationName: 'jointPlan.assessment.write', ownerDepartment: 'EMPLOYMENT', kind: 'CHANGE' });
    has({ actorId: 'cw-soc-1', operationName: 'jointPlan.assessment.write', categories: ['HEALTH'], kind: 'CHANGE' });
    has({ actorId: 'cw-emp-1', operationName: 'jointPlan.decision.draft', decision: 'DISCLOSED' });
    has({ actorId: 'cw-soc-1', operationName: 'jointPlan.decision.decide', decision: 'DISCLOSED' });
    has({ actorId: 'cw-soc-1', operationName: 'jointPlan.complaint.reassess', decision: 'DISCLOSED' });
    // Reads: the joint part (owner null), and each other department's part by its category.
    has({ actorId: 'cw-soc-1', operationName: 'Assessment', ownerDepartment: null, decision: 'DISCLOSED', kind: 'READ' });
    has({
      actorId: 'cw-soc-1',
      operationName: 'Assessment',
      ownerDepartment: 'EMPLOYMENT',
      categories: ['PLAN'],
      decision: 'DISCLOSED',
    });
    has({
      actorId: 'cw-hou-1',
      operationName: 'Assessment',
      ownerDepartment: 'EMPLOYMENT',
      categories: ['PLAN'],
      decision: 'DISCLOSED',
    });
    has({
      actorId: 'cw-hou-1',
      operationName: 'Assessment',
      ownerDepartment: 'SOCIAL',
      categories: ['HEALTH'],
      decision: 'DENIED',
    });
    has({ actorId: 'cw-emp-1', operationName: 'Complaint', ownerDepartment: null, decision: 'DISCLOSED', kind: 'READ' });
    for (const operationName of ['Assessment', 'Decision', 'Complaint'])
      has({ actorId: 'cw-chi-1', operationName, ownerDepartment: null, decision: 'DENIED' });
  });

  it('Mette exports everything of her own as a PDF: every measure, its legal basis, the complaint guidance and the hash', async () => {
    const document = (await ok(mette.cpr, DOCUMENT, { purpose: 'COMPLETE' })).citizen.plan.document;
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
    const text = pdfText(document.pdfBase64);
    for (const expected of [
      'Jobafklaringsforløb med virksomhedspraktik 10 timer om ugen',
      'Bostøtte efter servicelovens § 85, 3 timer om ugen',
      'Mentor til de første fire uger af praktikken',
      'Hjemmel: LAB § 68 b',
      'Hjemmel: serviceloven § 85',
      'Klagevejledning',
      'Klagen skal være modtaget senest fire uger efter',
      'sender den klagen med sagens akter videre til Ankestyrelsen',
      'Kroniske smerter i ryggen',
      'Kilde: Bo Kristensen, SOCIAL',
      'Fastholdt, sendt til Ankestyrelsen',
      `Indholdets SHA-256: ${document.sha256}`,
    ])
      expect(text).toContain(expected);
  });

  it("Dorte's export holds what her screen shows and no more, and is itself in Mette's log; the pension case is assessment and history", async () => {
    const dorte = (await ok('cw-hou-1', DOCUMENT, { purpose: 'COMPLETE' })).citizen.plan.document;
    const text = pdfText(dorte.pdfBase64);
    expect(text).toContain('Sygemeldt fra lager siden marts; kan nu 12 timer.');
    expect(text).toContain(`Indholdets SHA-256: ${dorte.sha256}`);
    expect(text).not.toMatch(/smerter/);
    const log = (await ok(mette.cpr, LOG)).citizen.accessLog as Array<{
      actorId: string;
      operationName: string;
      ownerDepartment: string | null;
    }>;
    // The joint part read, and the export itself.
    expect(
      log.filter((e) => e.actorId === 'cw-hou-1' && e.operationName === 'PlanDocument' && e.ownerDepartment === null),
    ).toHaveLength(2);

    const pension = (await ok('cw-emp-1', DOCUMENT, { purpose: 'PENSION_CASE' })).citizen.plan.document;
    const pensionText = pdfText(pension.pdfBase64);
    expect(pensionText).toContain('Samlet beskrivelse til sag om førtidspension');
    expect(pensionText).toContain('Udredning');
    expect(pensionText).toContain('Planens historik');
    expect(pensionText).not.toContain('Klagevejledning');

    const clara = await as('cw-chi-1', DOCUMENT, { purpose: 'COMPLETE' });
    expect(errorOf(clara)).toEqual({ path: 'citizen.plan.document', ...NOT_A_PARTY });
  });
});
