import DataLoader from 'dataloader';
import {
  ConsentUnavailableError,
  DEPARTMENTS,
  errors,
  type Actor,
  type ConsentClient,
  type DecisionQuestion,
  type Department,
  type Logger,
} from '@enplan/lib';

/**
 * Who may see the joint part of a citizen's one plan, and whether there is one at all. It belongs to
 * the departments the citizen's consent makes parties to the plan, so a caseworker sees it only
 * while an active ONE_PLAN consent lets their department see another department's PLAN data about
 * the citizen (DESIGN.md rule 2); the citizen sees their own (rule 3). Asked before the plan is
 * looked up, so a refusal is the same whether or not a plan exists (rule 6), and refused when the
 * consent service cannot answer (rule 4).
 */
export class JointPlanAccess {
  /** One loader per request (its context object): one consent call for all the citizens in it. */
  private readonly loaders = new WeakMap<object, DataLoader<string, true>>();

  constructor(
    private readonly consent: ConsentClient,
    private readonly logger: Logger,
  ) {}

  /** Resolves when `actor` may see the joint plan of `cpr`; rejects with the GraphQL error to answer with. */
  async check(actor: Actor, cpr: string, request: object): Promise<void> {
    if (actor.role === 'CITIZEN') {
      if (actor.cpr !== cpr) throw errors.forbidden('A citizen can only see their own data.');
      return;
    }
    if (actor.role !== 'CASEWORKER') throw errors.forbidden('Your role gives no access to case data.');
    await this.loaderFor(request, actor.department).load(cpr);
  }

  private loaderFor(request: object, department: Department): DataLoader<string, true> {
    let loader = this.loaders.get(request);
    if (!loader) {
      loader = new DataLoader((cprs) => this.decide(cprs, department));
      this.loaders.set(request, loader);
    }
    return loader;
  }

  /** Allowed when any other department's PLAN data may reach `recipient`, i.e. the consent makes it a party. */
  private async decide(cprs: readonly string[], recipient: Department): Promise<Array<true | Error>> {
    const others = DEPARTMENTS.filter((d) => d !== recipient);
    const questions: DecisionQuestion[] = cprs.flatMap((cpr) =>
      others.map((owner) => ({ cpr, owner, recipient, category: 'PLAN' as const, purpose: 'ONE_PLAN' as const })),
    );
    try {
      const { decisions } = await this.consent.decide(questions);
      const isParty = (i: number) => decisions.slice(i * others.length, (i + 1) * others.length).some((d) => d.allowed);
      return cprs.map((_, i) => (isParty(i) ? true : errors.jointPlanConsentRequired()));
    } catch (error) {
      if (!(error instanceof ConsentUnavailableError)) throw error;
      this.logger.warn('joint plans withheld: consent could not be checked', { reason: error.message });
      return cprs.map(() => errors.jointPlanConsentUnavailable());
    }
  }
}
