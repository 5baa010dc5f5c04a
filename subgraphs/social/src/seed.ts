import { CASEWORKERS, PERSONAS, caseSeed, syntheticCitizens, type DepartmentCaseSeed } from '@enplan/lib';

/** Adult social services' cases for the demo personas (docs/design.md), then `synthetic` generated ones. */
export function* socialSeed(synthetic: number): Generator<DepartmentCaseSeed> {
  const bo = CASEWORKERS.bo.id;
  yield caseSeed('SOC', 1, PERSONAS.peter, {
    kind: 'Socialpædagogisk støtte',
    openedOn: '2022-06-13',
    caseworkerId: bo,
    nextFollowUp: '2026-12-02',
    goals: ['Peter vil bo i sin egen lejlighed og betale husleje til tiden.'],
    actions: [
      {
        title: 'Bostøtte 4 timer om ugen',
        legalBasis: 'Serviceloven § 85',
        startDate: '2022-07-01',
        endDate: null,
        followUpDate: '2026-12-02',
      },
      {
        title: 'Handleplan for voksne',
        legalBasis: 'Serviceloven § 141 stk. 7',
        startDate: '2022-06-13',
        endDate: null,
        followUpDate: '2026-12-02',
      },
      {
        title: 'Ambulant alkoholbehandling på Rusmiddelcenteret',
        legalBasis: 'Serviceloven § 101',
        category: 'SUBSTANCE_ABUSE',
        startDate: '2026-03-01',
        endDate: '2026-12-31',
        followUpDate: '2026-12-02',
      },
    ],
    benefits: [
      { kind: 'Hjælp til enkeltudgifter (depositum)', legalBasis: 'Aktivloven § 81', monthlyAmountDkk: 0, since: '2026-05-01' },
    ],
    healthNotes: [
      { summary: 'Leverpåvirkning; følges af egen læge hver tredje måned.', source: 'Egen læge', recordedOn: '2026-04-11' },
    ],
  });
  yield caseSeed('SOC', 2, PERSONAS.mette, {
    kind: 'Praktisk støtte i hjemmet',
    openedOn: '2026-01-20',
    caseworkerId: bo,
    nextFollowUp: '2026-12-09',
    goals: ['Mette vil klare indkøb og rengøring selv igen.'],
    actions: [
      {
        title: 'Praktisk hjælp i hjemmet',
        legalBasis: 'Serviceloven § 83',
        startDate: '2026-02-01',
        endDate: '2027-01-31',
        followUpDate: '2026-12-09',
      },
    ],
    healthNotes: [
      {
        summary: 'Smertebehandling på Smerteklinikken; må ikke løfte over 5 kg.',
        source: 'Smerteklinikken, epikrise',
        recordedOn: '2026-08-30',
      },
    ],
  });
  yield caseSeed('SOC', 3, PERSONAS.sofie, {
    kind: 'Bostøtte',
    openedOn: '2024-10-01',
    caseworkerId: bo,
    nextFollowUp: '2026-12-11',
    goals: ['Sofie vil have overblik over sin økonomi.'],
    actions: [
      {
        title: 'Bostøtte 2 timer om ugen',
        legalBasis: 'Serviceloven § 85',
        startDate: '2024-10-15',
        endDate: null,
        followUpDate: '2026-12-11',
      },
    ],
  });
  yield caseSeed('SOC', 4, PERSONAS.jonas, {
    kind: 'Socialpædagogisk støtte',
    openedOn: '2025-05-05',
    caseworkerId: bo,
    nextFollowUp: '2026-12-16',
    goals: ['Jonas vil have et netværk uden for hjemmet.'],
    actions: [
      {
        title: 'Væresteds- og netværkstilbud',
        legalBasis: 'Serviceloven § 104',
        startDate: '2025-06-01',
        endDate: null,
        followUpDate: '2026-12-16',
      },
    ],
  });
  yield caseSeed('SOC', 5, PERSONAS.lars, {
    kind: 'Socialpædagogisk støtte',
    openedOn: '2024-08-19',
    caseworkerId: bo,
    nextFollowUp: '2026-12-18',
    goals: ['Lars vil have faste rammer om ugen og komme ud af lejligheden hver dag.'],
    actions: [
      {
        title: 'Bostøtte 3 timer om ugen',
        legalBasis: 'Serviceloven § 85',
        startDate: '2024-09-01',
        endDate: null,
        followUpDate: '2026-12-18',
      },
    ],
    healthNotes: [
      {
        summary: 'Moderat depression; i behandling i regionspsykiatrien.',
        source: 'Regionspsykiatrien, udskrivningsbrev',
        recordedOn: '2025-01-14',
      },
    ],
  });
  for (const citizen of syntheticCitizens(synthetic)) {
    yield caseSeed('SOC', 1000 + citizen.index, citizen, {
      kind: 'Bostøtte',
      openedOn: '2026-02-02',
      caseworkerId: bo,
      nextFollowUp: '2026-12-21',
      goals: ['Egen bolig med støtte.'],
      actions: [
        {
          title: 'Bostøtte 2 timer om ugen',
          legalBasis: 'Serviceloven § 85',
          startDate: '2026-02-15',
          endDate: null,
          followUpDate: '2026-12-21',
        },
      ],
      benefits: [{ kind: 'Hjælp til enkeltudgifter', legalBasis: 'Aktivloven § 81', monthlyAmountDkk: 0, since: '2026-03-01' }],
    });
  }
}
