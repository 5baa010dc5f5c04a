import { randomUUID } from 'node:crypto';
import {
  ConsentUnavailableError,
  errors,
  isDepartment,
  NO_ROLE_MESSAGE,
  NOTIFICATION_SUBJECTS,
  providerOrganisation,
  type AccessLogInput,
  type Actor,
  type ConsentClient,
  type DataCategory,
  type Department,
  type Notification,
  type NotificationKind,
} from '@enplan/lib';
import { PROVIDER_LEGAL_BASIS, providerLogEntry, type JointPlanAccess } from './JointPlanAccess';
import { described } from './planChangeEvents';
import { planChanges, type Changed } from './planChanges';
import type { ChangeAuthor, JointPlanRecord, PlanRequestRecord, ProgressNote } from './planModel';
import { AlreadyOpenError, RequestNotPendingError, StaleVersionError, type PlanStore, type RequestAnswer } from './PlanStore';
import { citizenLetter, type CitizenLetter, type PlanChangeNotice } from './citizenLetters';

const newId = (prefix: string) => () => `${prefix}-${randomUUID()}`;

/** A caseworker whose department the citizen's consent makes a party to the plan. */
export interface PartyCaseworker {
  id: string;
  name: string;
  department: Department;
}

export function author(actor: Actor): ChangeAuthor {
  return { actorId: actor.id, actorName: actor.name, actorDepartment: actor.role === 'CASEWORKER' ? actor.department : null };
}

/** The change kinds a citizen may make to their own plan; everything else is for the parties. */
const CITIZEN_MAY = new Set<keyof typeof planChanges>(['setCitizenGoals', 'activate']);

/**
 * Every write to the joint plan and to the citizen's requests for one: who may make it (the
 * parties the consent names, the citizen for their own goals and agreement), optimistic
 * concurrency (`CONFLICT`), the history entry, and the citizen's notification, each in the same
 * transaction as the change.
 */
export class JointPlanWrites {
  constructor(
    private readonly store: PlanStore,
    private readonly access: JointPlanAccess,
    private readonly consent: ConsentClient,
    private readonly now: () => number,
  ) {}

  /** A change to an existing plan, based on the version the writer read. */
  async change(
    actor: Actor,
    cpr: string,
    expectedVersion: number,
    kind: keyof typeof planChanges,
    apply: (plan: JointPlanRecord) => Changed,
    request: object,
  ): Promise<JointPlanRecord> {
    // Decided before the plan is looked up: a refusal says nothing about whether a plan exists.
    await this.access.check(actor, cpr, request);
    if (actor.role === 'CITIZEN' && !CITIZEN_MAY.has(kind))
      throw errors.forbidden('Only the departments taking part may change this.');
    const plan = await this.store.currentPlan(cpr);
    if (!plan) throw errors.badUserInput('The citizen has no one plan yet.', { field: 'cpr' });
    if (plan.status === 'ENDED') throw errors.badUserInput('The plan has ended; it can no longer be changed.', { field: 'cpr' });
    if (plan.version !== expectedVersion) throw errors.conflict(expectedVersion, plan.version);
    if (kind === 'handOver' && !(actor.role === 'CASEWORKER' && actor.id === plan.coordinatingCaseworkerId)) {
      throw errors.forbidden('Only the coordinating caseworker can hand the plan over.');
    }
    const { plan: changed, change } = apply(plan);
    const next = { ...changed, version: plan.version + 1 };
    await this.recordWrite(actor, cpr, kind, change.summary);
    const at = this.now();
    const kindNotified = NOTIFIED[kind];
    try {
      await this.store.update(
        next,
        expectedVersion,
        { ...author(actor), at, ...change },
        kindNotified ? [notification(cpr, kindNotified, at, citizenLetter(kindNotified, plan, next))] : [],
      );
    } catch (error) {
      if (error instanceof StaleVersionError) throw errors.conflict(expectedVersion, error.currentVersion);
      throw error;
    }
    return next;
  }

  /** A caseworker of a party department creates the plan, coordinating it themself or naming a colleague. */
  async create(
    actor: Actor,
    input: { cpr: string; coordinatingCaseworkerId?: string | null; citizenGoals?: readonly string[] | null },
    request: object,
    answering?: { answer: RequestAnswer; notify: Notification },
  ): Promise<JointPlanRecord> {
    if (actor.role !== 'CASEWORKER') throw errors.forbidden('Only a caseworker of a department taking part can create the plan.');
    await this.access.check(actor, input.cpr, request);
    const coordinator = await this.partyCaseworker(
      input.coordinatingCaseworkerId ?? actor.id,
      input.cpr,
      'coordinatingCaseworkerId',
    );
    const existing = await this.store.currentPlan(input.cpr);
    if (existing && existing.status !== 'ENDED') throw planExists();
    const at = this.now();
    const draft: JointPlanRecord = {
      id: `PLAN-${randomUUID()}`,
      cpr: input.cpr,
      version: 1,
      status: 'DRAFT',
      coordinatingCaseworkerId: coordinator.id,
      citizenGoals: [],
      agreements: [],
      meetings: [],
      nextFollowUp: null,
      endedReason: null,
      createdAt: at,
    };
    const plan = input.citizenGoals ? planChanges.setCitizenGoals(draft, input.citizenGoals, newId('GOAL')).plan : draft;
    const change = described({
      kind: 'PLAN_CREATED',
      facts: { coordinator: coordinator.name, department: coordinator.department },
    });
    await this.recordWrite(actor, input.cpr, 'create', change.summary);
    const created = notification(input.cpr, 'PLAN_CREATED', at, {
      body: `Din fælles plan er oprettet. ${coordinator.name} (${coordinator.department}) er din koordinerende sagsbehandler.`,
      facts: { coordinator: coordinator.name, department: coordinator.department },
    });
    try {
      await this.store.create(plan, author(actor), change, {
        ...(answering && { answer: answering.answer }),
        notify: answering ? [answering.notify, created] : [created],
      });
    } catch (error) {
      // Another caseworker (perhaps through another replica) created the plan, or answered the request, first.
      if (error instanceof AlreadyOpenError) throw planExists();
      if (error instanceof RequestNotPendingError) throw noOpenRequest();
      throw error;
    }
    return plan;
  }

  /** The new coordinator of a hand-over: a known caseworker whose department the consent makes a party. */
  async handOverTarget(toCaseworkerId: string, cpr: string): Promise<PartyCaseworker> {
    return this.partyCaseworker(toCaseworkerId, cpr, 'toCaseworkerId');
  }

  /**
   * Whom the coordinator can hand the plan to (handOverCoordination accepts exactly these): known
   * caseworkers of a party department, the coordinator aside. One consent check per department.
   */
  async handOverCandidates(actor: Actor, plan: JointPlanRecord): Promise<PartyCaseworker[]> {
    if (actor.role !== 'CASEWORKER' || actor.id !== plan.coordinatingCaseworkerId) return [];
    const others: PartyCaseworker[] = (await this.store.caseworkers()).flatMap(({ id, name, department }) =>
      id !== plan.coordinatingCaseworkerId && isDepartment(department) ? [{ id, name, department }] : [],
    );
    const onePerDepartment = new Map(others.map((c) => [c.department, c]));
    const party = new Set<string>();
    await Promise.all(
      [...onePerDepartment].map(async ([department, caseworker]) => {
        if (await this.isParty(caseworker, plan.cpr)) party.add(department);
      }),
    );
    return others.filter((c) => party.has(c.department));
  }

  /**
   * A provider's staff write a dated progress note on an agreement assigned to their organisation
   * (rule 12); anyone else, or an agreement not theirs, gets the unknown citizen's answer.
   */
  async addProgressNote(actor: Actor, cpr: string, agreementId: string, text: string): Promise<ProgressNote> {
    if (actor.role !== 'PROVIDER') throw errors.forbidden('Only a provider carrying the agreement out writes progress notes.');
    const provider = providerOrganisation(actor.organisation);
    const current = await this.store.currentPlan(cpr);
    const view = await this.access.assigned(actor.organisation, async () => current ?? null);
    if (!current || !provider || !view.agreements.some((a) => a.id === agreementId)) throw errors.forbidden(NO_ROLE_MESSAGE);
    const note: ProgressNote = { id: newId('NOTE')(), at: this.now(), authorName: actor.name, organisation: provider.code, text };
    const { plan: changed, change } = planChanges.addProgressNote(current, agreementId, note, provider.name);
    // In the citizen's log before it is written, like every change (rule 5): no record, no note.
    const reason = `${provider.name} skrev et notat om en aftale, de udfører i din plan (${PROVIDER_LEGAL_BASIS}).`;
    await this.writeLog(providerLogEntry(actor, cpr, 'CHANGE', reason));
    try {
      await this.store.update({ ...changed, version: current.version + 1 }, current.version, {
        ...author(actor),
        at: note.at,
        ...change,
      });
    } catch (error) {
      if (error instanceof StaleVersionError) throw errors.conflict(current.version, error.currentVersion);
      throw error;
    }
    return changed.agreements.find((a) => a.id === agreementId)!.progressNotes!.at(-1)!;
  }

  /** The citizen asks for one plan; the named departments see that a request exists. */
  async requestOnePlan(actor: Actor, departments: readonly string[]): Promise<PlanRequestRecord> {
    if (actor.role !== 'CITIZEN') throw errors.forbidden('Only the citizen can ask for one plan.');
    if (departments.length === 0 || !departments.every(isDepartment)) {
      throw errors.badUserInput('Name at least one department.', { field: 'departments' });
    }
    // One open request at a time: a new one would only reach the same caseworkers again.
    if ((await this.store.requestsOf(actor.cpr)).some((r) => r.status === 'PENDING')) throw requestPending();
    const at = this.now();
    const request: PlanRequestRecord = {
      id: `REQ-${randomUUID()}`,
      cpr: actor.cpr,
      departments: [...new Set(departments as Department[])],
      requestedAt: at,
      status: 'PENDING',
      declineReason: null,
      answeredAt: null,
      answeredBy: null,
    };
    try {
      await this.store.insertRequest(request, [
        notification(actor.cpr, 'PLAN_REQUESTED', at, {
          body: `Du har bedt om én plan med: ${request.departments.join(', ')}.`,
          facts: { departments: request.departments },
        }),
      ]);
    } catch (error) {
      if (error instanceof AlreadyOpenError) throw requestPending();
      throw error;
    }
    return request;
  }

  /**
   * The citizen takes back a request nobody has answered yet (to ask again, differently): the
   * departments no longer see it. A request answered meanwhile stays answered.
   */
  async cancelRequest(actor: Actor, id: string): Promise<PlanRequestRecord> {
    const found = await this.store.request(id);
    // One answer for "no such request", "not yours" and "already answered".
    if (!found || actor.role !== 'CITIZEN' || found.cpr !== actor.cpr || found.status !== 'PENDING') throw noPendingRequest();
    try {
      await this.store.answerRequest({ id, status: 'CANCELLED', declineReason: null, at: this.now(), by: actor.id });
    } catch (error) {
      if (error instanceof RequestNotPendingError) throw noPendingRequest();
      throw error;
    }
    return (await this.store.request(id))!;
  }

  /** A caseworker of a named department accepts (creating the plan) or declines with a reason. */
  async answerRequest(
    actor: Actor,
    id: string,
    accept: boolean,
    declineReason: string | null | undefined,
    request: object,
  ): Promise<PlanRequestRecord> {
    const found = await this.store.request(id);
    // One answer for "no such request", "not for your department" and "already answered".
    if (!found || actor.role !== 'CASEWORKER' || !found.departments.includes(actor.department) || found.status !== 'PENDING') {
      throw noOpenRequest();
    }
    const at = this.now();
    if (accept) {
      const text = {
        body: `${actor.name} (${actor.department}) har sagt ja til din anmodning om én plan.`,
        facts: { answer: 'ACCEPTED', caseworker: actor.name, department: actor.department },
      };
      await this.create(actor, { cpr: found.cpr }, request, {
        answer: { id, status: 'ACCEPTED', declineReason: null, at, by: actor.id },
        notify: notification(found.cpr, 'PLAN_REQUEST_ANSWERED', at, text),
      });
    } else {
      const reason = declineReason?.trim();
      if (!reason)
        throw errors.badUserInput('Say why the request is declined: the citizen sees the reason.', { field: 'declineReason' });
      if (reason.length > 1_000)
        throw errors.badUserInput('declineReason may be at most 1000 characters.', { field: 'declineReason' });
      const text = {
        body: `Din anmodning om én plan blev afvist: ${reason}`,
        facts: { answer: 'DECLINED', caseworker: actor.name, department: actor.department, reason },
      };
      try {
        await this.store.answerRequest({ id, status: 'DECLINED', declineReason: reason, at, by: actor.id }, [
          notification(found.cpr, 'PLAN_REQUEST_ANSWERED', at, text),
        ]);
      } catch (error) {
        if (error instanceof RequestNotPendingError) throw noOpenRequest();
        throw error;
      }
    }
    return (await this.store.request(id))!;
  }

  private async partyCaseworker(id: string, cpr: string, field: string): Promise<PartyCaseworker> {
    const caseworker = await this.store.caseworker(id);
    if (!caseworker || !isDepartment(caseworker.department)) throw errors.badUserInput('No caseworker with that id.', { field });
    const named = { id: caseworker.id, name: caseworker.name, department: caseworker.department };
    if (!(await this.isParty(named, cpr))) {
      throw errors.badUserInput("That caseworker's department does not take part in the citizen's plan.", { field });
    }
    return named;
  }

  /** Whether the citizen's consent makes `caseworker`'s department a party; CONSENT_UNAVAILABLE fails closed (thrown). */
  private async isParty(caseworker: PartyCaseworker, cpr: string): Promise<boolean> {
    try {
      // A fresh request object: the check is about the named caseworker's department, not the caller's.
      await this.access.check({ role: 'CASEWORKER', ...caseworker }, cpr, {});
      return true;
    } catch (error) {
      // Fail closed, and say why: the consent service down is not the client's mistake.
      if ((error as { extensions?: { code?: unknown } }).extensions?.code === 'CONSENT_UNAVAILABLE') throw error;
      return false;
    }
  }

  /**
   * What a caseworker writes into the joint part reaches every party, so it is recorded in the
   * access log like any disclosure of their department's data (PLAN, or the `categories` written; docs/design.md rule 5), before the
   * change is saved: if it cannot be recorded, the change is refused. The citizen's own writes
   * disclose nothing of a department's and are in the plan's history.
   */
  async recordWrite(
    actor: Actor,
    cpr: string,
    change: string,
    summary: string,
    categories: DataCategory[] = ['PLAN'],
  ): Promise<void> {
    if (actor.role !== 'CASEWORKER') return;
    await this.writeLog({
      actorId: actor.id,
      actorName: actor.name,
      actorDepartment: actor.department,
      cpr,
      ownerDepartment: actor.department,
      categories,
      purpose: 'ONE_PLAN',
      decision: 'DISCLOSED',
      kind: 'CHANGE',
      consentId: null,
      operationName: `jointPlan.${change}`,
      reason: `written into the joint plan: ${summary}`.slice(0, 500),
    });
  }

  /** Writes one access-log line; when the consent service cannot take it, the write it records is refused (fail closed). */
  private async writeLog(entry: AccessLogInput): Promise<void> {
    try {
      await this.consent.writeAccessLog([entry]);
    } catch (error) {
      if (error instanceof ConsentUnavailableError) throw errors.jointPlanConsentUnavailable();
      throw error;
    }
  }
}

/** A message to the citizen, for the outbox of the change it reports. */
export function notification(cpr: string, kind: NotificationKind, at: number, { body, facts }: CitizenLetter): Notification {
  return {
    id: `NOTE-${randomUUID()}`,
    cpr,
    kind,
    createdAt: at,
    subject: NOTIFICATION_SUBJECTS[kind],
    body,
    consentId: null,
    receipt: null,
    facts,
  };
}

const planExists = () => errors.badUserInput('The citizen already has a one plan.', { field: 'cpr' });
const requestPending = () =>
  errors.badUserInput('You already have a request for one plan waiting for an answer.', { field: 'departments' });
const noPendingRequest = () => errors.badUserInput('You have no request with that id waiting for an answer.', { field: 'id' });
const noOpenRequest = () => errors.badUserInput('No open request with that id for your department.', { field: 'id' });

/** The plan changes the citizen is told about. */
const NOTIFIED: Partial<Record<keyof typeof planChanges, PlanChangeNotice>> = {
  activate: 'PLAN_ACTIVATED',
  end: 'PLAN_ENDED',
  scheduleMeeting: 'MEETING_SCHEDULED',
};

export { newId };
