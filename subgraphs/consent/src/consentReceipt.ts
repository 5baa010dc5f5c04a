import { maskCpr, municipality, organisationOf, SPECIAL_CATEGORIES, type DataCategory, type Department } from '@enplan/lib';
import type { ConsentRecord, ConsentStatus } from './consentModel';
import { representativeActView } from './representation/representativeActView';

/** Who is responsible for the processing (the data controller). */
export const CONTROLLER = {
  name: 'Kommunen, Borgerservice',
  contact: 'Kontakt din koordinerende sagsbehandler, eller skriv til kommunen via Digital Post.',
};

const PURPOSE_TEXT =
  'Én plan: én sammenhængende plan på tværs af forvaltninger (LAB § 40 stk. 3, serviceloven § 141 stk. 7). Data deles kun mellem de forvaltninger og om de slags oplysninger, samtykket nævner.';

const HOW_TO_WITHDRAW =
  'Du kan til enhver tid trække samtykket tilbage med ét klik under "Mine samtykker" i selvbetjeningen, eller ved at bede en sagsbehandler om det. Tilbagekaldelsen virker med det samme; den ændrer ikke det, der lovligt er delt før.';

export type ReceiptEvent = 'GIVEN' | 'WITHDRAWN';

/**
 * A consent receipt for the citizen, with the fields of ISO/IEC TS 27560:2023 (consent record
 * information structure) and the Kantara Initiative Consent Receipt v1.1: who is the controller,
 * what was consented to (purpose, data categories, sensitive ones marked), from which sources to
 * which recipients, how it was collected, how long it is valid, and how to withdraw. The CPR is
 * masked: the receipt travels through mail systems.
 */
export interface ConsentReceipt {
  receiptId: string;
  specification: string;
  event: ReceiptEvent;
  issuedAt: string;
  jurisdiction: 'DK';
  controller: typeof CONTROLLER;
  /**
   * Other organisations the consent names, each a data controller in its own right (rule 11): the
   * region decides over its own data, and the municipality is not answerable for it. Empty when none.
   */
  separateControllers: SeparateController[];
  principal: { cpr: string; grantorCpr: string; grantorCapacity: string };
  consentId: string;
  purpose: { code: string; description: string };
  collection: { method: string; recordedBy: string; recordedAt: string; documentRef: string | null };
  provisions: Array<{ effect: string; sources: Department[]; recipients: Department[]; categories: DataCategory[] }>;
  sensitiveCategories: DataCategory[];
  validity: { from: string; until: string };
  status: ConsentStatus;
  withdrawnAt: string | null;
  howToWithdraw: string;
  /**
   * Who acted for the citizen in this event (gave the consent, or withdrew it) and under which power
   * (docs/design.md rule 13), "Sara Holm på vegne af Lars Holm"; null when nobody acted for them.
   */
  representative: ReturnType<typeof representativeActView> | null;
}

/** An organisation other than the municipality that a consent names, with its departments in the consent. */
export interface SeparateController {
  code: string;
  name: string;
  departments: Department[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The organisations other than the municipality whose departments the provisions name, in the order they appear. */
function separateControllers(consent: Pick<ConsentRecord, 'provisions'>): SeparateController[] {
  const byCode = new Map<string, SeparateController>();
  for (const department of consent.provisions.flatMap((p) => [...p.ownerDepartments, ...p.recipientDepartments])) {
    const organisation = organisationOf(department);
    if (!organisation || organisation.code === municipality().code) continue;
    const entry = byCode.get(organisation.code) ?? { code: organisation.code, name: organisation.name, departments: [] };
    if (!entry.departments.includes(department)) entry.departments.push(department);
    byCode.set(organisation.code, entry);
  }
  return [...byCode.values()];
}

export function consentReceipt(
  consent: ConsentRecord,
  event: ReceiptEvent,
  status: ConsentStatus,
  issuedAt: number,
): ConsentReceipt {
  const categories = consent.provisions.filter((p) => p.effect === 'PERMIT').flatMap((p) => p.categories);
  return {
    receiptId: `${consent.id}/${event}`,
    specification: 'ISO/IEC TS 27560:2023; Kantara Consent Receipt v1.1',
    event,
    issuedAt: iso(issuedAt),
    jurisdiction: 'DK',
    controller: CONTROLLER,
    separateControllers: separateControllers(consent),
    principal: { cpr: maskCpr(consent.cpr), grantorCpr: maskCpr(consent.grantor.cpr), grantorCapacity: consent.grantor.capacity },
    consentId: consent.id,
    purpose: { code: consent.purpose, description: PURPOSE_TEXT },
    collection: {
      method: consent.evidence.method,
      recordedBy: consent.evidence.method === 'MITID' ? 'MitID' : consent.evidence.recordedBy,
      recordedAt: iso(consent.evidence.recordedAt),
      documentRef: consent.evidence.documentRef,
    },
    provisions: consent.provisions.map((p) => ({
      effect: p.effect,
      sources: p.ownerDepartments,
      recipients: p.recipientDepartments,
      categories: p.categories,
    })),
    sensitiveCategories: [...new Set(categories.filter((c) => SPECIAL_CATEGORIES.has(c)))],
    validity: { from: iso(consent.validFrom), until: iso(consent.validUntil) },
    status,
    withdrawnAt: consent.withdrawnAt === null ? null : iso(consent.withdrawnAt),
    howToWithdraw: HOW_TO_WITHDRAW,
    representative: actFor(consent, event),
  };
}

function actFor(consent: ConsentRecord, event: ReceiptEvent) {
  const act = event === 'GIVEN' ? consent.givenByRepresentative : consent.withdrawnByRepresentative;
  return act && representativeActView(act);
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The receipt as a printable, self-contained HTML document (Danish, as the citizen reads it). */
export function receiptDocument(receipt: ConsentReceipt): string {
  const acted =
    receipt.representative &&
    `${receipt.representative.text} (${receipt.representative.representative.reference}, fuldmagt ${receipt.representative.powerId})`;
  const row = (label: string, value: string) => `<tr><th scope="row">${escape(label)}</th><td>${escape(value)}</td></tr>`;
  const provisions = receipt.provisions
    .map(
      (p) =>
        `<li>${p.effect === 'PERMIT' ? 'Må deles' : 'Må ikke deles'}: ${escape(p.categories.join(', '))} fra ${escape(p.sources.join(', '))} til ${escape(p.recipients.join(', '))}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Kvittering for samtykke ${escape(receipt.consentId)}</title>
<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}th{text-align:left;padding-right:1em;vertical-align:top}</style></head>
<body><h1>${receipt.event === 'GIVEN' ? 'Kvittering for dit samtykke' : 'Kvittering for tilbagekaldt samtykke'}</h1>
<table>
${row('Kvittering', receipt.receiptId)}
${row('Udstedt', receipt.issuedAt)}
${row('Dataansvarlig', `${receipt.controller.name}. ${receipt.controller.contact}`)}
${receipt.separateControllers
  .map((c) =>
    row(
      'Selvstændig dataansvarlig',
      `${c.name} (${c.departments.join(', ')}): en anden myndighed end kommunen, ansvarlig for sine egne oplysninger.`,
    ),
  )
  .join('\n')}
${row('Borger', receipt.principal.cpr)}
${row('Givet af', receipt.event === 'GIVEN' && acted ? acted : `${receipt.principal.grantorCpr} (${receipt.principal.grantorCapacity})`)}
${receipt.event === 'WITHDRAWN' && acted ? row('Tilbagekaldt af', acted) : ''}
${row('Formål', receipt.purpose.description)}
${row('Indhentet', `${receipt.collection.method}, ${receipt.collection.recordedAt}${receipt.collection.documentRef ? `, ${receipt.collection.documentRef}` : ''}`)}
${row('Gyldig', `${receipt.validity.from} til ${receipt.validity.until}`)}
${row('Følsomme oplysninger', receipt.sensitiveCategories.join(', ') || 'ingen')}
${row('Status', receipt.status + (receipt.withdrawnAt ? `, tilbagekaldt ${receipt.withdrawnAt}` : ''))}
</table>
<h2>Hvad samtykket dækker</h2><ul>${provisions}</ul>
<h2>Sådan trækker du samtykket tilbage</h2><p>${escape(receipt.howToWithdraw)}</p>
</body></html>
`;
}
