import {
  DEMO_CASEWORKERS,
  ConsentClient,
  errors,
  silentLogger,
  type ConsentClientOptions,
  loadSubgraphTypeDefs,
  parseCpr,
  type Actor,
  type Cpr,
  type SubgraphContext,
  type SubgraphInstance,
  type SubgraphOptions,
} from '@enplan/lib';
import { JointPlanAccess } from './JointPlanAccess';
import { SqlitePlanStore, type OnePlanRecord } from './PlanStore';
import { planSeed } from './seed';

const MAX_CITIZENS = 100;

/** A citizen may only look themself up; caseworkers and auditors may name anyone (their data is gated per department). */
function citizenRef(cpr: Cpr, actor: Actor): { cpr: Cpr } {
  if (actor.role === 'CITIZEN' && actor.cpr !== cpr) throw errors.forbidden('A citizen can only see their own data.');
  if (actor.role === 'SERVICE') throw errors.forbidden('Not for service callers.');
  return { cpr };
}

export interface PlanSubgraphOptions extends SubgraphOptions {
  /** The consent service that decides who may see a citizen's joint plan. */
  consent: ConsentClientOptions;
}

/** The plan subgraph: entry points to a citizen and the joint part of the one plan. */
export function createPlanSubgraph(options: PlanSubgraphOptions): SubgraphInstance {
  const store = new SqlitePlanStore(options.databaseFile);
  const access = new JointPlanAccess(new ConsentClient(options.consent), options.logger ?? silentLogger);
  /** The joint plan of `cpr`, or null when there is none, once `actor` may know either (see JointPlanAccess). */
  const jointPlan = async (cpr: string, context: SubgraphContext) => {
    await access.check(context.actor, cpr, context);
    return store.planOf(cpr) ?? null;
  };
  if (store.isEmpty()) store.seed([...DEMO_CASEWORKERS], planSeed(options.syntheticCitizens ?? 0));
  return {
    module: {
      name: 'plan',
      typeDefs: loadSubgraphTypeDefs('plan'),
      resolvers: {
        Query: {
          citizen: (_: unknown, { cpr }: { cpr: string }, { actor }: SubgraphContext) => citizenRef(parseCpr(cpr), actor),
          citizens: (_: unknown, { cprs }: { cprs: string[] }, { actor }: SubgraphContext) => {
            if (cprs.length > MAX_CITIZENS) throw errors.badUserInput(`At most ${MAX_CITIZENS} citizens at once.`, { field: 'cprs' });
            return cprs.map((cpr) => citizenRef(parseCpr(cpr), actor));
          },
          myCoordinatedPlans: (_: unknown, __: unknown, { actor }: SubgraphContext) =>
            actor.role === 'CASEWORKER' ? store.plansCoordinatedBy(actor.id).map((p) => ({ cpr: p.cpr })) : [],
        },
        Citizen: {
          __resolveReference: (ref: { cpr: string }) => ({ cpr: ref.cpr }),
          plan: ({ cpr }: { cpr: string }, _: unknown, context: SubgraphContext) => jointPlan(cpr, context),
        },
        OnePlan: {
          __resolveReference: ({ cpr }: { cpr: string }, context: SubgraphContext) => jointPlan(cpr, context),
          coordinatingCaseworker: (plan: OnePlanRecord) => store.caseworker(plan.coordinatingCaseworkerId) ?? null,
        },
      },
    },
    close: () => store.close(),
  };
}
