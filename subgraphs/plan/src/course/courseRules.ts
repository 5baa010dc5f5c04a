import { createHash, randomUUID } from 'node:crypto';
import { errors, type DataCategory, type Department } from '@enplan/lib';
import type { ChangeAuthor, JointPlanRecord } from '../planModel';
import {
  LIFE_AREA_CATEGORY,
  type AssessmentEntry,
  type AssessmentRecord,
  type ComplaintRecord,
  type DecisionRecord,
  type LifeArea,
  type MeasureDecision,
  type MeasureOutcome,
} from './courseModel';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Four weeks from receipt to complain (the complaint guidance), and for the department to reassess (retssikkerhedsloven § 66). */
export const COMPLAINT_WEEKS_MS = 28 * DAY_MS;
const MAX_TEXT = 5_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The complaint guidance (klagevejledning) of the joint decision: one, covering every measure. */
export const COMPLAINT_GUIDANCE = {
  firstInstance: 'Kommunen',
  appealBody: 'Ankestyrelsen',
  text:
    'Du kan klage over afgørelsen. Klagen skal være modtaget senest fire uger efter, at du har fået afgørelsen. ' +
    'Du klager ét sted, til kommunen, over en eller flere af indsatserne. Hver afdeling genvurderer sin del ' +
    '(retssikkerhedslovens § 66). Fastholder afdelingen sin afgørelse, sender den klagen med sagens akter videre til Ankestyrelsen.',
};

function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw errors.badUserInput(`${field} must not be empty.`, { field });
  if (trimmed.length > MAX_TEXT) throw errors.badUserInput(`${field} may be at most ${MAX_TEXT} characters.`, { field });
  return trimmed;
}

/**
 * The author's text about a life area: a department's part (author with a department) or the
 * citizen's own words. The author's earlier text about the area is kept, marked as replaced.
 */
export function writeAssessment(
  current: AssessmentRecord | undefined,
  plan: JointPlanRecord,
  lifeArea: LifeArea,
  value: string,
  author: ChangeAuthor,
  at: number,
): AssessmentRecord {
  const entry: AssessmentEntry = { id: `ASM-${randomUUID()}`, lifeArea, text: text(value, 'text'), author, at, replacedBy: null };
  const sameSource = (e: AssessmentEntry) =>
    e.replacedBy === null && e.lifeArea === lifeArea && e.author.actorDepartment === author.actorDepartment;
  const entries = (current?.entries ?? []).map((e) => (sameSource(e) ? { ...e, replacedBy: entry.id } : e));
  return { planId: plan.id, cpr: plan.cpr, version: (current?.version ?? 0) + 1, entries: [...entries, entry] };
}

/** Whom an entry's data belongs to: its department, or null for the citizen's own words (joint-part data). */
export const entryOwner = (entry: AssessmentEntry): Department | null => entry.author.actorDepartment;
export const entryCategory = (entry: AssessmentEntry): DataCategory => LIFE_AREA_CATEGORY[entry.lifeArea];

/** The coordinator drafts the decision from the plan's agreements: one measure each, for its department to decide. */
export function draftDecision(plan: JointPlanRecord, author: ChangeAuthor, at: number): DecisionRecord {
  if (plan.agreements.length === 0) throw errors.badUserInput('The plan has no agreements to decide on yet.', { field: 'cpr' });
  return {
    planId: plan.id,
    cpr: plan.cpr,
    version: 1,
    id: `DEC-${randomUUID()}`,
    status: 'DRAFT',
    draftedBy: author,
    draftedAt: at,
    measures: plan.agreements.map((a) => ({
      id: `MEA-${randomUUID()}`,
      agreementId: a.id,
      what: a.what,
      department: a.responsibleDepartment,
      decision: null,
    })),
    issuedVersion: null,
    issuedAt: null,
    revisions: [],
  };
}

/** What a department decides on a measure, before it is checked. */
export interface MeasureDecisionInput {
  outcome: MeasureOutcome;
  legalBasis: string;
  reasons?: string | null;
  start: string;
  end?: string | null;
}

/** Checks a department's decision (forvaltningsloven §§ 22–24): a legal basis always; reasons unless granted in full. */
export function measureDecision(input: MeasureDecisionInput, decidedBy: ChangeAuthor, decidedAt: number): MeasureDecision {
  const reasons = input.reasons?.trim() ?? '';
  if (input.outcome !== 'GRANTED' && !reasons)
    throw errors.badUserInput('A measure refused or changed needs its reasons (forvaltningsloven § 22).', { field: 'reasons' });
  if (!DATE.test(input.start)) throw errors.badUserInput('start must be a date (YYYY-MM-DD).', { field: 'start' });
  const end = input.end ?? null;
  if (end !== null && (!DATE.test(end) || end < input.start))
    throw errors.badUserInput('end must be a date (YYYY-MM-DD) on or after start.', { field: 'end' });
  return {
    outcome: input.outcome,
    legalBasis: text(input.legalBasis, 'legalBasis'),
    reasons: reasons.slice(0, MAX_TEXT),
    start: input.start,
    end,
    decidedBy,
    decidedAt,
  };
}

/**
 * A department decides one of its own measures in the draft. When the last measure is decided the
 * decision is issued: one document, version 1.
 */
export function decideMeasure(
  decision: DecisionRecord,
  measureId: string,
  department: Department,
  made: MeasureDecision,
): DecisionRecord {
  if (decision.status !== 'DRAFT')
    throw errors.badUserInput('The decision is issued; a measure changes only on a complaint.', { field: 'measureId' });
  const measure = decision.measures.find((m) => m.id === measureId);
  if (!measure) throw errors.badUserInput('The decision has no measure with that id.', { field: 'measureId' });
  if (measure.department !== department)
    throw errors.forbidden(`Only ${measure.department} decides this measure: each department decides its own.`);
  const measures = decision.measures.map((m) => (m.id === measureId ? { ...m, decision: made } : m));
  const next = { ...decision, version: decision.version + 1, measures };
  if (!measures.every((m) => m.decision !== null)) return next;
  return {
    ...next,
    status: 'ISSUED',
    issuedVersion: 1,
    issuedAt: made.decidedAt,
    revisions: [{ issuedVersion: 1, at: made.decidedAt, changedMeasureIds: [], by: null }],
  };
}

/** The last day to complain: four weeks from receipt (the day it was issued to the inbox). */
export const complaintDeadline = (decision: DecisionRecord): number | null =>
  decision.issuedAt === null ? null : decision.issuedAt + COMPLAINT_WEEKS_MS;

/** The citizen's one complaint, split to each department responsible for a measure complained of. */
export function fileComplaint(
  decision: DecisionRecord,
  measureIds: readonly string[],
  value: string,
  at: number,
): ComplaintRecord {
  if (decision.status !== 'ISSUED') throw errors.badUserInput('There is no issued decision to complain about.', { field: 'cpr' });
  if (at > complaintDeadline(decision)!)
    throw errors.badUserInput('The four weeks to complain have passed.', { field: 'measureIds' });
  const chosen = [...new Set(measureIds)];
  if (chosen.length === 0 || !chosen.every((id) => decision.measures.some((m) => m.id === id)))
    throw errors.badUserInput('Choose one or more of the decision’s measures.', { field: 'measureIds' });
  const departments = [...new Set(decision.measures.filter((m) => chosen.includes(m.id)).map((m) => m.department))];
  return {
    planId: decision.planId,
    cpr: decision.cpr,
    version: 1,
    id: `CMP-${randomUUID()}`,
    decisionId: decision.id,
    text: text(value, 'text'),
    filedAt: at,
    parts: departments.map((department) => ({
      department,
      measureIds: decision.measures.filter((m) => m.department === department && chosen.includes(m.id)).map((m) => m.id),
      status: 'REASSESSING',
      dueAt: at + COMPLAINT_WEEKS_MS,
      answeredAt: null,
      answeredBy: null,
      reasons: null,
      forwardedPackage: null,
    })),
  };
}

/** The department's part of the complaint, while it still has to be reassessed. */
function openPart(complaint: ComplaintRecord, department: Department) {
  const part = complaint.parts.find((p) => p.department === department);
  if (!part) throw errors.forbidden('The complaint names no measure of your department.');
  if (part.status !== 'REASSESSING')
    throw errors.badUserInput('Your department has already reassessed its part of the complaint.', { field: 'cpr' });
  return part;
}

/**
 * The department changes its measures complained of (genvurdering gives the citizen right, fully or
 * in part): a new issued version of the decision, and its part of the complaint is answered.
 */
export function changeOnComplaint(
  complaint: ComplaintRecord,
  decision: DecisionRecord,
  department: Department,
  changes: ReadonlyMap<string, MeasureDecision>,
  reasons: string,
  by: ChangeAuthor,
  at: number,
): { complaint: ComplaintRecord; decision: DecisionRecord } {
  const part = openPart(complaint, department);
  if (changes.size === 0 || ![...changes.keys()].every((id) => part.measureIds.includes(id)))
    throw errors.badUserInput('Change only measures of your department that the complaint names.', { field: 'changes' });
  const issuedVersion = decision.issuedVersion! + 1;
  return {
    decision: {
      ...decision,
      version: decision.version + 1,
      issuedVersion,
      measures: decision.measures.map((m) => ({ ...m, decision: changes.get(m.id) ?? m.decision })),
      revisions: [...decision.revisions, { issuedVersion, at, changedMeasureIds: [...changes.keys()], by }],
    },
    complaint: answer(complaint, department, {
      status: 'CHANGED',
      reasons: text(reasons, 'reasons'),
      by,
      at,
      forwardedPackage: null,
    }),
  };
}

/** What goes on to Ankestyrelsen with an upheld part: the complaint, the measures and the case file. */
export interface CaseFile {
  assessment: AssessmentRecord | undefined;
  plan: JointPlanRecord;
}

/** The department upholds its measures: its part goes on to Ankestyrelsen as a package with the case file. */
export function upholdOnComplaint(
  complaint: ComplaintRecord,
  decision: DecisionRecord,
  department: Department,
  reasons: string,
  caseFile: CaseFile,
  by: ChangeAuthor,
  at: number,
): ComplaintRecord {
  const part = openPart(complaint, department);
  const why = text(reasons, 'reasons');
  const contentJson = JSON.stringify({
    to: COMPLAINT_GUIDANCE.appealBody,
    complaint: { id: complaint.id, filedAt: new Date(complaint.filedAt).toISOString(), text: complaint.text },
    department,
    upheldBecause: why,
    measures: decision.measures.filter((m) => part.measureIds.includes(m.id)),
    decision: { id: decision.id, issuedVersion: decision.issuedVersion, issuedAt: decision.issuedAt },
    // The case file: only the department's own parts of the assessment and the citizen's words.
    assessment: (caseFile.assessment?.entries ?? []).filter((e) => [department, null].includes(entryOwner(e))),
    plan: { id: caseFile.plan.id, citizenGoals: caseFile.plan.citizenGoals, agreements: caseFile.plan.agreements },
  });
  const forwardedPackage = {
    id: `ANK-${randomUUID()}`,
    createdAt: at,
    sha256: createHash('sha256').update(contentJson).digest('hex'),
    contentJson,
  };
  return answer(complaint, department, { status: 'UPHELD_FORWARDED', reasons: why, by, at, forwardedPackage });
}

function answer(
  complaint: ComplaintRecord,
  department: Department,
  a: {
    status: 'CHANGED' | 'UPHELD_FORWARDED';
    reasons: string;
    by: ChangeAuthor;
    at: number;
    forwardedPackage: ComplaintRecord['parts'][number]['forwardedPackage'];
  },
): ComplaintRecord {
  return {
    ...complaint,
    version: complaint.version + 1,
    parts: complaint.parts.map((p) =>
      p.department === department
        ? { ...p, status: a.status, answeredAt: a.at, answeredBy: a.by, reasons: a.reasons, forwardedPackage: a.forwardedPackage }
        : p,
    ),
  };
}
