import { runSubgraph } from '@enplan/lib';
import { createConsentSubgraph } from './server';

void runSubgraph({ name: 'consent', create: createConsentSubgraph });
