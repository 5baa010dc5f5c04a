import { runSubgraph, subgraphDescriptor } from '@enplan/lib';
import { createPlanSubgraph, type PlanSubgraphOptions } from './server';

void runSubgraph<PlanSubgraphOptions>({
  name: 'plan',
  readOptions: (env, { actorSecret }) => ({
    consent: {
      baseUrl: env.url('CONSENT_URL', `http://127.0.0.1:${subgraphDescriptor('consent').defaultPort}`) ?? '',
      timeoutMs: env.integer('CONSENT_TIMEOUT_MS', 2_000, { min: 10, max: 60_000 }),
      actorSecret,
      callerId: 'enplan-plan',
    },
    digitalPostUrl: env.url('DIGITAL_POST_WEBHOOK_URL'),
  }),
  create: createPlanSubgraph,
});
