import { INBOX_API_PATH, runSubgraph, subgraphDescriptor } from '@enplan/lib';
import { createConsentSubgraph, type ConsentSubgraphOptions } from './server';

void runSubgraph<ConsentSubgraphOptions>({
  name: 'consent',
  readOptions: (env, { actorSecret }) => ({
    notifications: {
      inboxUrl: env.url('INBOX_URL', `http://127.0.0.1:${subgraphDescriptor('plan').defaultPort}${INBOX_API_PATH}`) ?? '',
      actorSecret,
      digitalPostUrl: env.url('DIGITAL_POST_WEBHOOK_URL'),
    },
  }),
  create: createConsentSubgraph,
});
