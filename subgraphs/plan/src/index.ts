import { runSubgraph } from '@enplan/lib';
import { createPlanSubgraph } from './server';

void runSubgraph({ name: 'plan', create: createPlanSubgraph });
