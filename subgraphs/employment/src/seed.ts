import { CASEWORKERS, PERSONAS, caseSeed, syntheticCitizens, type DepartmentCaseSeed } from '@enplan/lib';

/** The jobcentre's cases for the demo personas (docs/design.md), then `synthetic` generated ones. */
export function* employmentSeed(synthetic: number): Generator<DepartmentCaseSeed> {
  const anna = CASEWORKERS.anna.id;
  yield caseSeed('EMP', 1, PERSONAS.peter, {
    kind: 'Kontanthjælp, aktivitetsparat',
    openedOn: '2023-02-01',
    caseworkerId: anna,
    nextFollowUp: '2026-12-08',
    goals: ['Peter vil gerne have et fast job på et lager inden for et år.', 'Komme op om morgenen og holde aftaler.'],
    actions: [
      {
        title: 'Virksomhedspraktik hos Genbrugscentret Vest, 15 timer om ugen',
        legalBasis: 'LAB § 42',
        startDate: '2026-10-01',
        endDate: '2026-12-31',
        followUpDate: '2026-12-08',
      },
      {
        title: 'Mentor til at komme i gang om morgenen',
        legalBasis: 'LAB § 31',
        startDate: '2026-09-15',
        endDate: '2027-03-15',
        followUpDate: '2026-12-08',
      },
      {
        title: 'Min Plan: fælles handleplan',
        legalBasis: 'LAB § 40 stk. 3',
        startDate: '2026-09-01',
        endDate: null,
        followUpDate: '2026-12-08',
      },
    ],
    benefits: [{ kind: 'Kontanthjælp', legalBasis: 'Aktivloven § 11', monthlyAmountDkk: 13_284, since: '2023-02-01' }],
  });
  yield caseSeed('EMP', 2, PERSONAS.mette, {
    kind: 'Jobafklaringsforløb',
    openedOn: '2025-08-18',
    caseworkerId: anna,
    nextFollowUp: '2026-12-03',
    goals: ['Mette vil tilbage til sit job som social- og sundhedsassistent på nedsat tid.'],
    actions: [
      {
        title: 'Arbejdsprøvning 10 timer om ugen på plejecenter',
        legalBasis: 'LAB § 42',
        startDate: '2026-11-01',
        endDate: '2027-01-31',
        followUpDate: '2026-12-03',
      },
      {
        title: 'Opfølgning efter revurdering af sygedagpenge',
        legalBasis: 'Sygedagpengeloven § 13 e',
        startDate: '2025-08-18',
        endDate: null,
        followUpDate: '2026-12-03',
      },
    ],
    benefits: [
      {
        kind: 'Ressourceforløbsydelse under jobafklaring',
        legalBasis: 'Aktivloven § 69 j',
        monthlyAmountDkk: 16_150,
        since: '2025-08-18',
      },
    ],
    healthNotes: [
      {
        summary: 'Diskusprolaps i lænden; kan arbejde 10–15 timer om ugen uden tunge løft.',
        source: 'Lægeattest LÆ 265 fra egen læge',
        recordedOn: '2026-09-20',
      },
    ],
  });
  yield caseSeed('EMP', 3, PERSONAS.ali, {
    kind: 'Integrationsprogram',
    openedOn: '2024-04-10',
    caseworkerId: anna,
    nextFollowUp: '2027-01-12',
    goals: ['Ali vil tage kørekort til lastbil og arbejde som chauffør.'],
    actions: [
      {
        title: 'Danskuddannelse 2, modul 3',
        legalBasis: 'Integrationsloven § 16',
        startDate: '2026-08-15',
        endDate: '2027-06-30',
        followUpDate: '2027-01-12',
      },
      {
        title: 'Løntilskud hos vognmand',
        legalBasis: 'LAB § 51',
        startDate: '2027-02-01',
        endDate: '2027-07-31',
        followUpDate: null,
      },
    ],
    benefits: [
      {
        kind: 'Selvforsørgelses- og hjemrejseydelse',
        legalBasis: 'Aktivloven § 22',
        monthlyAmountDkk: 12_420,
        since: '2024-04-10',
      },
    ],
  });
  yield caseSeed('EMP', 4, PERSONAS.sofie, {
    kind: 'Uddannelseshjælp, uddannelsesparat',
    openedOn: '2025-01-06',
    caseworkerId: anna,
    nextFollowUp: '2026-12-15',
    goals: ['Sofie vil starte på pædagoguddannelsen i august.'],
    actions: [
      {
        title: 'Brobygningsforløb til uddannelse',
        legalBasis: 'LAB § 32',
        startDate: '2026-09-01',
        endDate: '2027-06-30',
        followUpDate: '2026-12-15',
      },
    ],
    benefits: [{ kind: 'Uddannelseshjælp', legalBasis: 'Aktivloven § 23', monthlyAmountDkk: 7_426, since: '2025-01-06' }],
  });
  yield caseSeed('EMP', 5, PERSONAS.jonas, {
    kind: 'Ledighedsydelse (visiteret til fleksjob)',
    openedOn: '2024-11-01',
    caseworkerId: anna,
    nextFollowUp: '2026-12-10',
    goals: ['Jonas vil finde et fleksjob som værkstedsassistent.'],
    actions: [
      {
        title: 'Jobsøgning med fleksjobambassadør',
        legalBasis: 'LAB § 31',
        startDate: '2026-06-01',
        endDate: null,
        followUpDate: '2026-12-10',
      },
    ],
    benefits: [{ kind: 'Ledighedsydelse', legalBasis: 'Aktivloven § 74', monthlyAmountDkk: 19_430, since: '2024-11-01' }],
    healthNotes: [
      {
        summary: 'Varigt nedsat arbejdsevne efter arbejdsskade i højre skulder.',
        source: 'Rehabiliteringsteamets indstilling',
        recordedOn: '2024-09-12',
      },
    ],
  });
  yield caseSeed('EMP', 6, PERSONAS.lars, {
    kind: 'Ressourceforløb',
    openedOn: '2025-03-03',
    caseworkerId: anna,
    nextFollowUp: '2026-12-17',
    goals: ['Lars vil have struktur på hverdagen og prøve kræfter med praktisk arbejde.'],
    actions: [
      {
        title: 'Praktik i kommunens park og vej, 8 timer om ugen',
        legalBasis: 'LAB § 42',
        startDate: '2026-10-15',
        endDate: '2027-01-15',
        followUpDate: '2026-12-17',
      },
    ],
    benefits: [
      { kind: 'Ressourceforløbsydelse', legalBasis: 'Aktivloven § 69 j', monthlyAmountDkk: 14_210, since: '2025-03-03' },
    ],
    healthNotes: [
      {
        summary: 'Kroniske smerter og moderat depression; behandles i psykiatrien.',
        source: 'Rehabiliteringsteamets indstilling',
        recordedOn: '2025-02-20',
      },
    ],
  });
  for (const citizen of syntheticCitizens(synthetic)) {
    yield caseSeed('EMP', 1000 + citizen.index, citizen, {
      kind: 'Kontanthjælp, jobparat',
      openedOn: '2026-01-05',
      caseworkerId: anna,
      nextFollowUp: '2026-12-20',
      goals: ['Fast job inden for et halvt år.'],
      actions: [
        {
          title: 'Virksomhedspraktik',
          legalBasis: 'LAB § 42',
          startDate: '2026-10-01',
          endDate: '2026-12-31',
          followUpDate: '2026-12-20',
        },
      ],
      benefits: [{ kind: 'Kontanthjælp', legalBasis: 'Aktivloven § 11', monthlyAmountDkk: 12_000, since: '2026-01-05' }],
      healthNotes: [{ summary: 'Ingen helbredsmæssige begrænsninger oplyst.', source: 'Samtale', recordedOn: '2026-01-05' }],
    });
  }
}
