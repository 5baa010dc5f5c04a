import { runSubgraph } from '@enplan/lib';
import { createEmploymentSubgraph } from './server';

void runSubgraph({ name: 'employment', create: createEmploymentSubgraph });
