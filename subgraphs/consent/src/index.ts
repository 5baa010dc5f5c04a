import { runSubgraph } from '@enplan/lib';
import { createConsentSubgraph, readConsentOptions } from './server';

// The plan subgraph asks the consent service who may see a joint plan, signing as itself.
void runSubgraph({
  name: 'consent',
  readOptions: (env) => readConsentOptions(env, process.env.NODE_ENV === 'production'),
  create: createConsentSubgraph,
  postgres: true,
  trustedServices: ['plan'],
});
