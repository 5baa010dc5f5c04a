import { devKeyFiles, notificationRetryMaxMs, readSigningKey, runSubgraph, subgraphDescriptor } from '@enplan/lib';
import { readFindingSettings } from './finding/findingSettings';
import { createPlanSubgraph, type PlanSubgraphOptions } from './server';

void runSubgraph<PlanSubgraphOptions>({
  name: 'plan',
  readOptions: (env, { production }) => ({
    consent: {
      baseUrl: env.url('CONSENT_URL', `http://127.0.0.1:${subgraphDescriptor('consent').defaultPort}`) ?? '',
      timeoutMs: env.integer('CONSENT_TIMEOUT_MS', 2_000, { min: 10, max: 60_000 }),
      // The plan subgraph's own key: the consent service accepts it for the plan acting as itself, nobody else does.
      signingKey: readSigningKey(env, 'SIGNING_KEY_FILE', devKeyFiles('plan').privateJwk, production) ?? {},
      callerId: 'enplan-plan',
    },
    digitalPostUrl: env.url('DIGITAL_POST_WEBHOOK_URL'),
    outboxRetryMaxMs: notificationRetryMaxMs(env),
    finding: readFindingSettings(env),
    findingRunEveryMs: env.integer('FINDING_RUN_EVERY_HOURS', 24, { max: 24 * 366 }) * 3_600_000,
  }),
  create: createPlanSubgraph,
  postgres: true,
  // The consent service delivers receipts to the citizen's inbox, signing as itself.
  trustedServices: ['consent'],
});
