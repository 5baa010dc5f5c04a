import { parseCpr, type SubgraphContext } from '@enplan/lib';
import type { GraphQLResolveInfo } from 'graphql';
import type { ChangeAuthor } from '../planModel';
import type { AssessmentEntry, ComplaintPart, ComplaintRecord, DecisionRecord, LifeArea, MeasureDecision } from './courseModel';
import { COMPLAINT_GUIDANCE, complaintDeadline } from './courseRules';
import type { CourseService, ReadPlan } from './CourseService';
import type { PlanDocument, PlanDocuments } from './document/PlanDocuments';
import type { DocumentPurpose } from './document/planDocumentHtml';
import type { MeasureDecisionInput } from './courseRules';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const name = (author: ChangeAuthor | null) => author?.actorName ?? null;

/**
 * The GraphQL side of the plan's course: OnePlan's assessment, decision and complaint (each read
 * through `readPlan`, the joint plan's rules), and the mutations that write them.
 */
export function courseResolvers(
  course: CourseService,
  documents: PlanDocuments,
  readPlan: (context: SubgraphContext, info: GraphQLResolveInfo) => ReadPlan,
  operationName: (info: GraphQLResolveInfo) => string | null,
  now: () => number,
) {
  type Ctx = SubgraphContext;
  return {
    OnePlan: {
      assessment: ({ cpr }: { cpr: string }, _: unknown, context: Ctx, info: GraphQLResolveInfo) =>
        course.assessment(context.actor, readPlan(context, info), cpr, operationName(info)),
      decision: ({ cpr }: { cpr: string }, _: unknown, context: Ctx, info: GraphQLResolveInfo) =>
        course.decision(readPlan(context, info), cpr),
      complaint: ({ cpr }: { cpr: string }, _: unknown, context: Ctx, info: GraphQLResolveInfo) =>
        course.complaint(readPlan(context, info), cpr),
      document: ({ cpr }: { cpr: string }, a: { purpose: DocumentPurpose }, context: Ctx, info: GraphQLResolveInfo) =>
        documents.document(context.actor, readPlan(context, info), cpr, a.purpose, operationName(info)),
    },
    PlanDocument: {
      generatedAt: (d: PlanDocument) => iso(d.generatedAt),
      pdfBase64: (d: PlanDocument) => d.pdf.toString('base64'),
    },
    AssessmentEntry: {
      authorName: (e: AssessmentEntry) => e.author.actorName,
      authorDepartment: (e: AssessmentEntry) => e.author.actorDepartment,
      at: (e: AssessmentEntry) => iso(e.at),
    },
    JointDecision: {
      issuedAt: (d: DecisionRecord) => iso(d.issuedAt),
      draftedByName: (d: DecisionRecord) => d.draftedBy.actorName,
      complaintGuidance: (d: DecisionRecord) => ({ ...COMPLAINT_GUIDANCE, deadline: iso(complaintDeadline(d)) }),
      revisions: (d: DecisionRecord) => d.revisions.map((r) => ({ ...r, at: iso(r.at), byName: name(r.by) })),
    },
    MeasureDecision: {
      decidedByName: (m: MeasureDecision) => m.decidedBy.actorName,
      decidedAt: (m: MeasureDecision) => iso(m.decidedAt),
    },
    Complaint: {
      filedAt: (c: { filedAt: number }) => iso(c.filedAt),
      filedByRepresentative: (c: ComplaintRecord) => c.filedByRepresentative?.name ?? null,
    },
    ComplaintPart: {
      dueAt: (p: ComplaintPart) => iso(p.dueAt),
      overdue: (p: ComplaintPart) => p.status === 'REASSESSING' && now() > p.dueAt,
      answeredAt: (p: ComplaintPart) => iso(p.answeredAt),
      forwardedPackage: (p: ComplaintPart, _: unknown, { actor }: Ctx) =>
        p.forwardedPackage && {
          ...p.forwardedPackage,
          createdAt: iso(p.forwardedPackage.createdAt),
          // The case file is the citizen's and the deciding department's; other parties see that it went, and its hash.
          contentJson:
            actor.role === 'CITIZEN' || (actor.role === 'CASEWORKER' && actor.department === p.department)
              ? p.forwardedPackage.contentJson
              : null,
        },
    },
    Mutation: {
      writeAssessment: (
        _: unknown,
        a: { cpr: string; expectedVersion: number; lifeArea: LifeArea; text: string },
        context: Ctx,
      ) => course.writeAssessment(context.actor, parseCpr(a.cpr), a.expectedVersion, a.lifeArea, a.text, context),
      draftJointDecision: (_: unknown, a: { cpr: string }, context: Ctx) =>
        course.draftDecision(context.actor, parseCpr(a.cpr), context),
      decideMeasure: (
        _: unknown,
        a: { cpr: string; expectedVersion: number; measureId: string; decision: MeasureDecisionInput },
        context: Ctx,
      ) => course.decideMeasure(context.actor, parseCpr(a.cpr), a.expectedVersion, a.measureId, a.decision, context),
      fileComplaint: (_: unknown, a: { cpr: string; measureIds: string[]; text: string }, { actor }: Ctx) =>
        course.fileComplaint(actor, parseCpr(a.cpr), a.measureIds, a.text),
      reassessComplaint: (
        _: unknown,
        a: {
          cpr: string;
          expectedVersion: number;
          outcome: 'CHANGE' | 'UPHOLD';
          reasons: string;
          changes?: Array<{ measureId: string; decision: MeasureDecisionInput }> | null;
        },
        context: Ctx,
      ) => course.reassess(context.actor, parseCpr(a.cpr), a.expectedVersion, a.outcome, a.reasons, a.changes ?? [], context),
    },
  };
}
