import { PERSONAS, caseSeed, type DepartmentCaseSeed } from '@enplan/lib';

/** Hanne Vestergaard, udskrivningskoordinator: registered in federation.json with the region's department. */
const hanne = 'reg-psy-1';

/** The outpatient treatment of a course (ambulant behandling) and the next network meeting of its coordination plan. */
export interface OutpatientTreatmentRecord {
  startDate: string;
  endDate: string | null;
  responsibleUnit: string;
  contactPerson: string;
  nextNetworkMeeting: string | null;
}

/** A course as seeded: the department case and its outpatient treatment. */
export interface PsychiatryCourseSeed extends DepartmentCaseSeed {
  outpatient: OutpatientTreatmentRecord;
}

/** The region's courses for the demo personas (docs/design.md): only Mette has one. */
export function* psychiatrySeed(): Generator<PsychiatryCourseSeed> {
  yield {
    ...caseSeed('PSY', 1, PERSONAS.mette, {
      kind: 'Ambulant forløb',
      openedOn: '2026-06-02',
      caseworkerId: hanne,
      nextFollowUp: '2026-12-15',
      goals: ['Mette vil kunne sove om natten og klare en arbejdsdag på nedsat tid.'],
      actions: [
        {
          title: 'Samtaler i Distriktspsykiatrien hver 14. dag',
          legalBasis: 'Sundhedsloven § 79',
          startDate: '2026-06-16',
          endDate: '2027-06-15',
          followUpDate: '2026-12-15',
        },
        {
          title: 'Jobcentret og psykiatrien aftaler gradvis tilbagevenden sammen',
          legalBasis: 'Sundhedsloven § 205 (sundhedsaftale)',
          startDate: '2026-09-01',
          endDate: null,
          followUpDate: '2026-12-15',
        },
      ],
      healthNotes: [
        {
          summary: 'Moderat depression i bedring; kan arbejde 15 timer om ugen uden nattevagter.',
          source: 'Psykiatrisk Center København, statusnotat til kommunen',
          recordedOn: '2026-11-20',
        },
      ],
    }),
    outpatient: {
      startDate: '2026-06-02',
      endDate: null,
      responsibleUnit: 'Psykiatrisk Center København, Distriktspsykiatrien Nørrebro',
      contactPerson: 'Hanne Vestergaard',
      nextNetworkMeeting: '2026-12-15',
    },
  };
}
