import DataLoader from 'dataloader';
import {
  ConsentUnavailableError,
  JOINT_PLAN,
  NO_ROLE_MESSAGE,
  PROVIDER_LOG_OPERATION,
  accessRoute,
  providerOrganisation,
  errors,
  isJointPlanParty,
  jointPlanQuestions,
  type AccessKind,
  type AccessLogInput,
  type Actor,
  type ConsentClient,
  type Department,
  type Logger,
} from '@enplan/lib';
import type { JointPlanRecord } from './planModel';
import { providerView } from './providerView';

/** A caseworker's standing in one citizen's joint plan, as the consent service decided it. */
interface Standing {
  party: boolean;
  consentId: string | null;
  reason: string;
}

/** What one request asks of the joint plan: who asks, under which client operation, and to see what (for the access log). */
export interface JointPlanRequest {
  actor: Actor;
  operationName: string | null;
  /** An overview (that a plan exists, its status) or a read of the plan itself. */
  kind: AccessKind;
}

/** Per request: one consent call for all its citizens (a caseworker's), one access-log write for all its records. */
interface RequestState {
  standings?: DataLoader<string, Standing>;
  records: DataLoader<AccessLogInput, true, string>;
}

/** The legal basis of a provider's read, as the citizen's access log names it. */
export const PROVIDER_LEGAL_BASIS = 'serviceloven § 141 stk. 5';

/**
 * A provider's line in the citizen's access log (rule 12): no department, the joint plan as owner,
 * and `reason` in the citizen's words, naming the organisation and the legal basis (the consent
 * service shows it as the line's `explanation`).
 */
export function providerLogEntry(actor: Actor, cpr: string, kind: AccessLogInput['kind'], reason: string): AccessLogInput {
  return {
    actorId: actor.id,
    actorName: actor.name,
    actorDepartment: null,
    cpr,
    ownerDepartment: null,
    categories: ['PLAN'],
    purpose: 'ONE_PLAN',
    decision: 'DISCLOSED',
    kind,
    consentId: null,
    operationName: PROVIDER_LOG_OPERATION,
    reason,
  };
}

/**
 * Who may see the joint part of a citizen's one plan, and whether there is one at all, by the shared
 * rules of access (lib/src/accessPolicy.ts): the citizen sees their own; a caseworker only while the
 * citizen's consent makes their department a party (it may see another department's PLAN data).
 * Asked before the plan is looked up, so a refusal is the same whether or not a plan exists (rule 6);
 * refused when the consent service cannot answer (rule 4). A caseworker's read, and a refusal, is
 * recorded in the access log like any disclosure (owner: the joint plan); a plan whose record cannot
 * be written is withheld (rule 5). A provider's staff see only what is assigned to their organisation
 * (providerView.ts), each read recorded naming the organisation and § 141 stk. 5 (rule 12).
 */
export class JointPlanAccess {
  private readonly requests = new WeakMap<object, RequestState>();

  constructor(
    private readonly consent: ConsentClient,
    private readonly logger: Logger,
  ) {}

  /**
   * The joint plan of `cpr` (what `lookUp` finds, or null when there is none) if `request.actor` may
   * know it; else rejects with the GraphQL error to answer with. `key` identifies the request.
   */
  async read(
    request: JointPlanRequest,
    cpr: string,
    key: object,
    lookUp: () => Promise<JointPlanRecord | null>,
  ): Promise<JointPlanRecord | null> {
    const { actor } = request;
    const route = accessRoute(actor, JOINT_PLAN, cpr);
    if (route.kind === 'refused') throw errors.forbidden(route.message);
    if (route.kind === 'own') return lookUp();
    if (route.kind === 'assigned') {
      const view = await this.assigned(route.organisation, lookUp);
      const name = providerOrganisation(route.organisation)?.name ?? route.organisation;
      await this.stateOf(key)
        .records.load(
          providerLogEntry(
            actor,
            cpr,
            request.kind,
            `${name} udfører aftaler i din plan og så de dele af planen, der er givet til dem (${PROVIDER_LEGAL_BASIS}).`,
          ),
        )
        .catch((error: unknown) => {
          this.logger.error('access log write failed; joint plan withheld', { message: String(error) });
          throw errors.jointPlanConsentUnavailable();
        });
      return view;
    }

    const standings = this.standingsOf(key, route.recipient);
    const state = this.stateOf(key);
    const standing = await standings.load(cpr);
    const record = (decision: AccessLogInput['decision']): AccessLogInput => ({
      actorId: actor.id,
      actorName: actor.name,
      actorDepartment: route.recipient,
      cpr,
      ownerDepartment: null,
      categories: ['PLAN'],
      purpose: 'ONE_PLAN',
      decision,
      kind: request.kind,
      consentId: standing.consentId,
      operationName: request.operationName,
      reason: standing.reason,
    });
    if (!standing.party) {
      // The refusal stands whether or not its record could be written.
      await state.records.load(record('DENIED')).catch(() => undefined);
      throw errors.jointPlanConsentRequired();
    }
    const plan = await lookUp();
    if (plan === null) return null; // nothing disclosed, nothing to record
    await state.records.load(record('DISCLOSED')).catch((error: unknown) => {
      this.logger.error('access log write failed; joint plan withheld', { message: String(error) });
      throw errors.jointPlanConsentUnavailable();
    });
    return plan;
  }

  /**
   * Whether `actor` may act on `cpr`'s joint plan at all (a write, a request's answer), by the same
   * rules as `read`; rejects with the GraphQL error to answer with. The write records itself.
   */
  async check(actor: Actor, cpr: string, key: object): Promise<void> {
    const route = accessRoute(actor, JOINT_PLAN, cpr);
    if (route.kind === 'refused') throw errors.forbidden(route.message);
    if (route.kind === 'own') return;
    // A provider changes nothing of the plan itself; its progress notes go through `assigned`.
    if (route.kind === 'assigned') throw errors.forbidden(NO_ROLE_MESSAGE);
    const standing = await this.standingsOf(key, route.recipient).load(cpr);
    if (!standing.party) throw errors.jointPlanConsentRequired();
  }

  /**
   * What `organisation` may see of the plan `lookUp` finds (providerView.ts); rejects with the unknown
   * citizen's answer when nothing is assigned to it, so a refusal says nothing of whether a plan exists.
   */
  async assigned(organisation: string, lookUp: () => Promise<JointPlanRecord | null>): Promise<JointPlanRecord> {
    const plan = await lookUp();
    const view = plan && providerView(plan, organisation);
    if (!view) throw errors.forbidden(NO_ROLE_MESSAGE);
    return view;
  }

  /** A request has one actor, so one recipient department. */
  private standingsOf(key: object, recipient: Department): DataLoader<string, Standing> {
    const state = this.stateOf(key);
    state.standings ??= new DataLoader((cprs) => this.decide(cprs, recipient));
    return state.standings;
  }

  private stateOf(key: object): RequestState {
    let state = this.requests.get(key);
    if (!state) {
      state = {
        records: new DataLoader(
          async (entries) => {
            await this.consent.writeAccessLog([...entries]);
            return entries.map(() => true as const);
          },
          // Citizen.plan and OnePlan of one citizen in one request are one disclosure (of each kind).
          { cacheKeyFn: (e) => `${e.cpr}|${e.decision}|${e.kind}` },
        ),
      };
      this.requests.set(key, state);
    }
    return state;
  }

  private async decide(cprs: readonly string[], recipient: Department): Promise<Array<Standing | Error>> {
    const questions = cprs.map((cpr) => jointPlanQuestions(cpr, recipient));
    try {
      const { decisions } = await this.consent.decide(questions.flat());
      let next = 0;
      return questions.map((asked) => {
        const answers = decisions.slice(next, (next += asked.length));
        const deciding = answers.find((d) => d.allowed) ?? answers.find((d) => d.consentId !== null);
        return {
          party: isJointPlanParty(answers),
          consentId: deciding?.consentId ?? null,
          reason: isJointPlanParty(answers)
            ? `a party to the joint plan: ${deciding?.reason}`
            : 'no consent makes the department a party to the joint plan',
        };
      });
    } catch (error) {
      if (!(error instanceof ConsentUnavailableError)) throw error;
      this.logger.warn('joint plans withheld: consent could not be checked', { reason: error.message });
      return cprs.map(() => errors.jointPlanConsentUnavailable());
    }
  }
}
