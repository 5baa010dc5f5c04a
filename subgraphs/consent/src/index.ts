import { runSubgraph } from '@enplan/lib';
import { createConsentSubgraph } from './server';

// The plan subgraph asks the consent service who may see a joint plan, signing as itself.
void runSubgraph({ name: 'consent', create: createConsentSubgraph, trustedServices: ['plan'] });
