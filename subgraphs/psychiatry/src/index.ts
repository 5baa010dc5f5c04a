import { runSubgraph } from '@enplan/lib';
import { createPsychiatrySubgraph } from './server';

void runSubgraph({ name: 'psychiatry', create: createPsychiatrySubgraph });
