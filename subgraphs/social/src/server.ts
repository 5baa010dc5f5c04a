import {
  demoCaseworkers,
  SqliteDepartmentStore,
  departmentResolvers,
  loadSubgraphTypeDefs,
  type CaseRecord,
  type SubgraphInstance,
  type SubgraphOptions,
} from '@enplan/lib';
import { socialSeed } from './seed';

/** The adult social services subgraph over its SQLite file, seeded on first start. */
export function createSocialSubgraph(options: SubgraphOptions): SubgraphInstance {
  const store = new SqliteDepartmentStore('SOCIAL', options.databaseFile);
  if (store.isEmpty()) store.seed([...demoCaseworkers()], socialSeed(options.syntheticCitizens ?? 0));
  const resolvers = departmentResolvers(store, {
    citizenField: 'social',
    planField: 'social',
    caseType: 'SocialCase',
    caseFields: ['benefits', 'healthNotes'],
  });
  return {
    module: {
      name: 'social',
      typeDefs: loadSubgraphTypeDefs('social'),
      resolvers: {
        ...resolvers,
        SocialCase: {
          ...resolvers.SocialCase,
          // § 101 treatment is stored as actions of its own category, never among the plan's actions.
          substanceAbuseTreatment: (c: CaseRecord) => store.actions(c.cpr, 'SUBSTANCE_ABUSE'),
        },
      },
    },
    close: () => store.close(),
  };
}
