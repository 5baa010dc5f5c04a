import {
  devKeyFiles,
  INBOX_API_PATH,
  notificationRetryMaxMs,
  readSigningKey,
  runSubgraph,
  subgraphDescriptor,
} from '@enplan/lib';
import { createConsentSubgraph, readConsentOptions, type ConsentSubgraphOptions } from './server';

void runSubgraph<ConsentSubgraphOptions>({
  name: 'consent',
  readOptions: (env, { production }) => ({
    ...readConsentOptions(env, production),
    notifications: {
      inboxUrl: env.url('INBOX_URL', `http://127.0.0.1:${subgraphDescriptor('plan').defaultPort}${INBOX_API_PATH}`) ?? '',
      // The consent service's own key: the plan subgraph accepts it for the inbox, nobody else does.
      signingKey: readSigningKey(env, 'SIGNING_KEY_FILE', devKeyFiles('consent').privateJwk, production) ?? {},
      digitalPostUrl: env.url('DIGITAL_POST_WEBHOOK_URL'),
      retryMaxMs: notificationRetryMaxMs(env),
    },
  }),
  create: createConsentSubgraph,
  postgres: true,
  // The plan subgraph asks the consent service who may see a joint plan, signing as itself.
  trustedServices: ['plan'],
});
