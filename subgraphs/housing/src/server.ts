import {
  demoCaseworkers,
  departmentResolvers,
  loadSubgraphTypeDefs,
  type CaseRecord,
  type SubgraphInstance,
  type SubgraphOptions,
} from '@enplan/lib';
import { HousingStore } from './HousingStore';
import { housingSeed } from './seed';

/** The housing-support subgraph (boligsocial indsats) over its SQLite file, seeded on first start. */
export function createHousingSubgraph(options: SubgraphOptions): SubgraphInstance {
  const store = new HousingStore(options.databaseFile);
  if (store.isEmpty()) store.seedHousing([...demoCaseworkers()], housingSeed(options.syntheticCitizens ?? 0));
  const resolvers = departmentResolvers(store, {
    citizenField: 'housing',
    planField: 'housing',
    caseType: 'HousingCase',
    caseFields: ['benefits'],
  });
  return {
    module: {
      name: 'housing',
      typeDefs: loadSubgraphTypeDefs('housing'),
      resolvers: {
        ...resolvers,
        HousingCase: { ...resolvers.HousingCase, rentArrearsDkk: (c: CaseRecord) => store.rentArrearsDkk(c.cpr) },
      },
    },
    close: () => store.close(),
  };
}
