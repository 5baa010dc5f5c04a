import { runSubgraph } from '@enplan/lib';
import { createChildrenSubgraph } from './server';

void runSubgraph({ name: 'children', create: createChildrenSubgraph });
