import { z } from 'zod';

/** What the citizen is told about: the events of the one plan and of their consents, and an invitation to one plan. */
export const NOTIFICATION_KINDS = [
  'CONSENT_GIVEN',
  'CONSENT_WITHDRAWN',
  'PLAN_REQUESTED',
  'PLAN_REQUEST_ANSWERED',
  'PLAN_CREATED',
  'PLAN_ACTIVATED',
  'PLAN_ENDED',
  'MEETING_SCHEDULED',
  'FINDING_INVITATION',
  'DECISION_ISSUED',
  'COMPLAINT_RECEIVED',
  'COMPLAINT_ANSWERED',
  'POWER_GIVEN',
  'POWER_CHANGED',
  'POWER_REVOKED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The subject line the citizen sees for each kind (Danish: what the citizen reads). */
export const NOTIFICATION_SUBJECTS: Readonly<Record<NotificationKind, string>> = {
  CONSENT_GIVEN: 'Kvittering for dit samtykke',
  CONSENT_WITHDRAWN: 'Kvittering for tilbagekaldt samtykke',
  PLAN_REQUESTED: 'Din anmodning om én plan er sendt',
  PLAN_REQUEST_ANSWERED: 'Svar på din anmodning om én plan',
  PLAN_CREATED: 'Din fælles plan er oprettet',
  PLAN_ACTIVATED: 'Din fælles plan er nu aktiv',
  PLAN_ENDED: 'Din fælles plan er afsluttet',
  MEETING_SCHEDULED: 'Nyt fælles møde',
  FINDING_INVITATION: 'Tilbud om én samlet plan',
  DECISION_ISSUED: 'Din samlede afgørelse',
  COMPLAINT_RECEIVED: 'Vi har modtaget din klage',
  COMPLAINT_ANSWERED: 'Svar på din klage',
  POWER_GIVEN: 'Kvittering for fuldmagt',
  POWER_CHANGED: 'Kvittering for ændret fuldmagt',
  POWER_REVOKED: 'Kvittering for tilbagekaldt fuldmagt',
};

/**
 * The facts of the event a message reports: codes (departments, statuses), ISO 8601 instants, names
 * and people's own words, never sentences. The reader's app says them in the reader's language; the
 * body says them in Danish, as Digital Post sends it.
 */
export const notificationFactsSchema = z.record(
  z.string().max(50),
  z.union([z.string().max(2_000), z.array(z.string().max(200)).max(20), z.null()]),
);
export type NotificationFacts = z.infer<typeof notificationFactsSchema>;

/**
 * One message to a citizen, as it crosses a process boundary (outbox → inbox, outbox → Digital
 * Post). `id` is the producer's, so a redelivery after a lost answer is recognised and ignored.
 */
export const notificationSchema = z.object({
  id: z.string().min(1).max(200),
  cpr: z.string().regex(/^\d{10}$/),
  kind: z.enum(NOTIFICATION_KINDS),
  /** Epoch ms when the event happened at its producer: the inbox is ordered by it. */
  createdAt: z.number().int().nonnegative(),
  subject: z.string().min(1).max(300),
  body: z.string().max(5_000),
  /** The consent the message is about, if any. */
  consentId: z.string().max(200).nullable(),
  /** A consent receipt (JSON, see subgraphs/consent/src/consentReceipt.ts) for consent events. */
  receipt: z.record(z.string(), z.unknown()).nullable(),
  /** Absent in messages from before facts were kept: those are shown as their body. */
  facts: notificationFactsSchema.optional(),
});
export type Notification = z.infer<typeof notificationSchema>;

/** The plan subgraph's route where the consent service hands over messages for the citizen's inbox. */
export const INBOX_API_PATH = '/internal/inbox';

/**
 * The plan subgraph's route where the consent service asks who coordinates citizens' joint plans
 * (who may see the powers in force, docs/design.md rule 13): `{cprs}` → `{coordinators}`, each CPR
 * asked mapped to its coordinator's id (null: no plan in force). Many citizens in one call, as a
 * caseload asks.
 */
export const COORDINATOR_API_PATH = '/internal/joint-plan-coordinator';

/** The most citizens one coordinator call may name (a caseload is at most a few hundred). */
export const MAX_COORDINATOR_QUESTIONS = 1_000;

/** The only caller the inbox accepts: the consent service, signing with its own key as itself. */
export const INBOX_SENDER = 'enplan-consent';
