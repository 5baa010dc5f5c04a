import {
  CONSENT_API,
  REPRESENTATIVE_KINDS,
  type Logger,
  type PersonalOmbudsAnswer,
  type RepresentationAnswer,
} from '@enplan/lib';
import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { nextPowerChangeAt, powerStatus, representationInForce } from './powers';
import type { PowerStore } from './PowerStore';

const question = z.strictObject({
  kind: z.enum(REPRESENTATIVE_KINDS),
  ref: z.string().min(1).max(100),
  representativeId: z.string().min(1).max(200),
  cpr: z.string().regex(/^\d{10}$/),
});

/**
 * The gateway asks, for a request that names a citizen to act for, which power (if any) is in force.
 * Mounted after internalApi's guard: enplan's own services only.
 */
export function representationRoute({ store, now, logger }: { store: PowerStore; now: () => number; logger: Logger }) {
  return (app: Express): void => {
    app.post(CONSENT_API.representation, async (req: Request, res: Response) => {
      const parsed = question.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: 'expected {kind, ref, representativeId, cpr}' });
        return;
      }
      const { kind, ref, representativeId, cpr } = parsed.data;
      await answerOrUnavailable(res, logger, async () => {
        const evaluatedAt = now();
        const { changeSequence, powers } = await store.asOf(kind, ref, cpr);
        const answer: RepresentationAnswer = {
          evaluatedAt,
          changeSequence,
          representation: representationInForce(powers, evaluatedAt, representativeId) ?? null,
          nextChangeAt: nextPowerChangeAt(powers, evaluatedAt),
        };
        return answer;
      });
    });

    app.post(CONSENT_API.personalOmbuds, async (req: Request, res: Response) => {
      const cpr: unknown = req.body?.cpr;
      if (typeof cpr !== 'string' || !/^\d{10}$/.test(cpr)) {
        res.status(400).json({ error: 'expected {cpr}' });
        return;
      }
      await answerOrUnavailable(res, logger, async () => {
        const at = now();
        const ombuds = (await store.powersOf(cpr)).filter(
          (p) => p.representativeKind === 'PERSONAL_OMBUD' && powerStatus(p, at) === 'ACTIVE',
        );
        const answer: PersonalOmbudsAnswer = {
          ombuds: ombuds.map((p) => ({ name: p.representativeName, organisation: p.organisation ?? '' })),
        };
        return answer;
      });
    });
  };
}

/** The store's failure is the caller's 503 (it fails closed), logged here. */
async function answerOrUnavailable(res: Response, logger: Logger, answer: () => Promise<unknown>): Promise<void> {
  try {
    res.json(await answer());
  } catch (error) {
    logger.error('power lookup failed', { message: error instanceof Error ? error.message : String(error) });
    res.status(503).json({ error: 'powers unavailable' });
  }
}
