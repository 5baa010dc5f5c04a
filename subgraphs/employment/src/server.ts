import {
  demoCaseworkers,
  SqliteDepartmentStore,
  departmentResolvers,
  loadSubgraphTypeDefs,
  type SubgraphInstance,
  type SubgraphOptions,
} from '@enplan/lib';
import { employmentSeed } from './seed';

/** The jobcentre subgraph over its SQLite file, seeded on first start. */
export function createEmploymentSubgraph(options: SubgraphOptions): SubgraphInstance {
  const store = new SqliteDepartmentStore('EMPLOYMENT', options.databaseFile);
  if (store.isEmpty()) store.seed([...demoCaseworkers()], employmentSeed(options.syntheticCitizens ?? 0));
  return {
    module: {
      name: 'employment',
      typeDefs: loadSubgraphTypeDefs('employment'),
      resolvers: departmentResolvers(store, {
        citizenField: 'employment',
        planField: 'employment',
        caseType: 'EmploymentCase',
        caseFields: ['benefits', 'healthNotes'],
      }),
    },
    close: () => store.close(),
  };
}
