import { runSubgraph } from '@enplan/lib';
import { createSocialSubgraph } from './server';

void runSubgraph({ name: 'social', create: createSocialSubgraph });
