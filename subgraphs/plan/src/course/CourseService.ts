import {
  assertPower,
  ConsentUnavailableError,
  departmentCodes,
  errors,
  type AccessLogInput,
  type Actor,
  type ConsentClient,
  type DataCategory,
  type Department,
  type DecisionQuestion,
  type Logger,
  type Notification,
} from '@enplan/lib';
import type { JointPlanAccess } from '../JointPlanAccess';
import { author, notification, type JointPlanWrites } from '../JointPlanWrites';
import type { JointPlanRecord } from '../planModel';
import { StaleVersionError, type PlanStore } from '../PlanStore';
import type { AssessmentEntry, AssessmentRecord, ComplaintRecord, DecisionRecord, LifeArea } from './courseModel';
import {
  changeOnComplaint,
  decideMeasure,
  draftDecision,
  entryCategory,
  entryOwner,
  fileComplaint,
  measureDecision,
  upholdOnComplaint,
  writeAssessment,
  type MeasureDecisionInput,
} from './courseRules';
import type { CourseStore, CourseWrite } from './CourseStore';

/** The assessment as one reader may see it: the current texts and every source, each filtered by the rules of access. */
export interface AssessmentView {
  version: number;
  entries: AssessmentEntry[];
  sources: AssessmentEntry[];
}

/** The plan a course read is about, once the reader may see the joint part (JointPlanAccess has decided and logged it). */
export type ReadPlan = (cpr: string) => Promise<JointPlanRecord | null>;

/**
 * The plan's course after the plan itself: the shared assessment, the joint decision and the
 * citizen's one complaint. Reads go through the joint plan's rules (rule 9: parties only, logged);
 * a department's part of the assessment is that department's data and crosses only under the
 * consent for its category (rule 2), decided and logged here like any disclosure (rule 5). Each
 * department decides and reassesses only its own measures.
 */
export class CourseService {
  constructor(
    private readonly plans: PlanStore,
    private readonly course: CourseStore,
    private readonly access: JointPlanAccess,
    private readonly writes: JointPlanWrites,
    private readonly consent: ConsentClient,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  async assessment(actor: Actor, readPlan: ReadPlan, cpr: string, operationName: string | null): Promise<AssessmentView | null> {
    const plan = await readPlan(cpr);
    const record = plan && (await this.course.read<AssessmentRecord>(plan.id, 'assessment'));
    return record ? this.view(actor, record, operationName) : null;
  }

  private async view(actor: Actor, record: AssessmentRecord, operationName: string | null): Promise<AssessmentView> {
    const visible = await this.visibleEntries(actor, record, operationName);
    return {
      version: record.version,
      entries: visible.filter((e) => e.replacedBy === null),
      sources: [...visible].sort((a, b) => b.at - a.at),
    };
  }

  async decision(readPlan: ReadPlan, cpr: string): Promise<DecisionRecord | null> {
    const plan = await readPlan(cpr);
    return (plan && (await this.course.read<DecisionRecord>(plan.id, 'decision'))) ?? null;
  }

  async complaint(readPlan: ReadPlan, cpr: string): Promise<ComplaintRecord | null> {
    const plan = await readPlan(cpr);
    return (plan && (await this.course.read<ComplaintRecord>(plan.id, 'complaint'))) ?? null;
  }

  /** A department writes its part about a life area, or the citizen their own words. */
  async writeAssessment(
    actor: Actor,
    cpr: string,
    expectedVersion: number,
    lifeArea: LifeArea,
    text: string,
    request: object,
  ): Promise<AssessmentView> {
    const plan = await this.openPlan(actor, cpr, request);
    const current = await this.course.read<AssessmentRecord>(plan.id, 'assessment');
    if ((current?.version ?? 0) !== expectedVersion) throw errors.conflict(expectedVersion, current?.version ?? 0);
    const next = writeAssessment(current, plan, lifeArea, text, author(actor), this.now());
    const category = entryCategory(next.entries.at(-1)!);
    await this.writes.recordWrite(actor, cpr, 'assessment.write', `the assessment of ${lifeArea}`, [category]);
    await this.save([{ kind: 'assessment', expectedVersion, document: next }]);
    return this.view(actor, next, 'writeAssessment');
  }

  /** The coordinating caseworker drafts the joint decision from the plan's agreements. */
  async draftDecision(actor: Actor, cpr: string, request: object): Promise<DecisionRecord> {
    const plan = await this.openPlan(actor, cpr, request);
    if (actor.role !== 'CASEWORKER' || actor.id !== plan.coordinatingCaseworkerId)
      throw errors.forbidden('Only the coordinating caseworker drafts the joint decision.');
    if (await this.course.read(plan.id, 'decision'))
      throw errors.badUserInput('The plan already has a joint decision.', { field: 'cpr' });
    const draft = draftDecision(plan, author(actor), this.now());
    await this.writes.recordWrite(actor, cpr, 'decision.draft', 'drafted the joint decision');
    await this.save([{ kind: 'decision', expectedVersion: 0, document: draft }]);
    return draft;
  }

  /** A department decides one of its own measures; the last decision issues the whole (inbox and Digital Post). */
  async decideMeasure(
    actor: Actor,
    cpr: string,
    expectedVersion: number,
    measureId: string,
    input: MeasureDecisionInput,
    request: object,
  ): Promise<DecisionRecord> {
    if (actor.role !== 'CASEWORKER') throw errors.forbidden('Only the responsible department decides a measure.');
    const plan = await this.openPlan(actor, cpr, request);
    const decision = await this.current<DecisionRecord>(plan, 'decision', expectedVersion);
    const at = this.now();
    const next = decideMeasure(decision, measureId, actor.department, measureDecision(input, author(actor), at));
    await this.writes.recordWrite(actor, cpr, 'decision.decide', `decided its measure ${measureId}: ${input.outcome}`);
    const issued =
      next.status === 'ISSUED'
        ? [
            notification(cpr, 'DECISION_ISSUED', at, {
              body:
                `Du har fået én samlet afgørelse om ${next.measures.length} indsatser fra ` +
                `${[...new Set(next.measures.map((m) => m.department))].join(', ')}. Du kan klage over den inden fire uger.`,
              facts: { decisionId: next.id, departments: [...new Set(next.measures.map((m) => m.department))] },
            }),
          ]
        : [];
    await this.save([{ kind: 'decision', expectedVersion, document: next }], issued);
    return next;
  }

  /**
   * The citizen, or their representative under a FILE_COMPLAINT power (docs/design.md rule 13), and
   * nobody else, complains once about the issued decision.
   */
  async fileComplaint(actor: Actor, cpr: string, measureIds: readonly string[], text: string): Promise<ComplaintRecord> {
    // Before anything is looked up: a caseworker learns nothing of whether there is a decision.
    if (actor.role !== 'CITIZEN' || actor.cpr !== cpr)
      throw errors.forbidden('Only the citizen can complain about their decision.');
    assertPower(actor, 'FILE_COMPLAINT');
    const plan = await this.plans.currentPlan(cpr);
    const decision = plan && (await this.course.read<DecisionRecord>(plan.id, 'decision'));
    if (!plan || !decision) throw errors.badUserInput('There is no issued decision to complain about.', { field: 'cpr' });
    if (await this.course.read(plan.id, 'complaint'))
      throw errors.badUserInput('You have already complained about this decision.', { field: 'cpr' });
    const at = this.now();
    const representation = actor.representation;
    const complaint: ComplaintRecord = {
      ...fileComplaint(decision, measureIds, text, at),
      filedByRepresentative: representation ? { name: representation.representativeName, powerId: representation.powerId } : null,
    };
    const departments = complaint.parts.map((p) => p.department);
    const received = representation
      ? `Vi har modtaget klagen, som ${representation.representativeName} har indgivet på dine vegne.`
      : 'Vi har modtaget din klage.';
    await this.save(
      [{ kind: 'complaint', expectedVersion: 0, document: complaint }],
      [
        notification(cpr, 'COMPLAINT_RECEIVED', at, {
          body: `${received} Den er sendt til genvurdering hos ${departments.join(', ')}, som svarer inden fire uger.`,
          facts: { complaintId: complaint.id, departments, representative: representation?.representativeName ?? null },
        }),
      ],
    );
    return complaint;
  }

  /**
   * The department reassesses its part (retssikkerhedsloven § 66): it changes its measures (a new
   * version of the decision) or upholds them, and the part goes on to Ankestyrelsen as a package.
   */
  async reassess(
    actor: Actor,
    cpr: string,
    expectedVersion: number,
    outcome: 'CHANGE' | 'UPHOLD',
    reasons: string,
    changes: ReadonlyArray<{ measureId: string; decision: MeasureDecisionInput }>,
    request: object,
  ): Promise<ComplaintRecord> {
    if (actor.role !== 'CASEWORKER') throw errors.forbidden('Only the responsible department reassesses a complaint.');
    const plan = await this.openPlan(actor, cpr, request);
    const complaint = await this.current<ComplaintRecord>(plan, 'complaint', expectedVersion);
    const decision = (await this.course.read<DecisionRecord>(plan.id, 'decision'))!;
    const by = author(actor);
    const at = this.now();
    const writes: CourseWrite[] = [];
    let answered: ComplaintRecord;
    if (outcome === 'CHANGE') {
      const made = new Map(changes.map((c) => [c.measureId, measureDecision(c.decision, by, at)]));
      const changed = changeOnComplaint(complaint, decision, actor.department, made, reasons, by, at);
      writes.push({ kind: 'decision', expectedVersion: decision.version, document: changed.decision });
      answered = changed.complaint;
    } else {
      const assessment = await this.course.read<AssessmentRecord>(plan.id, 'assessment');
      answered = upholdOnComplaint(complaint, decision, actor.department, reasons, { assessment, plan }, by, at);
    }
    await this.writes.recordWrite(actor, cpr, 'complaint.reassess', `reassessed its part of the complaint: ${outcome}`);
    const part = answered.parts.find((p) => p.department === actor.department)!;
    writes.push({ kind: 'complaint', expectedVersion, document: answered });
    await this.save(writes, [
      notification(cpr, 'COMPLAINT_ANSWERED', at, {
        body:
          outcome === 'CHANGE'
            ? `${actor.department} har genvurderet sin del af din klage og ændret afgørelsen. Begrundelse: ${part.reasons}`
            : `${actor.department} har genvurderet sin del af din klage og fastholder afgørelsen. Klagen er sendt videre til Ankestyrelsen. Begrundelse: ${part.reasons}`,
        facts: { complaintId: complaint.id, department: actor.department, status: part.status, reasons: part.reasons },
      }),
    ]);
    return answered;
  }

  /** The plan a write is about, once the writer may act on it (same rules as the joint plan) and it runs. */
  private async openPlan(actor: Actor, cpr: string, request: object): Promise<JointPlanRecord> {
    await this.access.check(actor, cpr, request);
    const plan = await this.plans.currentPlan(cpr);
    if (!plan) throw errors.badUserInput('The citizen has no one plan yet.', { field: 'cpr' });
    if (plan.status === 'ENDED') throw errors.badUserInput('The plan has ended; it can no longer be changed.', { field: 'cpr' });
    return plan;
  }

  private async current<T extends DecisionRecord | ComplaintRecord>(
    plan: JointPlanRecord,
    kind: 'decision' | 'complaint',
    expectedVersion: number,
  ): Promise<T> {
    const found = await this.course.read<T>(plan.id, kind);
    if (!found)
      throw errors.badUserInput(kind === 'decision' ? 'The plan has no joint decision yet.' : 'There is no complaint.', {
        field: 'cpr',
      });
    if (found.version !== expectedVersion) throw errors.conflict(expectedVersion, found.version);
    return found;
  }

  private async save(writes: readonly CourseWrite[], notify: readonly Notification[] = []): Promise<void> {
    try {
      await this.course.write(writes, notify);
    } catch (error) {
      if (error instanceof StaleVersionError) throw errors.conflict(writes[0]!.expectedVersion, error.currentVersion);
      throw error;
    }
  }

  /**
   * The citizen sees every entry; a caseworker their own department's, the citizen's words (the
   * joint part, already decided), and another department's only where the consent covers its
   * category. Each other department's entries shown or withheld are recorded; a record that cannot
   * be written withholds them (fails closed).
   */
  private async visibleEntries(actor: Actor, record: AssessmentRecord, operationName: string | null): Promise<AssessmentEntry[]> {
    if (actor.role !== 'CASEWORKER') return record.entries;
    const recipient = actor.department;
    const foreign = record.entries.filter((e) => entryOwner(e) !== null && entryOwner(e) !== recipient);
    const pairs = [...new Set(foreign.map((e) => `${entryOwner(e)}|${entryCategory(e)}`))].map((key) => {
      const [owner, category] = key.split('|') as [Department, DataCategory];
      return { owner, category };
    });
    const allowed = new Set<string>();
    const log: AccessLogInput[] = [];
    if (pairs.length > 0) {
      try {
        const questions: DecisionQuestion[] = pairs.map((p) => ({ cpr: record.cpr, recipient, purpose: 'ONE_PLAN', ...p }));
        const { decisions } = await this.consent.decide(questions);
        pairs.forEach((p, i) => decisions[i]!.allowed && allowed.add(`${p.owner}|${p.category}`));
        for (const owner of departmentCodes()) {
          for (const decision of ['DISCLOSED', 'DENIED'] as const) {
            const indexes = pairs.flatMap((p, i) =>
              p.owner === owner && decisions[i]!.allowed === (decision === 'DISCLOSED') ? [i] : [],
            );
            if (indexes.length === 0) continue;
            log.push({
              actorId: actor.id,
              actorName: actor.name,
              actorDepartment: recipient,
              cpr: record.cpr,
              ownerDepartment: owner,
              categories: indexes.map((i) => pairs[i]!.category),
              purpose: 'ONE_PLAN',
              decision,
              kind: 'READ',
              consentId: decisions[indexes[0]!]!.consentId,
              operationName,
              reason: `the shared assessment: ${decisions[indexes[0]!]!.reason}`.slice(0, 500),
            });
          }
        }
        await this.consent.writeAccessLog(log);
      } catch (error) {
        if (!(error instanceof ConsentUnavailableError)) throw error;
        this.logger.warn('assessment parts withheld: consent could not be checked or recorded', { reason: error.message });
        allowed.clear();
      }
    }
    return record.entries.filter((e) => {
      const owner = entryOwner(e);
      return owner === null || owner === recipient || allowed.has(`${owner}|${entryCategory(e)}`);
    });
  }
}
