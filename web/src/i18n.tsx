import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useDepartments } from './departments';

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
  sessionExpired: 'Din session er udløbet, så du er logget ud. Log ind igen: det, du havde skrevet, er gemt.',
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
  myPlan: 'Min plan',
  myGoals: 'Mine mål',
  whoSawMyData: 'Hvem har set mine data',
  accessLog: 'Adgangslog',
  filters: 'Filtre',
  filterWho: 'Hvem',
  filterDepartment: 'Afdeling',
  filterCategory: 'Slags oplysninger',
  filterDecision: 'Udfald',
  filterFrom: 'Fra dato',
  all: 'Alle',
  allowed: 'Tilladt',
  refused: 'Afvist',
  noEntries: 'Ingen registreringer.',
  auditor: 'Revision',
  auditorLead: 'Søg i adgangsloggen for en borger.',
  search: 'Søg',
  chainStatus: 'Kædens integritet',
  chainNotExposed: 'API’et viser ikke kædens verifikation endnu; kør npm run verify-log på konsent-serveren.',
  invalidCpr: 'Skriv et CPR-nummer med 10 cifre.',
  home: 'Forside',
  askForPlan: 'Bed om én plan',
  askForPlanLead:
    'Har du sager i flere afdelinger, kan du bede om én fælles plan, som I laver sammen. Vælg de afdelinger, du vil have med.',
  askRules: [
    'Kun de afdelinger, du vælger, får besked – og de ser kun, at du har bedt om en plan, og hvornår.',
    'En afdeling kan først sige ja, når du har givet samtykke til, at afdelingerne må dele oplysninger om din plan. Det gør du under Min plan.',
    'Siger en afdeling nej, skal den skrive hvorfor. Du ser svaret her og i din indbakke.',
    'Du kan have én anmodning ad gangen, og du kan trække den tilbage, så længe ingen har svaret.',
  ],
  departmentsToInvolve: 'Afdelinger, du vil have med',
  sendRequest: 'Send anmodning',
  requestSent: 'Din anmodning er sendt.',
  chooseDepartment: 'Vælg mindst én afdeling.',
  requestPending: 'Du har allerede en anmodning, der venter på svar.',
  myRequests: 'Mine anmodninger',
  noRequests: 'Du har ikke bedt om en plan endnu.',
  requestedTo: (date: string, departments: string) => `Sendt ${date} til ${departments}`,
  answeredOn: (date: string) => `Besvaret ${date}`,
  reason: 'Begrundelse',
  inbox: 'Indbakke',
  inboxLead: 'Kvitteringer og beskeder om dine samtykker og din plan. De samme breve sendes til din Digital Post.',
  inboxEmpty: 'Ingen beskeder.',
  openReceipt: 'Læs kvitteringen',
  receiptNotFound: 'Kvitteringen findes ikke i din indbakke.',
  backToInbox: 'Tilbage til indbakken',
  receiptId: 'Kvitteringsnummer',
  issuedAt: 'Udstedt',
  controller: 'Dataansvarlig',
  separateController: 'Selvstændig dataansvarlig',
  separateControllerNote: (department: string, organisation: string) =>
    `${department} hører under ${organisation}, en anden myndighed end kommunen og selvstændig dataansvarlig for sine egne oplysninger. Kvitteringen nævner den.`,
  oralNeverOtherOrganisation:
    'Et mundtligt samtykke dækker aldrig oplysninger mellem kommunen og en anden myndighed: det kræver skriftligt samtykke eller MitID.',
  separateControllerText: (name: string, departments: string) =>
    `${name} (${departments}): en anden myndighed end kommunen, ansvarlig for sine egne oplysninger.`,
  principal: 'Borger',
  grantor: 'Givet af',
  purpose: 'Formål',
  collected: 'Indhentet',
  recordedBy: 'Registreret af',
  validity: 'Gyldighed',
  sensitiveCategories: 'Følsomme oplysninger',
  none: 'ingen',
  status: 'Status',
  whatItCovers: 'Hvad samtykket dækker',
  howToWithdraw: 'Sådan trækker du samtykket tilbage',
  specification: 'Standard',
  planRequests: 'Anmodninger om én plan',
  planRequestsLead: 'Borgere, der har bedt om én plan med din afdeling. Du ser kun, at de har spurgt, og hvornår.',
  noPlanRequests: 'Ingen åbne anmodninger.',
  openRequests: (n: number) =>
    n === 1 ? '1 borger har bedt om én plan med din afdeling' : `${n} borgere har bedt om én plan med din afdeling`,
  requestFrom: (cpr: string, date: string) => `Anmodning fra ${cpr}, sendt ${date}`,
  acceptRequest: 'Sig ja og opret planen',
  declineRequest: 'Sig nej',
  declineReason: 'Begrundelse (borgeren ser den)',
  writeReason: 'Skriv en begrundelse: borgeren ser den.',
  requestAccepted: 'Du har sagt ja. Planen er oprettet med dig som koordinerende sagsbehandler.',
  requestDeclined: 'Du har sagt nej. Borgeren får besked med din begrundelse.',
  requestGone: 'Anmodningen er allerede besvaret, eller den er ikke til din afdeling.',
  openPlan: 'Åbn planen',
  createPlan: 'Opret fælles plan',
  createPlanLead: 'Du bliver koordinerende sagsbehandler. Borgerens samtykke skal gøre din afdeling til part.',
  planCreated: 'Planen er oprettet som kladde.',
  planExists: 'Borgeren har allerede en fælles plan.',
  planCannotChange: 'Planen findes ikke eller er afsluttet og kan ikke ændres.',
  editJointPart: 'Ændr den fælles plan',
  agreements: 'Aftaler',
  noAgreements: 'Ingen aftaler endnu.',
  agreementLine: (what: string, department: string) => `${what} – ansvarlig: ${department}`,
  dueBy: (date: string) => `senest ${date}`,
  carriedOutBy: (provider: string) => `Udføres af ${provider} (serviceloven § 141 stk. 5)`,
  progressNotes: 'Notater om forløbet',
  progressNoteLine: (at: string, who: string, text: string) => `${at} · ${who}: ${text}`,
  addAgreement: 'Tilføj aftale',
  agreementWhat: 'Hvad er aftalt',
  responsibleDepartment: 'Ansvarlig afdeling',
  dueDate: 'Frist (valgfri)',
  meetings: 'Fællesmøder',
  noMeetings: 'Ingen møder endnu.',
  meetingLine: (at: string, place: string, participants: string) => `${at} · ${place} – med ${participants}`,
  withBisidder: (name: string) => `Bisidder: ${name}`,
  // The plan's history in the reader's language, from each change's kind and facts (issue #27).
  historyOf: (count: number) => `Historik (${count} ${count === 1 ? 'ændring' : 'ændringer'})`,
  historyLine: (at: string, who: string, what: string) => `${at} · ${who}: ${what}`,
  changePlanImported: 'Planen blev overført fra et andet system.',
  changePlanCreated: (coordinator: string) =>
    `Planen blev oprettet som kladde med ${coordinator} som koordinerende sagsbehandler.`,
  changeGoalsSet: (count: number) => `Borgerens egne mål blev skrevet (${count} mål).`,
  changePlanActivated: 'Borgeren sagde ja til planen. Den er nu aktiv.',
  changePlanEnded: (reason: string) => `Planen blev afsluttet. Begrundelse: ${reason}`,
  changeHandedOver: (coordinator: string) => `Koordineringen blev overdraget til ${coordinator}.`,
  changeAgreementAdded: (what: string, department: string) => `Ny aftale, ansvarlig ${department}: ${what}`,
  changeMeetingScheduled: (at: string, place: string) => `Fællesmøde planlagt ${at} på ${place}.`,
  changeMinutesRecorded: (at: string) => `Referat skrevet fra mødet ${at}.`,
  changeNextFollowUp: (date: string) => `Næste opfølgning sat til ${date}.`,
  changeConsentWithdrawn:
    'Borgeren trak sit samtykke tilbage. Afdelinger, som samtykket ikke længere nævner, kan ikke se den fælles plan.',
  changeAgreementAssigned: (provider: string, what: string) => `${provider} skal udføre aftalen: ${what}`,
  changeAssignmentEnded: (provider: string, what: string) => `${provider} udfører ikke længere aftalen: ${what}`,
  changeProgressNoteAdded: (provider: string, what: string) => `${provider} skrev et notat om aftalen: ${what}`,
  scheduleMeeting: 'Planlæg fællesmøde',
  meetingAt: 'Tidspunkt',
  place: 'Sted',
  participants: 'Deltagende afdelinger',
  bisidder: 'Bisidder (valgfri)',
  bisidderHint: 'En person, borgeren tager med til mødet, fx et familiemedlem.',
  minutes: 'Referat',
  minutesFor: (at: string) => `Referat af mødet ${at}`,
  saveMinutes: 'Gem referat',
  nextFollowUpLabel: 'Næste fælles opfølgning',
  citizenGoalsLabel: 'Borgerens mål, med borgerens egne ord (ét pr. linje)',
  saveGoals: 'Gem mål',
  myGoalsLabel: 'Dine mål, med dine egne ord (ét pr. linje)',
  myPart: 'Din del af planen',
  agreeToPlan: 'Enig i planen',
  agreeLead: 'Planen er en kladde, indtil du siger, at du er enig i den. Så bliver den aktiv.',
  iAgree: 'Jeg er enig i planen',
  citizenAgreedLead: 'Når borgeren har sagt, at hun eller han er enig i planen, bliver den aktiv.',
  citizenAgreed: 'Borgeren er enig: gør planen aktiv',
  planActivated: 'Planen er nu aktiv.',
  handOver: 'Overdrag koordineringen',
  handOverTo: 'Til sagsbehandler',
  handOverHint: 'Du kan vælge sagsbehandlere i de afdelinger, som borgerens samtykke gør til part i planen.',
  handedOver: 'Koordineringen er overdraget.',
  notAParty: 'Der er ingen sagsbehandler med det id i en afdeling, som borgerens samtykke gør til part i planen.',
  endPlan: 'Afslut planen',
  endReason: 'Hvorfor planen afsluttes (borgeren ser det)',
  planEnded: 'Planen er afsluttet.',
  saved: 'Gemt.',
  reloadPlan: 'Genindlæs planen',
  fillIn: 'Udfyld de påkrævede felter.',
  errConsentRequired:
    'Borgerens samtykke gør ikke din afdeling til part i en fælles plan. Der skal først være et samtykke, der nævner din afdeling og planen.',
  errForbidden: 'Det har du ikke adgang til.',
  errConflict: 'En anden har ændret planen, mens du arbejdede på den. Intet er gemt. Genindlæs planen og prøv igen.',
  errBadUserInput: 'Oplysningerne kunne ikke godtages. Ret dem og prøv igen.',
  errConsentUnavailable: 'Samtykket kan ikke kontrolleres lige nu, så intet er gemt. Prøv igen om lidt.',
  roleCoordinator: 'Koordinerende funktion',
  roleProvider: 'Udfører (tilbud)',
  myAssignments: 'Mine opgaver',
  myAssignmentsLead:
    'Aftaler i borgeres fælles plan, som en afdeling har givet jer at udføre (serviceloven § 141 stk. 5). I ser kun dem, de mål de tjener, de møder I er inviteret til, og koordinatoren. Hver visning står i borgerens log.',
  noAssignments: 'I har ingen opgaver i nogen plan.',
  assignmentGone: 'Opgaven er afsluttet.',
  goalsServed: 'Borgerens mål, som aftalerne tjener',
  newProgressNote: 'Nyt notat om forløbet',
  addProgressNote: 'Tilføj notat',
  progressNoteAdded: 'Notatet er tilføjet. Borgeren og koordinatoren kan se det.',
  candidates: 'Borgere, der kan få gavn af én plan',
  findingOff: 'Søgningen efter borgere er slået fra. Kommunen har ikke fastsat et lovgrundlag.',
  candidatesLead: (threshold: number, days: number) =>
    `Borgere med sager i mindst ${threshold} afdelinger, uden en plan. Du ser kun et maskeret CPR-nummer og antallet af afdelinger. Listen slettes efter ${days} dage.`,
  noCandidates: 'Ingen borgere på listen.',
  candidateDepartments: (count: number) => `Sager i ${count} afdelinger`,
  found: 'Fundet',
  invited: 'Invitation sendt',
  sendInvitation: 'Send invitation til én plan',
  invitationSent: 'Invitationen er sendt til borgerens indbakke og Digital Post.',
  candidateGone: 'Borgeren er ikke længere på listen, eller er allerede inviteret.',
  findingOptOutTitle: 'Kommunens søgning efter borgere til én plan',
  findingOptOutLead:
    'Kommunen kan undersøge, om du har sager i flere afdelinger, for at kunne tilbyde dig én samlet plan. Afdelingerne svarer kun ja eller nej, og hver undersøgelse står i din log.',
  doNotLookForMeOn: 'Du har bedt os om ikke at søge efter dig.',
  doNotLookForMeOff: 'Kommunen må søge efter dig.',
  doNotLookForMe: 'Søg ikke efter mig igen',
  mayLookForMe: 'I må gerne søge efter mig igen',
  doNotLookForMeSaved: 'Gemt. Vi søger ikke efter dig fra nu af.',
  mayLookForMeSaved: 'Gemt. Kommunen må søge efter dig igen.',
  errOther: (code: string) => `Det lykkedes ikke. Prøv igen, eller kontakt support (${code}).`,

  // Who saw my data, grouped (issue #27): each kind of event a whole sentence, never ending mid-way.
  logLead:
    'Hver linje er én person fra én afdeling på én dag. Vi viser, når nogen har set dine oplysninger fra en anden afdeling eller din fælles plan – og når de fik afslag.',
  logOverviewJoint: 'så i sit overblik, at du har en fælles plan',
  logOverviewCase: (owner: string) => `så i sit overblik, at du har en sag hos ${owner}`,
  logReadJoint: 'åbnede din fælles plan',
  logRead: (categories: string, owner: string) => `så ${categories} fra ${owner}`,
  logChangeJoint: 'skrev i din fælles plan',
  logRefusedOverviewJoint: 'fik afslag på at se, om du har en fælles plan',
  logRefusedOverviewCase: (owner: string) => `fik afslag på at se, om du har en sag hos ${owner}`,
  logRefusedJoint: 'fik afslag på at se din fælles plan',
  logRefused: (categories: string, owner: string) => `fik afslag på at se ${categories} fra ${owner}`,
  logCount: (n: number) => (n === 1 ? '1 gang' : `${n} gange`),
  logTimes: 'Se tidspunkterne',
  logTimesOf: (n: number) => (n === 1 ? 'Tidspunkt' : `De ${n} tidspunkter`),
  logGroups: (groups: number, entries: number) =>
    `${groups} ${groups === 1 ? 'linje' : 'linjer'} (${entries} ${entries === 1 ? 'registrering' : 'registreringer'})`,
  filterKind: 'Hvad skete der',
  kindOverview: 'Så i et overblik',
  kindRead: 'Så oplysninger',
  kindChange: 'Skrev i planen',
  exportCsv: 'Hent som regneark (CSV)',
  csvFileName: 'hvem-har-set-mine-data.csv',
  csvHeader: ['Tidspunkt', 'Hvem', 'Afdeling', 'Hvad skete der', 'Udfald', 'Slags oplysninger', 'Oplysninger fra'],
  // A citizen takes back a request for one plan (issue #27).
  cancelRequest: 'Træk anmodningen tilbage',
  cancelRequestQuestion:
    'Vil du trække anmodningen tilbage? Afdelingerne ser den så ikke længere. Du kan sende en ny med andre afdelinger bagefter.',
  cancelRequestYes: 'Ja, træk den tilbage',
  cancelRequestNo: 'Nej, lad den stå',
  requestCancelled: 'Din anmodning er trukket tilbage. Du kan sende en ny.',
  requestNoLongerPending: 'Anmodningen er allerede besvaret, så den kan ikke trækkes tilbage.',
  cancelledOn: (date: string) => `Trukket tilbage ${date}`,
  // Consents named in words; a withdrawal on the citizen's behalf confirmed first (issue #27).
  consentName: (date: string) => `Samtykke til én plan, ${date}`,
  consentNumber: (id: string) => `Samtykkenummer ${id}`,
  withdrawNamed: (name: string, id: string) => `Tilbagekald ${name.charAt(0).toLowerCase()}${name.slice(1)} (${id})`,
  withdrawOnBehalfQuestion:
    'Du tilbagekalder samtykket på borgerens vegne. Det gælder med det samme: afdelingerne kan ikke længere se de delte oplysninger eller den fælles plan. Har borgeren bedt om det?',
  withdrawOnBehalfYes: 'Ja, borgeren har bedt om det: tilbagekald',
  withdrawOnBehalfNo: 'Nej, fortryd',
  // The coordinator sees that a citizen withdrew (issue #27).
  noLongerShared: 'Ikke længere delt med dig',
  noLongerSharedLead:
    'Du koordinerer disse borgeres planer, men deres samtykke gør ikke længere din afdeling til part. Du kan ikke se planen, før borgeren giver et nyt samtykke.',
  citizenWithdrew: (cpr: string, at: string) => `${cpr} trak sit samtykke tilbage ${at}.`,
  consentEnded: (cpr: string) => `${cpr}: samtykket er udløbet eller omfatter ikke længere din afdeling.`,
  // The consent form in plain words (issue #27): its purpose, what each choice means, Forbyder optional.
  consentPurpose:
    'Én plan. Dine afdelinger må bruge oplysningerne til at lave og følge én fælles plan sammen med dig (lov om en aktiv beskæftigelsesindsats § 40 stk. 3 og serviceloven § 141 stk. 7) – ikke til andet.',
  ownerDepartmentsHint: 'De afdelinger, hvis oplysninger om dig må deles.',
  recipientDepartmentsHint: 'De afdelinger, der må se dem. En afdeling ser altid sine egne oplysninger om dig.',
  permitsHint: 'De slags oplysninger, der må deles. Helbred og misbrug er følsomme og kræver skriftligt samtykke eller MitID.',
  deniesHint: 'Vil du være sikker på, at noget aldrig deles, så vælg det her. Et forbud går forud for en tilladelse.',
  optional: '(valgfrit)',
  chooseIn: (groups: readonly string[]) => `Vælg mindst én under: ${groups.join('; ')}.`,
  // Inbox and receipt in the reader's language, from the message's facts (issue #27).
  inboxPlanRequested: (departments: string) => `Du har bedt om én plan med ${departments}.`,
  inboxRequestAccepted: (who: string) => `${who} har sagt ja til din anmodning om én plan.`,
  inboxRequestDeclined: (reason: string) => `Din anmodning om én plan blev afvist. Begrundelse: ${reason}`,
  inboxPlanCreated: (coordinator: string) => `Din fælles plan er oprettet. ${coordinator} er din koordinerende sagsbehandler.`,
  inboxPlanActivated: 'Du har sagt ja til din fælles plan. Den er nu aktiv, og afdelingerne arbejder efter den.',
  inboxPlanEnded: (reason: string) => `Din fælles plan er afsluttet. Begrundelse: ${reason}`,
  inboxMeetingScheduled: (at: string, place: string) =>
    `Du er inviteret til et fælles møde om din plan ${at} på ${place}. Du har ret til at tage en bisidder med.`,
  inboxConsentGiven: (until: string) =>
    `Du har givet samtykke til én plan, gyldigt til ${until}. Du kan altid trække det tilbage under Min plan.`,
  inboxConsentWithdrawn: (at: string) =>
    `Du trak dit samtykke tilbage ${at}. Afdelingerne kan ikke længere se den fælles plan på grundlag af det.`,
  receiptHowToWithdraw:
    'Du kan trække samtykket tilbage når som helst under Min plan, lige så let som du gav det. Det gælder med det samme.',

  // Sessions, the caseworker's basics, page titles (issue #27, part b).
  sessionEndsAt: (time: string) => `Din session udløber kl. ${time}. Det, du har skrevet i en formular, bliver gemt.`,
  staySignedIn: 'Forbliv logget ind',
  receiptPageTitle: 'Kvittering',
  cprNotAccepted: (masked: string) =>
    `${masked} er ikke et gyldigt CPR-nummer: de første seks cifre skal være en dato (DDMMÅÅ). Tjek nummeret, og prøv igen.`,
  backToCaseload: 'Tilbage til Mine borgere',
  searchCaseload: 'Søg i Mine borgere',
  searchCaseloadHint: 'Navn, CPR-nummer (helt eller delvis), planens status eller samtykke',
  caseloadShown: (shown: number, of: number) => `Viser ${shown} af ${of} borgere.`,
  chooseCaseworker: 'Vælg en sagsbehandler',
  departmentsUnavailable: 'Afdelingernes dele af planen kan ikke vises lige nu. Prøv at genindlæse siden.',
  unknownToYourDepartment: (masked: string) =>
    `Din afdeling har ingen sag om borgeren med CPR-nummer ${masked}. Tjek, at nummeret er skrevet rigtigt.`,
  sessionCannotRenew:
    'Sessionen kan ikke forlænges herfra. Når den udløber, logger du ind igen, og det, du har skrevet, kommer frem igen.',
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
  sessionExpired: 'Your session has ended, so you are signed out. Sign in again: what you had typed is kept.',
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
  myPlan: 'My plan',
  myGoals: 'My goals',
  whoSawMyData: 'Who saw my data',
  accessLog: 'Access log',
  filters: 'Filters',
  filterWho: 'Who',
  filterDepartment: 'Department',
  filterCategory: 'Kind of data',
  filterDecision: 'Outcome',
  filterFrom: 'From date',
  all: 'All',
  allowed: 'Allowed',
  refused: 'Refused',
  noEntries: 'No entries.',
  auditor: 'Audit',
  auditorLead: "Search a citizen's access log.",
  search: 'Search',
  chainStatus: 'Chain integrity',
  chainNotExposed: 'The API does not expose chain verification yet; run npm run verify-log on the consent server.',
  invalidCpr: 'Enter a CPR number of 10 digits.',
  home: 'Home',
  askForPlan: 'Ask for one plan',
  askForPlanLead:
    'If you have cases in several departments, you can ask for one joint plan that you make together. Choose the departments you want involved.',
  askRules: [
    'Only the departments you choose are told – and they only see that you asked for a plan, and when.',
    'A department can only say yes once you have consented to the departments sharing data about your plan. You do that under My plan.',
    'If a department says no, it must say why. You see the answer here and in your inbox.',
    'You can have one request at a time, and you can take it back as long as nobody has answered it.',
  ],
  departmentsToInvolve: 'Departments you want involved',
  sendRequest: 'Send request',
  requestSent: 'Your request has been sent.',
  chooseDepartment: 'Choose at least one department.',
  requestPending: 'You already have a request waiting for an answer.',
  myRequests: 'My requests',
  noRequests: 'You have not asked for a plan yet.',
  requestedTo: (date, departments) => `Sent ${date} to ${departments}`,
  answeredOn: (date) => `Answered ${date}`,
  reason: 'Reason',
  inbox: 'Inbox',
  inboxLead: 'Receipts and messages about your consents and your plan. The same letters go to your Digital Post.',
  inboxEmpty: 'No messages.',
  openReceipt: 'Read the receipt',
  receiptNotFound: 'The receipt is not in your inbox.',
  backToInbox: 'Back to the inbox',
  receiptId: 'Receipt number',
  issuedAt: 'Issued',
  controller: 'Data controller',
  separateController: 'Separate data controller',
  separateControllerNote: (department: string, organisation: string) =>
    `${department} belongs to ${organisation}, an authority other than the municipality and a data controller for its own data. The receipt names it.`,
  oralNeverOtherOrganisation:
    'An oral consent never covers data passing between the municipality and another authority: that needs written consent or MitID.',
  separateControllerText: (name: string, departments: string) =>
    `${name} (${departments}): an authority other than the municipality, responsible for its own data.`,
  principal: 'Citizen',
  grantor: 'Given by',
  purpose: 'Purpose',
  collected: 'Collected',
  recordedBy: 'Recorded by',
  validity: 'Validity',
  sensitiveCategories: 'Special categories',
  none: 'none',
  status: 'Status',
  whatItCovers: 'What the consent covers',
  howToWithdraw: 'How to withdraw the consent',
  specification: 'Standard',
  planRequests: 'Requests for one plan',
  planRequestsLead: 'Citizens who asked for one plan with your department. You only see that they asked, and when.',
  noPlanRequests: 'No open requests.',
  openRequests: (n) =>
    n === 1 ? '1 citizen asked for one plan with your department' : `${n} citizens asked for one plan with your department`,
  requestFrom: (cpr, date) => `Request from ${cpr}, sent ${date}`,
  acceptRequest: 'Say yes and create the plan',
  declineRequest: 'Say no',
  declineReason: 'Reason (the citizen sees it)',
  writeReason: 'Write a reason: the citizen sees it.',
  requestAccepted: 'You said yes. The plan is created with you as coordinating caseworker.',
  requestDeclined: 'You said no. The citizen is told, with your reason.',
  requestGone: 'The request has already been answered, or it is not for your department.',
  openPlan: 'Open the plan',
  createPlan: 'Create the joint plan',
  createPlanLead: "You become the coordinating caseworker. The citizen's consent must make your department a party.",
  planCreated: 'The plan is created as a draft.',
  planExists: 'The citizen already has a joint plan.',
  planCannotChange: 'The plan does not exist or has ended and cannot be changed.',
  editJointPart: 'Change the joint plan',
  agreements: 'Agreements',
  noAgreements: 'No agreements yet.',
  agreementLine: (what, department) => `${what} – responsible: ${department}`,
  dueBy: (date) => `by ${date}`,
  carriedOutBy: (provider) => `Carried out by ${provider} (serviceloven § 141 stk. 5)`,
  progressNotes: 'Progress notes',
  progressNoteLine: (at, who, text) => `${at} · ${who}: ${text}`,
  addAgreement: 'Add agreement',
  agreementWhat: 'What was agreed',
  responsibleDepartment: 'Responsible department',
  dueDate: 'Due date (optional)',
  meetings: 'Joint meetings',
  noMeetings: 'No meetings yet.',
  meetingLine: (at, place, participants) => `${at} · ${place} – with ${participants}`,
  withBisidder: (name) => `Bisidder (support person): ${name}`,
  historyOf: (count) => `History (${count} ${count === 1 ? 'change' : 'changes'})`,
  historyLine: (at, who, what) => `${at} · ${who}: ${what}`,
  changePlanImported: 'The plan was brought over from another system.',
  changePlanCreated: (coordinator) => `The plan was created as a draft, with ${coordinator} as coordinating caseworker.`,
  changeGoalsSet: (count) => `The citizen's own goals were written (${count} ${count === 1 ? 'goal' : 'goals'}).`,
  changePlanActivated: 'The citizen agreed to the plan. It is now active.',
  changePlanEnded: (reason) => `The plan was ended. Reason: ${reason}`,
  changeHandedOver: (coordinator) => `Coordination was handed over to ${coordinator}.`,
  changeAgreementAdded: (what, department) => `New agreement, responsible ${department}: ${what}`,
  changeMeetingScheduled: (at, place) => `Joint meeting scheduled for ${at} at ${place}.`,
  changeMinutesRecorded: (at) => `Minutes written for the meeting of ${at}.`,
  changeNextFollowUp: (date) => `Next follow-up set to ${date}.`,
  changeConsentWithdrawn:
    'The citizen withdrew their consent. Departments the consent no longer names cannot see the joint plan.',
  changeAgreementAssigned: (provider, what) => `${provider} is to carry out the agreement: ${what}`,
  changeAssignmentEnded: (provider, what) => `${provider} no longer carries out the agreement: ${what}`,
  changeProgressNoteAdded: (provider, what) => `${provider} wrote a note on the agreement: ${what}`,
  scheduleMeeting: 'Schedule a joint meeting',
  meetingAt: 'Time',
  place: 'Place',
  participants: 'Departments taking part',
  bisidder: 'Bisidder (optional)',
  bisidderHint: 'A person the citizen brings to the meeting, e.g. a family member.',
  minutes: 'Minutes',
  minutesFor: (at) => `Minutes of the meeting ${at}`,
  saveMinutes: 'Save minutes',
  nextFollowUpLabel: 'Next joint follow-up',
  citizenGoalsLabel: "The citizen's goals, in their own words (one per line)",
  saveGoals: 'Save goals',
  myGoalsLabel: 'Your goals, in your own words (one per line)',
  myPart: 'Your part of the plan',
  agreeToPlan: 'Agree to the plan',
  agreeLead: 'The plan is a draft until you say you agree to it. Then it becomes active.',
  iAgree: 'I agree to the plan',
  citizenAgreedLead: 'Once the citizen has said they agree to the plan, it becomes active.',
  citizenAgreed: 'The citizen agrees: make the plan active',
  planActivated: 'The plan is now active.',
  handOver: 'Hand over the coordination',
  handOverTo: 'To caseworker',
  handOverHint: "You can choose caseworkers of the departments the citizen's consent makes a party to the plan.",
  handedOver: 'The coordination has been handed over.',
  notAParty: "There is no caseworker with that id in a department the citizen's consent makes a party to the plan.",
  endPlan: 'End the plan',
  endReason: 'Why the plan ends (the citizen sees it)',
  planEnded: 'The plan has ended.',
  saved: 'Saved.',
  reloadPlan: 'Reload the plan',
  fillIn: 'Fill in the required fields.',
  errConsentRequired:
    "The citizen's consent does not make your department a party to a joint plan. A consent naming your department and the plan is needed first.",
  errForbidden: 'You do not have access to do this.',
  errConflict: 'Someone else changed the plan while you were working on it. Nothing was saved. Reload the plan and try again.',
  errBadUserInput: 'The details could not be accepted. Correct them and try again.',
  errConsentUnavailable: 'Consent cannot be checked just now, so nothing was saved. Try again in a moment.',
  roleCoordinator: 'Coordinating function',
  roleProvider: 'Provider',
  myAssignments: 'My assignments',
  myAssignmentsLead:
    "Agreements in citizens' joint plans that a department gave you to carry out (serviceloven § 141 stk. 5). You see only those, the goals they serve, the meetings you are invited to and the coordinator. Every view is in the citizen's log.",
  noAssignments: 'You have no assignments in any plan.',
  assignmentGone: 'The assignment has ended.',
  goalsServed: "The citizen's goals the agreements serve",
  newProgressNote: 'New progress note',
  addProgressNote: 'Add note',
  progressNoteAdded: 'The note is added. The citizen and the coordinator can see it.',
  candidates: 'Citizens who could benefit from one plan',
  findingOff: 'Finding candidates is switched off. The municipality has not set a legal basis.',
  candidatesLead: (threshold, days) =>
    `Citizens with cases in at least ${threshold} departments and no plan. You see only a masked CPR number and the number of departments. The list is deleted after ${days} days.`,
  noCandidates: 'No citizens on the list.',
  candidateDepartments: (count) => `Cases in ${count} departments`,
  found: 'Found',
  invited: 'Invitation sent',
  sendInvitation: 'Send an invitation to one plan',
  invitationSent: "The invitation has been sent to the citizen's inbox and Digital Post.",
  candidateGone: 'The citizen is no longer on the list, or has been invited already.',
  findingOptOutTitle: "The municipality's search for citizens who could benefit from one plan",
  findingOptOutLead:
    'The municipality may check whether you have cases in several departments, to offer you one joint plan. The departments only answer yes or no, and every check is in your log.',
  doNotLookForMeOn: 'You have asked us not to look for you.',
  doNotLookForMeOff: 'The municipality may look for you.',
  doNotLookForMe: 'Do not look for me again',
  mayLookForMe: 'You may look for me again',
  doNotLookForMeSaved: 'Saved. We will not look for you from now on.',
  mayLookForMeSaved: 'Saved. The municipality may look for you again.',
  errOther: (code) => `That did not work. Try again, or contact support (${code}).`,

  // Who saw my data, grouped (issue #27): each kind of event a whole sentence, never ending mid-way.
  logLead:
    'Each line is one person from one department on one day. We show when someone saw your data from another department or your joint plan – and when they were refused.',
  logOverviewJoint: 'saw in their overview that you have a joint plan',
  logOverviewCase: (owner) => `saw in their overview that you have a case with ${owner}`,
  logReadJoint: 'opened your joint plan',
  logRead: (categories, owner) => `saw ${categories} from ${owner}`,
  logChangeJoint: 'wrote in your joint plan',
  logRefusedOverviewJoint: 'was refused seeing whether you have a joint plan',
  logRefusedOverviewCase: (owner) => `was refused seeing whether you have a case with ${owner}`,
  logRefusedJoint: 'was refused seeing your joint plan',
  logRefused: (categories, owner) => `was refused seeing ${categories} from ${owner}`,
  logCount: (n) => (n === 1 ? 'once' : `${n} times`),
  logTimes: 'Show the times',
  logTimesOf: (n) => (n === 1 ? 'Time' : `The ${n} times`),
  logGroups: (groups, entries) =>
    `${groups} ${groups === 1 ? 'line' : 'lines'} (${entries} ${entries === 1 ? 'record' : 'records'})`,
  filterKind: 'What happened',
  kindOverview: 'Saw in an overview',
  kindRead: 'Saw data',
  kindChange: 'Wrote in the plan',
  exportCsv: 'Download as a spreadsheet (CSV)',
  csvFileName: 'who-saw-my-data.csv',
  csvHeader: ['Time', 'Who', 'Department', 'What happened', 'Outcome', 'Kinds of data', 'Data from'],
  // A citizen takes back a request for one plan (issue #27).
  cancelRequest: 'Take the request back',
  cancelRequestQuestion:
    'Do you want to take the request back? The departments will no longer see it. You can send a new one with other departments afterwards.',
  cancelRequestYes: 'Yes, take it back',
  cancelRequestNo: 'No, keep it',
  requestCancelled: 'Your request has been taken back. You can send a new one.',
  requestNoLongerPending: 'The request has already been answered, so it cannot be taken back.',
  cancelledOn: (date) => `Taken back ${date}`,
  // Consents named in words; a withdrawal on the citizen's behalf confirmed first (issue #27).
  consentName: (date) => `Consent to one plan, ${date}`,
  consentNumber: (id) => `Consent number ${id}`,
  withdrawNamed: (name, id) => `Withdraw ${name.charAt(0).toLowerCase()}${name.slice(1)} (${id})`,
  withdrawOnBehalfQuestion:
    "You are withdrawing the consent on the citizen's behalf. It takes effect at once: the departments can no longer see the shared data or the joint plan. Has the citizen asked for this?",
  withdrawOnBehalfYes: 'Yes, the citizen asked: withdraw',
  withdrawOnBehalfNo: 'No, cancel',
  // The coordinator sees that a citizen withdrew (issue #27).
  noLongerShared: 'No longer shared with you',
  noLongerSharedLead:
    "You coordinate these citizens' plans, but their consent no longer makes your department a party. You cannot see the plan until the citizen gives a new consent.",
  citizenWithdrew: (cpr, at) => `${cpr} withdrew their consent on ${at}.`,
  consentEnded: (cpr) => `${cpr}: the consent has expired or no longer includes your department.`,
  // The consent form in plain words (issue #27): its purpose, what each choice means, Forbyder optional.
  consentPurpose:
    'One plan. Your departments may use the data to make and follow one joint plan with you (the Active Employment Act § 40(3) and the Social Services Act § 141(7)) – and for nothing else.',
  ownerDepartmentsHint: 'The departments whose data about you may be shared.',
  recipientDepartmentsHint: 'The departments that may see it. A department always sees its own data about you.',
  permitsHint:
    'The kinds of data that may be shared. Health and substance abuse are sensitive and need a written consent or MitID.',
  deniesHint: 'If you want to be sure something is never shared, choose it here. A prohibition comes before a permission.',
  optional: '(optional)',
  chooseIn: (groups) => `Choose at least one under: ${groups.join('; ')}.`,
  // Inbox and receipt in the reader's language, from the message's facts (issue #27).
  inboxPlanRequested: (departments) => `You asked for one plan with ${departments}.`,
  inboxRequestAccepted: (who) => `${who} said yes to your request for one plan.`,
  inboxRequestDeclined: (reason) => `Your request for one plan was declined. Reason: ${reason}`,
  inboxPlanCreated: (coordinator) => `Your joint plan has been created. ${coordinator} is your coordinating caseworker.`,
  inboxPlanActivated: 'You agreed to your joint plan. It is now active, and the departments work by it.',
  inboxPlanEnded: (reason) => `Your joint plan has ended. Reason: ${reason}`,
  inboxMeetingScheduled: (at, place) =>
    `You are invited to a joint meeting about your plan on ${at} at ${place}. You have the right to bring someone to support you (a bisidder).`,
  inboxConsentGiven: (until) => `You gave consent to one plan, valid until ${until}. You can always withdraw it under My plan.`,
  inboxConsentWithdrawn: (at) =>
    `You withdrew your consent on ${at}. The departments can no longer see the joint plan on the basis of it.`,
  receiptHowToWithdraw:
    'You can withdraw the consent at any time under My plan, as easily as you gave it. It takes effect at once.',

  // Sessions, the caseworker's basics, page titles (issue #27, part b).
  sessionEndsAt: (time) => `Your session ends at ${time}. What you type in a form is kept.`,
  staySignedIn: 'Stay signed in',
  receiptPageTitle: 'Receipt',
  cprNotAccepted: (masked) =>
    `${masked} is not a valid CPR number: the first six digits must be a date (DDMMYY). Check the number and try again.`,
  backToCaseload: 'Back to My citizens',
  searchCaseload: 'Search My citizens',
  searchCaseloadHint: "Name, CPR number (whole or in part), the plan's status or the consent",
  caseloadShown: (shown, of) => `Showing ${shown} of ${of} citizens.`,
  chooseCaseworker: 'Choose a caseworker',
  departmentsUnavailable: "The departments' parts of the plan cannot be shown just now. Try reloading the page.",
  unknownToYourDepartment: (masked) =>
    `Your department has no case about the citizen with CPR number ${masked}. Check that the number is typed correctly.`,
  sessionCannotRenew: 'The session cannot be extended from here. When it ends, sign in again and what you typed will be back.',
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
    PENDING: 'Venter på svar',
    ACCEPTED: 'Accepteret',
    DECLINED: 'Afvist',
    CANCELLED: 'Trukket tilbage',
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
    PENDING: 'Waiting for an answer',
    ACCEPTED: 'Accepted',
    DECLINED: 'Declined',
    CANCELLED: 'Taken back',
  },
};

/** English subject lines for the inbox; in Danish the subject is shown as the letter was sent. */
const NOTIFICATION_SUBJECTS_EN: Record<string, string> = {
  CONSENT_GIVEN: 'Receipt for your consent',
  CONSENT_WITHDRAWN: 'Receipt for a withdrawn consent',
  PLAN_REQUESTED: 'Your request for one plan has been sent',
  PLAN_REQUEST_ANSWERED: 'Answer to your request for one plan',
  PLAN_CREATED: 'Your joint plan has been created',
  PLAN_ACTIVATED: 'Your joint plan is now active',
  PLAN_ENDED: 'Your joint plan has ended',
  MEETING_SCHEDULED: 'New joint meeting',
  FINDING_INVITATION: 'An offer of one joint plan',
};

/** What a failed action tells the user: which answer to fix, by the `field` a BAD_USER_INPUT names. */
export interface FailureLike {
  code: string;
  field?: string | undefined;
}

export interface Texts {
  language: Language;
  t: Dictionary;
  /** A department's name as its schema declares it (GET /web/departments); an unknown code is shown as it is. */
  department(code: string | null | undefined): string;
  category(code: string): string;
  categories(codes: readonly string[]): string;
  enumValue(code: string): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  /** The time of day (HH.MM), Copenhagen time. */
  time(iso: string): string;
  /** An inbox message's subject line in the user's language. */
  notificationSubject(kind: string, subject: string): string;
  /**
   * A failed action in words for the user, never the server's own (English, technical) message.
   * `byField` says, per input field, what a BAD_USER_INPUT about that field means on this form.
   */
  failure(failure: FailureLike, byField?: Readonly<Record<string, string>>): string;
  setLanguage(language: Language): void;
}

const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

function list(language: Language, items: readonly string[]): string {
  return new Intl.ListFormat(LOCALES[language], { style: 'long', type: 'conjunction' }).format(items);
}

function texts(language: Language, setLanguage: (l: Language) => void, departmentNames: ReadonlyMap<string, string>): Texts {
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
  const timeFormat = new Intl.DateTimeFormat('da-DK', { timeStyle: 'short', timeZone: 'Europe/Copenhagen' });
  const t = language === 'da' ? (da as unknown as Dictionary) : en;
  const parse = (iso: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  return {
    language,
    t,
    department: (code) => (code ? (departmentNames.get(code) ?? code) : ''),
    category: (code) => CATEGORIES[language][code] ?? code,
    categories: (codes) =>
      list(
        language,
        codes.map((c) => CATEGORIES[language][c] ?? c),
      ),
    enumValue: (code) => ENUMS[language][code] ?? code,
    date: (iso) => (iso ? dateFormat.format(parse(iso)) : ''),
    dateTime: (iso) => (iso ? dateTimeFormat.format(parse(iso)) : ''),
    time: (iso) => timeFormat.format(parse(iso)),
    notificationSubject: (kind, subject) => (language === 'da' ? subject : (NOTIFICATION_SUBJECTS_EN[kind] ?? subject)),
    failure: ({ code, field }, byField = {}) => {
      switch (code) {
        case 'CONSENT_REQUIRED':
          return t.errConsentRequired;
        case 'FORBIDDEN':
          return t.errForbidden;
        case 'CONFLICT':
          return t.errConflict;
        case 'CONSENT_UNAVAILABLE':
          return t.errConsentUnavailable;
        case 'BAD_USER_INPUT':
          return (field && byField[field]) || t.errBadUserInput;
        default:
          return t.errOther(code);
      }
    },
    setLanguage,
  };
}

const LANGUAGE_KEY = 'enplan.language';
const TextsContext = createContext<Texts | null>(null);

/** Danish by default; the choice of English is remembered in this browser. */
export function TextsProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => (localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'da'));
  const { departments } = useDepartments();
  const value = useMemo(
    () =>
      texts(
        language,
        (next) => {
          localStorage.setItem(LANGUAGE_KEY, next);
          setLanguageState(next);
        },
        new Map(departments.map((d) => [d.code, d.name])),
      ),
    [language, departments],
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
