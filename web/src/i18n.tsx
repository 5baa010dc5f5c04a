import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Language = 'da' | 'en';

const da = {
  appName: 'Én plan',
  skipToContent: 'Spring til indhold',
  language: 'Sprog',
  signIn: 'Log ind',
  signOut: 'Log ud',
  signedInAs: 'Logget ind som',
  devSignInTitle: 'Vælg en demo-person',
  devSignInLead: 'Kun i udvikling: log ind som en af demo-personerne.',
  devSignInUnavailable: 'Demo-login er ikke slået til på denne server.',
  oidcSignIn: 'Log ind med MitID eller kommunens login',
  signInFailed: 'Log ind mislykkedes. Prøv igen.',
  roleCaseworker: 'Sagsbehandler',
  roleCitizen: 'Borger',
  roleAuditor: 'Revisor',
  loading: 'Henter …',
  failed: 'Det lykkedes ikke at hente data',
  sessionExpired: 'Du er logget ud. Log ind igen.',
  caseload: 'Mine borgere',
  caseloadLead: 'Borgere, hvis fælles plan du koordinerer.',
  caseloadEmpty: 'Du koordinerer ingen planer.',
  openCitizen: 'Åbn en borgers plan',
  cprLabel: 'CPR-nummer',
  cprHint: '10 cifre, fx 010180-4321',
  open: 'Åbn',
  citizen: 'Borger',
  planStatus: 'Planens status',
  nextJointMeeting: 'Næste fælles møde',
  coordinator: 'Koordinerende sagsbehandler',
  consentStatus: 'Samtykke',
  noPlan: 'Ingen fælles plan',
  onePlanOf: 'Fælles plan for',
  jointPart: 'Fælles del',
  citizenGoals: 'Borgerens egne mål',
  noGoals: 'Ingen mål endnu.',
  sectionOf: 'Sektion',
  caseworker: 'Sagsbehandler',
  goals: 'Mål',
  actions: 'Indsatser',
  legalBasis: 'Lovgrundlag',
  followUp: 'Opfølgning',
  nextFollowUp: 'Næste opfølgning',
  noSection: 'Afdelingen har ingen sektion i planen.',
  cases: 'Sager',
  notShared: 'Ikke delt',
  consentDoesNotCover: (categories: string, department: string) =>
    `borgerens samtykke dækker ikke ${categories} fra ${department}.`,
  consentDoesNotCoverJoint: 'borgerens samtykke gør ikke din afdeling til part i en fælles plan.',
  consentUnavailable: 'samtykket kunne ikke kontrolleres lige nu, så data holdes tilbage.',
  departmentUnavailable: (department: string) => `${department} svarede ikke; data mangler.`,
  withheldOther: 'data kunne ikke vises.',
  recordConsent: 'Registrér samtykke',
  consents: 'Samtykker',
  myConsents: 'Mine samtykker',
  giveConsent: 'Giv samtykke',
  withdraw: 'Tilbagekald',
  withdrawn: 'Tilbagekaldt',
  withdrawConfirm: 'Samtykket er tilbagekaldt. Det gælder med det samme.',
  consentGiven: 'Samtykket er registreret.',
  noConsents: 'Ingen samtykker.',
  validFromTo: (from: string, until: string) => `Gælder ${from} – ${until}`,
  permits: 'Tillader',
  denies: 'Forbyder',
  provisionText: (effect: string, categories: string, owners: string, recipients: string) =>
    `${effect} at ${recipients} ser ${categories} fra ${owners}`,
  evidence: 'Dokumentation',
  rulesTitle: 'Reglerne',
  rules: [
    'Et samtykke skal nævne hvilke afdelinger, hvilke slags oplysninger og formålet (forvaltningsloven § 28, retssikkerhedsloven § 11 a). Et generelt samtykke er ugyldigt.',
    'Helbred og misbrug er følsomme oplysninger: et mundtligt samtykke dækker dem ikke; det kræver skriftligt samtykke eller MitID.',
    'Samtykket gælder fra og til de datoer, du angiver, og kan altid tilbagekaldes – lige så let som det blev givet.',
    'Et forbud (fx misbrug) går forud for en tilladelse.',
  ],
  ownerDepartments: 'Oplysninger fra',
  recipientDepartments: 'Må ses af',
  categories: 'Slags oplysninger',
  evidenceMethod: 'Hvordan samtykket er givet',
  documentRef: 'Journalnotat eller dokument (valgfrit)',
  validFrom: 'Gælder fra',
  validUntil: 'Gælder til',
  save: 'Gem',
  chooseAtLeastOne: 'Vælg mindst én i hver gruppe.',
  myPlan: 'Min plan',
  myGoals: 'Mine mål',
  whoSawMyData: 'Hvem har set mine data',
  accessLog: 'Adgangslog',
  accessLogLead: 'Hver gang en afdeling har set – eller fået afslag på at se – dine oplysninger fra en anden afdeling.',
  filters: 'Filtre',
  filterWho: 'Hvem',
  filterDepartment: 'Afdeling',
  filterCategory: 'Slags oplysninger',
  filterDecision: 'Udfald',
  filterFrom: 'Fra dato',
  all: 'Alle',
  allowed: 'Tilladt',
  refused: 'Afvist',
  sawYourData: (who: string, department: string, categories: string, owner: string) =>
    `${who} (${department}) så ${categories} fra ${owner}`,
  wasRefused: (who: string, department: string, categories: string, owner: string) =>
    `${who} (${department}) fik afslag på ${categories} fra ${owner}`,
  noEntries: 'Ingen registreringer.',
  entries: (n: number) => `${n} registreringer`,
  auditor: 'Revision',
  auditorLead: 'Søg i adgangsloggen for en borger.',
  search: 'Søg',
  chainStatus: 'Kædens integritet',
  chainNotExposed: 'API’et viser ikke kædens verifikation endnu; kør npm run verify-log på konsent-serveren.',
  invalidCpr: 'Skriv et CPR-nummer med 10 cifre.',
  home: 'Forside',
} as const;

type Dictionary = {
  [K in keyof typeof da]: (typeof da)[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : (typeof da)[K] extends readonly string[]
      ? readonly string[]
      : string;
};

const en: Dictionary = {
  appName: 'One plan',
  skipToContent: 'Skip to content',
  language: 'Language',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: 'Signed in as',
  devSignInTitle: 'Choose a demo persona',
  devSignInLead: 'Development only: sign in as one of the demo personas.',
  devSignInUnavailable: 'Demo sign-in is not enabled on this server.',
  oidcSignIn: "Sign in with MitID or the municipality's login",
  signInFailed: 'Sign-in failed. Please try again.',
  roleCaseworker: 'Caseworker',
  roleCitizen: 'Citizen',
  roleAuditor: 'Auditor',
  loading: 'Loading …',
  failed: 'Could not load the data',
  sessionExpired: 'You are signed out. Please sign in again.',
  caseload: 'My citizens',
  caseloadLead: 'Citizens whose one plan you coordinate.',
  caseloadEmpty: 'You coordinate no plans.',
  openCitizen: "Open a citizen's plan",
  cprLabel: 'CPR number',
  cprHint: '10 digits, e.g. 010180-4321',
  open: 'Open',
  citizen: 'Citizen',
  planStatus: 'Plan status',
  nextJointMeeting: 'Next joint meeting',
  coordinator: 'Coordinating caseworker',
  consentStatus: 'Consent',
  noPlan: 'No joint plan',
  onePlanOf: 'One plan for',
  jointPart: 'Joint part',
  citizenGoals: "The citizen's own goals",
  noGoals: 'No goals yet.',
  sectionOf: 'Section',
  caseworker: 'Caseworker',
  goals: 'Goals',
  actions: 'Actions',
  legalBasis: 'Legal basis',
  followUp: 'Follow-up',
  nextFollowUp: 'Next follow-up',
  noSection: 'The department has no section in the plan.',
  cases: 'Cases',
  notShared: 'Not shared',
  consentDoesNotCover: (categories, department) => `the citizen's consent does not cover ${categories} from ${department}.`,
  consentDoesNotCoverJoint: "the citizen's consent does not make your department a party to a joint plan.",
  consentUnavailable: 'consent could not be checked just now, so the data is withheld.',
  departmentUnavailable: (department) => `${department} did not answer; its data is missing.`,
  withheldOther: 'the data could not be shown.',
  recordConsent: 'Record a consent',
  consents: 'Consents',
  myConsents: 'My consents',
  giveConsent: 'Give consent',
  withdraw: 'Withdraw',
  withdrawn: 'Withdrawn',
  withdrawConfirm: 'The consent is withdrawn. It takes effect at once.',
  consentGiven: 'The consent is recorded.',
  noConsents: 'No consents.',
  validFromTo: (from, until) => `Valid ${from} – ${until}`,
  permits: 'Permits',
  denies: 'Denies',
  provisionText: (effect, categories, owners, recipients) => `${effect} ${recipients} to see ${categories} from ${owners}`,
  evidence: 'Evidence',
  rulesTitle: 'The rules',
  rules: [
    'A consent must name the departments, the kinds of data and the purpose (forvaltningsloven § 28, retssikkerhedsloven § 11 a). A blanket consent is invalid.',
    'Health and substance abuse are special categories: an oral consent does not cover them; they need written consent or MitID.',
    'The consent is valid between the dates you give and can always be withdrawn – as easily as it was given.',
    'A deny provision (e.g. substance abuse) overrides a permit.',
  ],
  ownerDepartments: 'Data from',
  recipientDepartments: 'May be seen by',
  categories: 'Kinds of data',
  evidenceMethod: 'How the consent was given',
  documentRef: 'Journal note or document (optional)',
  validFrom: 'Valid from',
  validUntil: 'Valid until',
  save: 'Save',
  chooseAtLeastOne: 'Choose at least one in each group.',
  myPlan: 'My plan',
  myGoals: 'My goals',
  whoSawMyData: 'Who saw my data',
  accessLog: 'Access log',
  accessLogLead: 'Every time a department saw – or was refused – your data from another department.',
  filters: 'Filters',
  filterWho: 'Who',
  filterDepartment: 'Department',
  filterCategory: 'Kind of data',
  filterDecision: 'Outcome',
  filterFrom: 'From date',
  all: 'All',
  allowed: 'Allowed',
  refused: 'Refused',
  sawYourData: (who, department, categories, owner) => `${who} (${department}) saw ${categories} from ${owner}`,
  wasRefused: (who, department, categories, owner) => `${who} (${department}) was refused ${categories} from ${owner}`,
  noEntries: 'No entries.',
  entries: (n) => `${n} entries`,
  auditor: 'Audit',
  auditorLead: "Search a citizen's access log.",
  search: 'Search',
  chainStatus: 'Chain integrity',
  chainNotExposed: 'The API does not expose chain verification yet; run npm run verify-log on the consent server.',
  invalidCpr: 'Enter a CPR number of 10 digits.',
  home: 'Home',
};

const DEPARTMENTS: Record<Language, Record<string, string>> = {
  da: { EMPLOYMENT: 'Jobcentret', SOCIAL: 'Socialområdet (voksne)', CHILDREN: 'Børn og familie', HOUSING: 'Boligområdet' },
  en: { EMPLOYMENT: 'the jobcentre', SOCIAL: 'adult social services', CHILDREN: 'children and family', HOUSING: 'housing' },
};

const CATEGORIES: Record<Language, Record<string, string>> = {
  da: {
    CASE: 'sagsoplysninger',
    PLAN: 'planen',
    BENEFITS: 'ydelser',
    HEALTH: 'helbredsoplysninger',
    SUBSTANCE_ABUSE: 'misbrugsbehandling',
    FAMILY: 'familieoplysninger',
  },
  en: {
    CASE: 'case data',
    PLAN: 'the plan',
    BENEFITS: 'benefits',
    HEALTH: 'health data',
    SUBSTANCE_ABUSE: 'substance abuse treatment',
    FAMILY: 'family data',
  },
};

const ENUMS: Record<Language, Record<string, string>> = {
  da: {
    ACTIVE: 'Aktiv',
    DRAFT: 'Kladde',
    ENDED: 'Afsluttet',
    WITHDRAWN: 'Tilbagekaldt',
    EXPIRED: 'Udløbet',
    SUPERSEDED: 'Erstattet',
    SCHEDULED: 'Planlagt',
    OPEN: 'Åben',
    CLOSED: 'Lukket',
    WRITTEN: 'Skriftligt',
    ORAL: 'Mundtligt',
    MITID: 'MitID',
    DIGITAL_CONSENT_SERVICE: 'Digital samtykkeløsning',
  },
  en: {
    ACTIVE: 'Active',
    DRAFT: 'Draft',
    ENDED: 'Ended',
    WITHDRAWN: 'Withdrawn',
    EXPIRED: 'Expired',
    SUPERSEDED: 'Superseded',
    SCHEDULED: 'Scheduled',
    OPEN: 'Open',
    CLOSED: 'Closed',
    WRITTEN: 'Written',
    ORAL: 'Oral',
    MITID: 'MitID',
    DIGITAL_CONSENT_SERVICE: 'Digital consent service',
  },
};

export interface Texts {
  language: Language;
  t: Dictionary;
  /** A department's name; an unknown code (a department added later) is shown as it is. */
  department(code: string | null | undefined): string;
  category(code: string): string;
  categories(codes: readonly string[]): string;
  enumValue(code: string): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  setLanguage(language: Language): void;
}

const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

function list(language: Language, items: readonly string[]): string {
  return new Intl.ListFormat(LOCALES[language], { style: 'long', type: 'conjunction' }).format(items);
}

function texts(language: Language, setLanguage: (l: Language) => void): Texts {
  // Danish dates (dd.mm.yyyy) in both languages: the users are Danish, the records are Danish.
  const dateFormat = new Intl.DateTimeFormat('da-DK', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Copenhagen',
  });
  const dateTimeFormat = new Intl.DateTimeFormat('da-DK', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  });
  const parse = (iso: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  return {
    language,
    t: language === 'da' ? (da as unknown as Dictionary) : en,
    department: (code) => (code ? (DEPARTMENTS[language][code] ?? code) : ''),
    category: (code) => CATEGORIES[language][code] ?? code,
    categories: (codes) =>
      list(
        language,
        codes.map((c) => CATEGORIES[language][c] ?? c),
      ),
    enumValue: (code) => ENUMS[language][code] ?? code,
    date: (iso) => (iso ? dateFormat.format(parse(iso)) : ''),
    dateTime: (iso) => (iso ? dateTimeFormat.format(parse(iso)) : ''),
    setLanguage,
  };
}

const LANGUAGE_KEY = 'enplan.language';
const TextsContext = createContext<Texts | null>(null);

/** Danish by default; the choice of English is remembered in this browser. */
export function TextsProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => (localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'da'));
  const value = useMemo(
    () =>
      texts(language, (next) => {
        localStorage.setItem(LANGUAGE_KEY, next);
        setLanguageState(next);
      }),
    [language],
  );
  // The page's language, for screen readers' pronunciation (WCAG 3.1.1).
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return <TextsContext.Provider value={value}>{children}</TextsContext.Provider>;
}

export function useTexts(): Texts {
  const value = useContext(TextsContext);
  if (!value) throw new Error('useTexts outside TextsProvider');
  return value;
}
