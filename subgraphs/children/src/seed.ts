import { CASEWORKERS, PERSONAS, caseSeed, syntheticCitizens } from '@enplan/lib';
import type { FamilyCaseSeed } from './ChildrenStore';

/** Children and family services' cases for the demo personas (docs/design.md), then generated ones. */
export function childrenSeed(synthetic: number): FamilyCaseSeed[] {
  const clara = CASEWORKERS.clara.id;
  const families: FamilyCaseSeed[] = [
    {
      ...caseSeed('CHI', 1, PERSONAS.peter, {
        kind: 'Støtte til familie med barn',
        openedOn: '2024-09-02',
        caseworkerId: clara,
        nextFollowUp: '2026-12-04',
        goals: ['Mikkel skal gå i skole hver dag og have det godt hos sin far i weekenderne.'],
        actions: [
          {
            title: 'Familiebehandling hver anden uge',
            legalBasis: 'Barnets lov § 32, stk. 1, nr. 3',
            startDate: '2024-10-01',
            endDate: '2027-03-31',
            followUpDate: '2026-12-04',
          },
        ],
      }),
      children: [
        {
          id: 'CHI-000001-C1',
          firstName: 'Mikkel',
          birthDate: '2012-05-14',
          measures: [{ title: 'Fast kontaktperson', legalBasis: 'Barnets lov § 32, stk. 1, nr. 6', startDate: '2024-10-01' }],
        },
      ],
    },
    {
      ...caseSeed('CHI', 2, PERSONAS.ali, {
        kind: 'Forebyggende støtte til familien',
        openedOn: '2025-03-17',
        caseworkerId: clara,
        nextFollowUp: '2027-01-20',
        goals: ['Børnene skal trives i daginstitution og skole.'],
        actions: [
          {
            title: 'Familierådgivning',
            legalBasis: 'Barnets lov § 30',
            startDate: '2025-04-01',
            endDate: null,
            followUpDate: '2027-01-20',
          },
        ],
      }),
      children: [
        { id: 'CHI-000002-C1', firstName: 'Sara', birthDate: '2019-02-03', measures: [] },
        {
          id: 'CHI-000002-C2',
          firstName: 'Yusuf',
          birthDate: '2021-10-29',
          measures: [{ title: 'Sprogstimulering i dagtilbud', legalBasis: 'Dagtilbudsloven § 11', startDate: '2025-09-01' }],
        },
      ],
    },
    {
      ...caseSeed('CHI', 3, PERSONAS.jonas, {
        kind: 'Støtte til familie med barn',
        openedOn: '2023-11-06',
        caseworkerId: clara,
        nextFollowUp: '2026-12-14',
        goals: ['Emil skal have en stabil hverdag hos begge forældre.'],
        actions: [
          {
            title: 'Aflastning en weekend om måneden',
            legalBasis: 'Barnets lov § 32, stk. 1, nr. 4',
            startDate: '2024-01-01',
            endDate: null,
            followUpDate: '2026-12-14',
          },
        ],
      }),
      children: [{ id: 'CHI-000003-C1', firstName: 'Emil', birthDate: '2016-08-21', measures: [] }],
    },
  ];
  for (const citizen of syntheticCitizens(synthetic)) {
    if (!citizen.hasFamilyCase) continue;
    const seed = caseSeed('CHI', 1000 + citizen.index, citizen, {
      kind: 'Forebyggende støtte til familien',
      openedOn: '2026-03-02',
      caseworkerId: clara,
      nextFollowUp: '2026-12-22',
      goals: ['Barnet skal trives i skolen.'],
      actions: [
        {
          title: 'Familierådgivning',
          legalBasis: 'Barnets lov § 30',
          startDate: '2026-03-15',
          endDate: null,
          followUpDate: '2026-12-22',
        },
      ],
    });
    families.push({
      ...seed,
      children: [{ id: `${seed.case.id}-C1`, firstName: 'Alma', birthDate: '2015-06-01', measures: [] }],
    });
  }
  return families;
}
