import { PERSONAS, caseSeed, syntheticCitizens, type DepartmentCaseSeed } from '@enplan/lib';

/** Dorte, the housing caseworker: registered in federation.json with the department. */
const dorte = 'cw-hou-1';

/** A housing case as seeded, with the rent arrears the eviction-prevention plan works on. */
export interface HousingCaseSeed extends DepartmentCaseSeed {
  rentArrearsDkk: number | null;
}

/** Housing support's cases for the demo personas (docs/design.md: Peter, Mette, Jonas), then `synthetic` generated ones. */
export function* housingSeed(synthetic: number): Generator<HousingCaseSeed> {
  yield {
    ...caseSeed('HOU', 1, PERSONAS.peter, {
      kind: 'Forebyggelse af udsættelse',
      openedOn: '2026-05-04',
      caseworkerId: dorte,
      nextFollowUp: '2026-12-10',
      goals: ['Peter vil beholde sin lejlighed og have styr på huslejen.'],
      actions: [
        {
          title: 'Afdragsordning med boligselskabet om restance',
          legalBasis: 'Serviceloven § 85',
          startDate: '2026-05-15',
          endDate: '2027-05-15',
          followUpDate: '2026-12-10',
        },
        {
          title: 'Hjælp til ansøgning om boligstøtte',
          legalBasis: 'Lov om individuel boligstøtte § 1',
          startDate: '2026-05-04',
          endDate: '2026-06-30',
          followUpDate: '2026-12-10',
        },
      ],
      benefits: [
        { kind: 'Boligstøtte', legalBasis: 'Lov om individuel boligstøtte', monthlyAmountDkk: 1_850, since: '2026-07-01' },
      ],
    }),
    rentArrearsDkk: 14_200,
  };
  yield {
    ...caseSeed('HOU', 2, PERSONAS.mette, {
      kind: 'Bostøtte',
      openedOn: '2026-03-02',
      caseworkerId: dorte,
      nextFollowUp: '2026-12-14',
      goals: ['Mette vil blive boende i sin lejlighed, også med nedsat arbejdstid.'],
      actions: [
        {
          title: 'Bostøtte 2 timer om ugen',
          legalBasis: 'Serviceloven § 85',
          startDate: '2026-03-15',
          endDate: '2027-03-14',
          followUpDate: '2026-12-14',
        },
      ],
      benefits: [
        { kind: 'Boligstøtte', legalBasis: 'Lov om individuel boligstøtte', monthlyAmountDkk: 2_310, since: '2026-04-01' },
      ],
    }),
    rentArrearsDkk: null,
  };
  yield {
    ...caseSeed('HOU', 3, PERSONAS.jonas, {
      kind: 'Midlertidigt botilbud',
      openedOn: '2025-11-17',
      caseworkerId: dorte,
      nextFollowUp: '2026-12-17',
      goals: ['Jonas vil flytte i egen bolig med støtte.'],
      actions: [
        {
          title: 'Midlertidigt botilbud på Herberget Sydhavn',
          legalBasis: 'Serviceloven § 107',
          startDate: '2025-11-17',
          endDate: '2026-11-16',
          followUpDate: '2026-12-17',
        },
      ],
    }),
    rentArrearsDkk: null,
  };
  // Every fifth synthetic citizen also has housing support, so load tests cross four departments.
  for (const citizen of syntheticCitizens(synthetic)) {
    if (citizen.index % 5 !== 0) continue;
    yield {
      ...caseSeed('HOU', 1000 + citizen.index, citizen, {
        kind: 'Bostøtte',
        openedOn: '2026-02-02',
        caseworkerId: dorte,
        nextFollowUp: '2026-12-21',
        goals: ['Blive boende i egen bolig.'],
        actions: [
          {
            title: 'Bostøtte 1 time om ugen',
            legalBasis: 'Serviceloven § 85',
            startDate: '2026-02-15',
            endDate: null,
            followUpDate: '2026-12-21',
          },
        ],
      }),
      rentArrearsDkk: null,
    };
  }
}
