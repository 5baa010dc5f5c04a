import {
  ASSERTION_HEADER,
  INBOX_SENDER,
  createAssertionSigner,
  NOTIFICATION_SUBJECTS,
  WebhookDeliverer,
  type AssertionSigner,
  type Deliverer,
  type JWK,
  type Notification,
  type SqliteOutbox,
} from '@enplan/lib';
import type { ConsentRecord, ConsentStatus } from './consentModel';
import { consentReceipt, type ReceiptEvent } from './consentReceipt';

export interface ConsentNotificationOptions {
  /** The plan subgraph's inbox route; a function when it is known only after start (tests on port 0). */
  inboxUrl: string | (() => string);
  /** The consent service's own private key: the plan subgraph accepts it for the inbox, and only as the consent service. */
  signingKey: JWK;
  /** A Digital Post integration that receives every notification too. */
  digitalPostUrl?: string;
  /** @default 500 */
  pollMs?: number;
  /** @default 1000 */
  retryBaseMs?: number;
  /** The longest wait between two attempts at one message (NOTIFICATION_RETRY_MAX_MS). @default 300000 */
  retryMaxMs?: number;
}

/**
 * The headers of the consent service's own call to the plan subgraph: an assertion signed for the
 * plan subgraph alone, as the consent service itself, over the path and the exact body, used once.
 */
export function signedForThePlan(signingKey: JWK): (request: { url: URL; body: string }) => Promise<Record<string, string>> {
  const service = { role: 'SERVICE', id: INBOX_SENDER, name: INBOX_SENDER } as const;
  let signer: Promise<AssertionSigner> | undefined;
  return async ({ url, body }) => {
    signer ??= createAssertionSigner(signingKey, INBOX_SENDER);
    const assertion = await (await signer).sign({ audience: 'plan', method: 'POST', path: url.pathname, body, actor: service });
    return { [ASSERTION_HEADER]: assertion };
  };
}

/** The deliverers of the consent service's outbox: the citizen's inbox, and Digital Post when configured. */
export function consentDeliverers(options: ConsentNotificationOptions): Record<string, Deliverer> {
  const deliverers: Record<string, Deliverer> = {
    inbox: new WebhookDeliverer({ url: options.inboxUrl, headers: signedForThePlan(options.signingKey) }),
  };
  if (options.digitalPostUrl) deliverers['digital-post'] = new WebhookDeliverer({ url: options.digitalPostUrl });
  return deliverers;
}

/** The receipt a citizen gets for giving or withdrawing a consent, queued in the same transaction as the change. */
export function queueReceipt(
  outbox: SqliteOutbox,
  consent: ConsentRecord,
  event: ReceiptEvent,
  status: ConsentStatus,
  at: number,
): void {
  const receipt = consentReceipt(consent, event, status, at);
  const acted = receipt.representative;
  // Who acted for the citizen, as facts the reader's app words in its language (web inboxText.ts).
  const onBehalf = acted && { representative: acted.representative.name, citizenName: acted.citizenName };
  const notification: Notification = {
    id: `NOTE-${receipt.receiptId}`,
    cpr: consent.cpr,
    kind: event === 'GIVEN' ? 'CONSENT_GIVEN' : 'CONSENT_WITHDRAWN',
    createdAt: at,
    subject: NOTIFICATION_SUBJECTS[event === 'GIVEN' ? 'CONSENT_GIVEN' : 'CONSENT_WITHDRAWN'],
    body:
      event === 'GIVEN'
        ? `${acted ? `Samtykke ${consent.id} til Én plan er givet af ${acted.text}` : `Du har givet samtykke ${consent.id} til Én plan`}, gyldigt til ${receipt.validity.until}. ${receipt.howToWithdraw}`
        : `Samtykke ${consent.id} er trukket tilbage ${receipt.withdrawnAt}${acted ? ` af ${acted.text}` : ''}. Forvaltningerne kan ikke længere se den fælles plan på grundlag af det.`,
    consentId: consent.id,
    receipt: receipt as unknown as Record<string, unknown>,
    facts: {
      consentId: consent.id,
      ...(event === 'GIVEN' ? { validUntil: receipt.validity.until } : { withdrawnAt: receipt.withdrawnAt }),
      ...onBehalf,
    },
  };
  outbox.enqueue(notification, at);
}
