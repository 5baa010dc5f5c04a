import {
  demoCaseworkers,
  departmentResolvers,
  loadSubgraphTypeDefs,
  type CaseRecord,
  type SubgraphInstance,
  type SubgraphOptions,
} from '@enplan/lib';
import { PsychiatryStore } from './PsychiatryStore';
import { psychiatrySeed } from './seed';

/**
 * Region Hovedstadens Psykiatri over its SQLite file, seeded on first start. Built with the same
 * department mechanics as every municipal department: the registry and its schema say it is the
 * region's (docs/design.md rule 11), and the rules of access follow from that, not from code here.
 */
export function createPsychiatrySubgraph(options: SubgraphOptions): SubgraphInstance {
  const store = new PsychiatryStore(options.databaseFile);
  if (store.isEmpty()) store.seedPsychiatry([...demoCaseworkers()], psychiatrySeed());
  const resolvers = departmentResolvers(store, {
    citizenField: 'psychiatry',
    planField: 'psychiatry',
    caseType: 'PsychiatricCourse',
    caseFields: ['healthNotes'],
  });
  return {
    module: {
      name: 'psychiatry',
      typeDefs: loadSubgraphTypeDefs('psychiatry'),
      resolvers: {
        ...resolvers,
        PsychiatricCourse: {
          ...resolvers.PsychiatricCourse,
          outpatientTreatment: (c: CaseRecord) => store.outpatientTreatment(c.cpr),
          coordinationPlan: (c: CaseRecord) => ({
            agreedActions: store.actions(c.cpr, 'PLAN'),
            nextNetworkMeeting: store.outpatientTreatment(c.cpr)?.nextNetworkMeeting ?? null,
          }),
        },
      },
    },
    close: () => store.close(),
  };
}
