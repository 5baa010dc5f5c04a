import {
  COORDINATOR_API_PATH,
  INBOX_API_PATH,
  INBOX_SENDER,
  MAX_COORDINATOR_QUESTIONS,
  notificationSchema,
  type Logger,
  type Notification,
} from '@enplan/lib';
import type { Express, Request, Response } from 'express';
import { described } from './planChangeEvents';
import { StaleVersionError, type InboxPlanChange, type PlanStore } from './PlanStore';

const CONSENT_SERVICE = { actorId: INBOX_SENDER, actorName: 'Samtykkeservicen', actorDepartment: null };

/**
 * The call's assertion (checked before the route, bound to its path and body, used once) is the
 * consent service's own, signed with its key as itself: not the gateway's, whoever it speaks for,
 * nor any user's. Otherwise the answer is 403, and false.
 */
function fromTheConsentService(req: Request, res: Response, logger: Logger): boolean {
  const assertion = req.assertion;
  if (assertion?.issuer === INBOX_SENDER && assertion.actor.role === 'SERVICE' && assertion.actor.id === INBOX_SENDER)
    return true;
  logger.warn('refused an internal call', { path: req.path, issuer: assertion?.issuer, role: assertion?.actor.role });
  res.status(403).json({ error: 'this route takes calls from the consent service only' });
  return false;
}

/**
 * Who coordinates each citizen's joint plan, for the consent service alone (it shows the powers in
 * force to the coordinator, docs/design.md rule 13); null for a citizen with no plan in force. One
 * read for all the citizens asked.
 */
export function coordinatorApi(store: PlanStore, logger: Logger) {
  return (app: Express): void => {
    app.post(COORDINATOR_API_PATH, async (req: Request, res: Response) => {
      if (!fromTheConsentService(req, res, logger)) return;
      const cprs: unknown = req.body?.cprs;
      if (
        !Array.isArray(cprs) ||
        cprs.length === 0 ||
        cprs.length > MAX_COORDINATOR_QUESTIONS ||
        !cprs.every((cpr) => typeof cpr === 'string' && /^\d{10}$/.test(cpr))
      ) {
        res.status(400).json({ error: `expected {cprs}: 1 to ${MAX_COORDINATOR_QUESTIONS} CPR numbers` });
        return;
      }
      try {
        const plans = await store.currentPlans(cprs as string[]);
        const coordinators = Object.fromEntries(
          (cprs as string[]).map((cpr) => {
            const plan = plans.get(cpr);
            return [cpr, plan && plan.status !== 'ENDED' ? plan.coordinatingCaseworkerId : null];
          }),
        );
        res.json({ coordinators });
      } catch (error) {
        logger.error('coordinator lookup failed', { message: error instanceof Error ? error.message : String(error) });
        res.status(503).json({ error: 'plan store unavailable' });
      }
    });
  };
}

/**
 * Where the consent service delivers notifications for the citizen's inbox (its receipts), and
 * nobody else (fromTheConsentService). The body is validated. A withdrawal is also recorded in the
 * citizen's plan, so its history shows when the consent it rested on ended.
 */
export function inboxApi(store: PlanStore, logger: Logger) {
  return (app: Express): void => {
    app.post(INBOX_API_PATH, async (req: Request, res: Response) => {
      if (!fromTheConsentService(req, res, logger)) return;
      const parsed = notificationSchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: 'not a notification' });
        return;
      }
      try {
        const notification = parsed.data;
        await store.deliverToInbox(
          notification,
          notification.kind === 'CONSENT_WITHDRAWN' ? recordWithdrawal(notification) : undefined,
        );
        res.json({ delivered: notification.id });
      } catch (error) {
        // Someone changed the plan this instant (StaleVersionError), or the store failed: nothing was
        // written; the consent service's outbox delivers again.
        const message =
          error instanceof StaleVersionError
            ? 'plan changed during delivery; retry'
            : error instanceof Error
              ? error.message
              : String(error);
        logger.error('inbox delivery failed', { message });
        res.status(503).json({ error: 'inbox unavailable' });
      }
    });
  };
}

/** Records the withdrawal in the citizen's plan (if one is running), as the consent service. */
function recordWithdrawal(notification: Notification): InboxPlanChange {
  return (plan) => {
    if (plan.status === 'ENDED') return undefined;
    return {
      next: { ...plan, version: plan.version + 1 },
      change: {
        ...CONSENT_SERVICE,
        at: notification.createdAt,
        ...described({ kind: 'CONSENT_WITHDRAWN', facts: { consentId: notification.consentId } }),
      },
    };
  };
}
