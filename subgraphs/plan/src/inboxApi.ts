import { INBOX_API_PATH, INBOX_SENDER, notificationSchema, type Logger, type Notification } from '@enplan/lib';
import type { Express, Request, Response } from 'express';
import { StaleVersionError, type SqlitePlanStore } from './PlanStore';

const CONSENT_SERVICE = { actorId: INBOX_SENDER, actorName: 'Samtykkeservicen', actorDepartment: null };

/**
 * Where the consent service delivers notifications for the citizen's inbox (its receipts). The
 * call's assertion (checked before this route, bound to this path and body, used once) must be the
 * consent service's own, signed with its key as itself: not the gateway's, whoever it speaks for,
 * nor any user's. The body is validated. A withdrawal is also recorded in the
 * citizen's plan, so its history shows when the consent it rested on ended.
 */
export function inboxApi(store: SqlitePlanStore, logger: Logger) {
  return (app: Express): void => {
    app.post(INBOX_API_PATH, (req: Request, res: Response) => {
      const assertion = req.assertion;
      if (assertion?.issuer !== INBOX_SENDER || assertion.actor.role !== 'SERVICE' || assertion.actor.id !== INBOX_SENDER) {
        logger.warn('refused inbox delivery', { issuer: assertion?.issuer, role: assertion?.actor.role });
        res.status(403).json({ error: 'the inbox takes deliveries from the consent service only' });
        return;
      }
      const parsed = notificationSchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: 'not a notification' });
        return;
      }
      try {
        store.transaction(() => {
          store.deliverToInbox(parsed.data);
          if (parsed.data.kind === 'CONSENT_WITHDRAWN') recordWithdrawal(store, parsed.data);
        });
        res.json({ delivered: parsed.data.id });
      } catch (error) {
        logger.error('inbox delivery failed', { message: error instanceof Error ? error.message : String(error) });
        res.status(503).json({ error: 'inbox unavailable' });
      }
    });
  };
}

function recordWithdrawal(store: SqlitePlanStore, notification: Notification): void {
  const plan = store.currentPlan(notification.cpr);
  if (!plan || plan.status === 'ENDED') return;
  const summary = `The citizen withdrew consent ${notification.consentId ?? ''}: departments it no longer names lose the joint part.`;
  try {
    store.update({ ...plan, version: plan.version + 1 }, plan.version, {
      ...CONSENT_SERVICE,
      at: notification.createdAt,
      summary,
    });
  } catch (error) {
    // Someone changed the plan this instant: answer 503 and the outbox delivers again.
    if (error instanceof StaleVersionError) throw new Error('plan changed during delivery; retry', { cause: error });
    throw error;
  }
}
