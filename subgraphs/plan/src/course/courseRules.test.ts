import { PERSONAS } from '@enplan/lib';
import type { JointPlanRecord } from '../planModel';
import type { DecisionRecord } from './courseModel';
import {
  COMPLAINT_WEEKS_MS,
  decideMeasure,
  draftDecision,
  fileComplaint,
  measureDecision,
  upholdOnComplaint,
  writeAssessment,
  type MeasureDecisionInput,
} from './courseRules';
import { contentHash, planDocumentHtml } from './document/planDocumentHtml';

const ANNA = { actorId: 'cw-emp-1', actorName: 'Anna Mortensen', actorDepartment: 'EMPLOYMENT' };
const BO = { actorId: 'cw-soc-1', actorName: 'Bo Kristensen', actorDepartment: 'SOCIAL' };
const METTE = { actorId: PERSONAS.mette.cpr, actorName: 'Mette Jensen', actorDepartment: null };
const AT = Date.parse('2027-01-04T09:00:00.000Z');

const plan: JointPlanRecord = {
  id: 'PLAN-M',
  cpr: PERSONAS.mette.cpr,
  version: 3,
  status: 'ACTIVE',
  coordinatingCaseworkerId: 'cw-emp-1',
  citizenGoals: [],
  agreements: [
    { id: 'AGR-1', what: 'Praktik', responsibleDepartment: 'EMPLOYMENT', dueDate: null, actionRef: null },
    { id: 'AGR-2', what: 'Bostøtte', responsibleDepartment: 'SOCIAL', dueDate: null, actionRef: null },
  ],
  meetings: [],
  nextFollowUp: null,
  endedReason: null,
  createdAt: 0,
};
const granted: MeasureDecisionInput = { outcome: 'GRANTED', legalBasis: 'LAB § 68 b', start: '2027-01-04' };
const extensionsOf = (change: () => unknown) => {
  try {
    change();
    return 'OK';
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
};

function issued(): DecisionRecord {
  const draft = draftDecision(plan, ANNA, AT);
  const [practice, support] = draft.measures;
  const once = decideMeasure(draft, practice!.id, 'EMPLOYMENT', measureDecision(granted, ANNA, AT));
  return decideMeasure(once, support!.id, 'SOCIAL', measureDecision({ ...granted, legalBasis: 'serviceloven § 85' }, BO, AT));
}

describe("the rules of a plan's course", () => {
  it.each<[string, Partial<MeasureDecisionInput>, unknown]>([
    ['granted in full needs no reasons (forvaltningsloven § 22)', {}, 'OK'],
    ['refused without reasons', { outcome: 'REFUSED' }, { code: 'BAD_USER_INPUT', field: 'reasons' }],
    ['changed with reasons', { outcome: 'CHANGED', reasons: 'Færre timer.' }, 'OK'],
    ['no legal basis', { legalBasis: '  ' }, { code: 'BAD_USER_INPUT', field: 'legalBasis' }],
    ['a start that is no date', { start: '4/1/2027' }, { code: 'BAD_USER_INPUT', field: 'start' }],
    ['an end before the start', { end: '2027-01-03' }, { code: 'BAD_USER_INPUT', field: 'end' }],
  ])('a measure decision: %s', (_, change, expected) => {
    expect(extensionsOf(() => measureDecision({ ...granted, ...change }, ANNA, AT))).toEqual(expected);
  });

  it('a decision is issued when, and only when, every measure is decided, each by its own department', () => {
    const draft = draftDecision(plan, ANNA, AT);
    const [practice, support] = draft.measures;
    expect(extensionsOf(() => decideMeasure(draft, support!.id, 'EMPLOYMENT', measureDecision(granted, ANNA, AT)))).toEqual({
      code: 'FORBIDDEN',
    });
    const once = decideMeasure(draft, practice!.id, 'EMPLOYMENT', measureDecision(granted, ANNA, AT));
    expect([once.status, once.issuedVersion, once.version]).toEqual(['DRAFT', null, 2]);
    const all = issued();
    expect([all.status, all.issuedVersion, all.issuedAt]).toEqual(['ISSUED', 1, AT]);
    expect(extensionsOf(() => decideMeasure(all, practice!.id, 'EMPLOYMENT', measureDecision(granted, ANNA, AT)))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'measureId',
    });
  });

  it('a complaint is possible up to four weeks after the decision, and not a moment later', () => {
    const decision = issued();
    const ids = [decision.measures[1]!.id];
    expect(fileComplaint(decision, ids, 'Jeg er uenig.', AT + COMPLAINT_WEEKS_MS).parts).toEqual([
      expect.objectContaining({ department: 'SOCIAL', measureIds: ids, dueAt: AT + 2 * COMPLAINT_WEEKS_MS }),
    ]);
    expect(extensionsOf(() => fileComplaint(decision, ids, 'Jeg er uenig.', AT + COMPLAINT_WEEKS_MS + 1))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'measureIds',
    });
    expect(extensionsOf(() => fileComplaint(decision, ['MEA-unknown'], 'Jeg er uenig.', AT))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'measureIds',
    });
  });

  it("an upheld part's package carries the department's own assessment and the citizen's words, never another department's", () => {
    let assessment = writeAssessment(undefined, plan, 'WORK_AND_EDUCATION', 'Kan 10 timer.', ANNA, AT);
    assessment = writeAssessment(assessment, plan, 'HEALTH', 'Rygsmerter.', BO, AT);
    assessment = writeAssessment(assessment, plan, 'DAILY_LIFE', 'Jeg kan med pauser.', METTE, AT);
    const decision = issued();
    const complaint = fileComplaint(decision, [decision.measures[1]!.id], 'Jeg er uenig.', AT);
    const upheld = upholdOnComplaint(complaint, decision, 'SOCIAL', 'Fastholdt.', { assessment, plan }, BO, AT);
    const content = JSON.parse(upheld.parts[0]!.forwardedPackage!.contentJson);
    expect(content.assessment.map((e: { text: string }) => e.text)).toEqual(['Rygsmerter.', 'Jeg kan med pauser.']);
    expect(extensionsOf(() => upholdOnComplaint(upheld, decision, 'SOCIAL', 'Igen.', { assessment, plan }, BO, AT))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'cpr',
    });
    expect(
      extensionsOf(() => upholdOnComplaint(complaint, decision, 'EMPLOYMENT', 'Nej.', { assessment, plan }, ANNA, AT)),
    ).toEqual({
      code: 'FORBIDDEN',
    });
  });

  it("the document escapes everyone's words and prints the hash of its content", () => {
    const assessment = writeAssessment(undefined, plan, 'DAILY_LIFE', '<script>alert(1)</script> & mere', METTE, AT);
    const content = {
      purpose: 'COMPLETE' as const,
      generatedAt: AT,
      generatedFor: 'Mette Jensen',
      plan,
      coordinatorName: 'Anna Mortensen',
      assessment: { version: 1, entries: assessment.entries, sources: assessment.entries },
      decision: null,
      complaint: null,
      history: [],
    };
    const html = planDocumentHtml(content, contentHash(content));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; mere');
    expect(html).toContain(`Indholdets SHA-256: ${contentHash(content)}`);
    expect(html).toContain('150285-XXXX');
    expect(html).not.toContain(PERSONAS.mette.cpr);
  });
});
