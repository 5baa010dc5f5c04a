import {
  CONSENT_API,
  PURPOSES,
  isAccessKind,
  isDataCategory,
  isDepartment,
  metrics,
  secondsSince,
  trace,
  validRequestId,
  withSpan,
  type AccessLogInput,
  type DecisionQuestion,
  type DecisionsResponse,
  type Logger,
} from '@enplan/lib';
import type { Express, Request, Response } from 'express';
import type { AccessLog } from './AccessLog';
import type { ConsentsAsOf, ConsentStore } from './ConsentStore';
import { decide, decisionReasonLabel } from './decide';

const MAX_ITEMS = 10_000;

function isQuestion(q: unknown): q is DecisionQuestion {
  const v = q as Record<string, unknown>;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.cpr === 'string' &&
    isDepartment(v.owner) &&
    isDepartment(v.recipient) &&
    isDataCategory(v.category) &&
    (PURPOSES as readonly unknown[]).includes(v.purpose)
  );
}

function isAccessLogInput(e: unknown): e is AccessLogInput {
  const v = e as Record<string, unknown>;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.actorId === 'string' &&
    typeof v.actorName === 'string' &&
    (v.actorDepartment === null || isDepartment(v.actorDepartment)) &&
    typeof v.cpr === 'string' &&
    (v.ownerDepartment === null || isDepartment(v.ownerDepartment)) &&
    Array.isArray(v.categories) &&
    v.categories.every(isDataCategory) &&
    (PURPOSES as readonly unknown[]).includes(v.purpose) &&
    (v.decision === 'DISCLOSED' || v.decision === 'DENIED') &&
    (v.kind === undefined || isAccessKind(v.kind)) &&
    (v.consentId === null || typeof v.consentId === 'string') &&
    (v.operationName === null || typeof v.operationName === 'string') &&
    typeof v.reason === 'string' &&
    (v.requestId === undefined || v.requestId === null || validRequestId(v.requestId) !== undefined)
  );
}

/** One count per decision, by outcome and a reason from a fixed list; the span gets the totals. */
function countDecisions({ decisions }: DecisionsResponse): void {
  const span = trace.getActiveSpan();
  let allowed = 0;
  for (const decision of decisions) {
    if (decision.allowed) allowed += 1;
    metrics.consentDecisions.inc({ outcome: decision.allowed ? 'allowed' : 'denied', reason: decisionReasonLabel(decision) });
  }
  span?.setAttributes({ 'enplan.consent.allowed': allowed, 'enplan.consent.denied': decisions.length - allowed });
}

/** How many disclosures and denials a batch records, and of which departments' data (never whose). */
function decisionCounts(entries: readonly AccessLogInput[]) {
  return {
    'enplan.access_log.disclosed': entries.filter((e) => e.decision === 'DISCLOSED').length,
    'enplan.access_log.denied': entries.filter((e) => e.decision === 'DENIED').length,
    'enplan.departments': [...new Set(entries.map((e) => e.ownerDepartment))].sort(),
  };
}

function badRequest(res: Response, message: string): void {
  res.status(400).json({ error: message });
}

/**
 * The services' API: many decisions in one call, evaluated at one instant, and access-log writes.
 * Only enplan's own services (SERVICE actors: the gateway, the plan subgraph) may call it.
 */
export function internalApi({
  store,
  accessLog,
  now,
  logger,
}: {
  store: ConsentStore;
  accessLog: AccessLog;
  now: () => number;
  logger: Logger;
}) {
  return (app: Express): void => {
    app.use('/internal', (req: Request, res: Response, next) => {
      if (req.assertion?.actor.role !== 'SERVICE') {
        res.status(403).json({ error: 'internal API is for enplan services only' });
        return;
      }
      next();
    });

    app.post(CONSENT_API.decisions, async (req: Request, res: Response) => {
      const questions: unknown = req.body?.questions;
      if (!Array.isArray(questions) || questions.length > MAX_ITEMS || !questions.every(isQuestion)) {
        badRequest(res, `questions must be an array of at most ${MAX_ITEMS} decision questions`);
        return;
      }
      const evaluatedAt = now();
      let basis: ConsentsAsOf;
      try {
        basis = await store.consentsAsOf(questions.map((q) => q.cpr));
      } catch (error) {
        logger.error('consent lookup failed', { message: error instanceof Error ? error.message : String(error) });
        res.status(503).json({ error: 'consents unavailable' });
        return;
      }
      const body: DecisionsResponse = {
        evaluatedAt,
        changeSequence: basis.changeSequence,
        decisions: questions.map((q) => decide(basis.consents.get(q.cpr) ?? [], q, evaluatedAt)),
      };
      countDecisions(body);
      res.json(body);
    });

    app.post(CONSENT_API.accessLog, async (req: Request, res: Response) => {
      const entries: unknown = req.body?.entries;
      if (!Array.isArray(entries) || entries.length > MAX_ITEMS || !entries.every(isAccessLogInput)) {
        badRequest(res, `entries must be an array of at most ${MAX_ITEMS} access-log entries`);
        return;
      }
      const startedAt = performance.now();
      metrics.accessLogBatchSize.observe(entries.length);
      try {
        await withSpan(
          'access_log.append',
          { 'enplan.access_log.entries': entries.length, ...decisionCounts(entries) },
          async () => accessLog.append(entries),
        );
        metrics.accessLogAppendDuration.observe({ outcome: 'ok' }, secondsSince(startedAt));
        res.json({ written: entries.length });
      } catch (error) {
        metrics.accessLogAppendDuration.observe({ outcome: 'error' }, secondsSince(startedAt));
        logger.error('access log write failed', { message: error instanceof Error ? error.message : String(error) });
        res.status(503).json({ error: 'access log unavailable' });
      }
    });
  };
}
