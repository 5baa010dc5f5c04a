import {
  demoCaseworkers,
  departmentResolvers,
  loadSubgraphTypeDefs,
  type CaseRecord,
  type SubgraphInstance,
  type SubgraphOptions,
} from '@enplan/lib';
import { ChildrenStore, type ChildRecord } from './ChildrenStore';
import { childrenSeed } from './seed';

/** Whole years between a birth date and today. */
function ageOn(birthDate: string, today: Date): number {
  const birth = new Date(`${birthDate}T00:00:00Z`);
  let age = today.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < birth.getUTCMonth() ||
    (today.getUTCMonth() === birth.getUTCMonth() && today.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** The children-and-family subgraph over its SQLite file, seeded on first start. */
export function createChildrenSubgraph(options: SubgraphOptions & { today?: () => Date }): SubgraphInstance {
  const today = options.today ?? (() => new Date());
  const store = new ChildrenStore(options.databaseFile);
  if (store.isEmpty()) store.seedFamilies([...demoCaseworkers()], childrenSeed(options.syntheticCitizens ?? 0));
  const resolvers = departmentResolvers(store, {
    citizenField: 'family',
    planField: 'children',
    caseType: 'FamilyCase',
    caseFields: [],
  });
  return {
    module: {
      name: 'children',
      typeDefs: loadSubgraphTypeDefs('children'),
      resolvers: {
        ...resolvers,
        FamilyCase: { ...resolvers.FamilyCase, children: (c: CaseRecord) => store.children(c.cpr) },
        Child: {
          age: (child: ChildRecord) => ageOn(child.birthDate, today()),
          measures: (child: ChildRecord) => store.measures(child.id),
        },
      },
    },
    close: () => store.close(),
  };
}
