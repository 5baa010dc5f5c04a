/** Peter's jobcentre section as subgraphs/employment/src/seed.ts seeds it: what Anna reads as her own (rule 1). */
export const PETERS_EMPLOYMENT_SECTION = {
  goals: [
    { description: 'Peter vil gerne have et fast job på et lager inden for et år.' },
    { description: 'Komme op om morgenen og holde aftaler.' },
  ],
  actions: [
    {
      title: 'Virksomhedspraktik hos Genbrugscentret Vest, 15 timer om ugen',
      legalBasis: 'LAB § 42',
      followUpDate: '2026-12-08',
    },
    { title: 'Mentor til at komme i gang om morgenen', legalBasis: 'LAB § 31', followUpDate: '2026-12-08' },
    { title: 'Min Plan: fælles handleplan', legalBasis: 'LAB § 40 stk. 3', followUpDate: '2026-12-08' },
  ],
};
