import { ConsentUnavailableError, errors, type Actor, type ConsentClient } from '@enplan/lib';
import type { PlanStore } from '../../PlanStore';
import type { CourseService, ReadPlan } from '../CourseService';
import { contentHash, planDocumentHtml, type DocumentPurpose, type PlanDocumentContent } from './planDocumentHtml';

/** A printed document, as the API hands it out. */
export interface PlanDocument {
  purpose: DocumentPurpose;
  generatedAt: number;
  sha256: string;
  pdf: Buffer;
}

/**
 * The plan as a document: what the reader may see on the screen, by the same reads (the joint part
 * and each department's part of the assessment decided and logged as there), printed to PDF. A
 * caseworker's export is itself a disclosure, recorded with the content's hash; if it cannot be
 * recorded, no document is made.
 */
export class PlanDocuments {
  constructor(
    private readonly plans: PlanStore,
    private readonly course: CourseService,
    private readonly consent: ConsentClient,
    private readonly now: () => number,
    private readonly print: (html: string) => Promise<Buffer>,
  ) {}

  async document(
    actor: Actor,
    readPlan: ReadPlan,
    cpr: string,
    purpose: DocumentPurpose,
    operationName: string | null,
  ): Promise<PlanDocument | null> {
    const plan = await readPlan(cpr);
    if (!plan) return null;
    const thisPlan: ReadPlan = async () => plan;
    const [assessment, decision, complaint, history, coordinator] = await Promise.all([
      this.course.assessment(actor, thisPlan, cpr, operationName),
      this.course.decision(thisPlan, cpr),
      this.course.complaint(thisPlan, cpr),
      this.plans.history(plan.id),
      this.plans.caseworker(plan.coordinatingCaseworkerId),
    ]);
    const content: PlanDocumentContent = {
      purpose,
      generatedAt: this.now(),
      generatedFor: actor.role === 'CASEWORKER' ? `${actor.name} (${actor.department})` : actor.name,
      plan,
      coordinatorName: coordinator?.name ?? null,
      assessment,
      decision: purpose === 'COMPLETE' ? decision : null,
      complaint: purpose === 'COMPLETE' ? complaint : null,
      history,
    };
    const sha256 = contentHash(content);
    if (actor.role === 'CASEWORKER') await this.recordExport(actor, cpr, purpose, sha256, operationName);
    return { purpose, generatedAt: content.generatedAt, sha256, pdf: await this.print(planDocumentHtml(content, sha256)) };
  }

  private async recordExport(
    actor: Extract<Actor, { role: 'CASEWORKER' }>,
    cpr: string,
    purpose: DocumentPurpose,
    sha256: string,
    operationName: string | null,
  ): Promise<void> {
    try {
      await this.consent.writeAccessLog([
        {
          actorId: actor.id,
          actorName: actor.name,
          actorDepartment: actor.department,
          cpr,
          ownerDepartment: null,
          categories: ['PLAN'],
          purpose: 'ONE_PLAN',
          decision: 'DISCLOSED',
          kind: 'READ',
          consentId: null,
          operationName,
          reason: `exported the plan as a document (${purpose}); content SHA-256 ${sha256}`,
        },
      ]);
    } catch (error) {
      if (error instanceof ConsentUnavailableError) throw errors.jointPlanConsentUnavailable();
      throw error;
    }
  }
}
