import { NOTIFICATION_SUBJECTS, type Notification, type Power, type SqliteOutbox } from '@enplan/lib';
import type { PowerRecord } from './PowerStore';

/** What happened to a power: given, changed (a new power that replaces one), or revoked. */
export type PowerEvent = 'GIVEN' | 'CHANGED' | 'REVOKED';

const KIND = { GIVEN: 'POWER_GIVEN', CHANGED: 'POWER_CHANGED', REVOKED: 'POWER_REVOKED' } as const;

/** The powers as the Danish body says them (Digital Post sends the body; the app words the facts itself). */
const POWER_TEXT: Readonly<Record<Power, string>> = {
  READ_PLAN: 'læse planen',
  READ_ACCESS_LOG: 'se, hvem der har set oplysningerne',
  MANAGE_CONSENTS: 'give og trække samtykker tilbage',
  REQUEST_PLAN: 'bede om en plan og svare',
  WRITE_PLAN: 'skrive i planen',
  RECEIVE_INBOX: 'modtage indbakken',
  FILE_COMPLAINT: 'klage over afgørelsen',
};

const danishDate = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'Europe/Copenhagen' });

/**
 * The receipts for a power given, changed or revoked (docs/design.md rule 13), queued in the consent
 * service's outbox with the change: one to the citizen's inbox, one to the representative's when
 * the representative is a person (a personal ombud signs in as staff and has no citizen's inbox).
 * The representative's CPR is only the inbox's address; no text names it.
 */
export function queuePowerReceipts(outbox: SqliteOutbox, power: PowerRecord, event: PowerEvent, at: number): void {
  const name = power.representativeName;
  const citizen = power.citizenName;
  const what = power.powers.map((p) => POWER_TEXT[p]).join(', ');
  const until = danishDate.format(new Date(power.validUntil));
  const facts = {
    powerId: power.id,
    supersedes: power.supersedes,
    representative: name,
    citizenName: citizen,
    powers: [...power.powers],
    validUntil: new Date(power.validUntil).toISOString(),
    revokedAt: power.revokedAt === null ? null : new Date(power.revokedAt).toISOString(),
  };
  const toCitizen = {
    GIVEN: `Du har givet ${name} fuldmagt (${power.id}) til at ${what} på dine vegne, til og med ${until}. Du kan tilbagekalde den når som helst under "Mine fuldmagter".`,
    CHANGED: `Din fuldmagt til ${name} er ændret: ${power.id} erstatter ${power.supersedes}. ${name} kan nu ${what} på dine vegne, til og med ${until}.`,
    REVOKED: `Fuldmagt ${power.id} til ${name} er tilbagekaldt. ${name} kan ikke længere handle på dine vegne.`,
  }[event];
  const toRepresentative = {
    GIVEN: `${citizen} har givet dig fuldmagt (${power.id}) til at ${what} på ${citizen}s vegne, til og med ${until}.`,
    CHANGED: `Din fuldmagt fra ${citizen} er ændret: ${power.id} erstatter ${power.supersedes}. Du kan nu ${what} på ${citizen}s vegne, til og med ${until}.`,
    REVOKED: `Fuldmagt ${power.id} fra ${citizen} er tilbagekaldt. Du kan ikke længere handle på ${citizen}s vegne.`,
  }[event];
  const letter = (cpr: string, recipient: 'CITIZEN' | 'REPRESENTATIVE', body: string): Notification => ({
    id: `NOTE-${power.id}/${event}/${recipient}`,
    cpr,
    kind: KIND[event],
    createdAt: at,
    subject: NOTIFICATION_SUBJECTS[KIND[event]],
    body,
    consentId: null,
    receipt: null,
    facts: { ...facts, recipient },
  });
  outbox.enqueue(letter(power.cpr, 'CITIZEN', toCitizen), at);
  if (power.representativeKind === 'PERSON')
    outbox.enqueue(letter(power.representativeRef, 'REPRESENTATIVE', toRepresentative), at);
}
