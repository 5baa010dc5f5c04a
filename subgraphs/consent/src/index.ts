import { runSubgraph } from '@enplan/lib';
import { createConsentSubgraph, readConsentOptions } from './server';

void runSubgraph({
  name: 'consent',
  readOptions: (env) => readConsentOptions(env, process.env.NODE_ENV === 'production'),
  create: createConsentSubgraph,
  postgres: true,
});
