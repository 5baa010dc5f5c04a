import { runSubgraph } from '@enplan/lib';
import { createHousingSubgraph } from './server';

void runSubgraph({ name: 'housing', create: createHousingSubgraph });
