import type { Actor } from '@enplan/lib';
import { GraphQLError } from 'graphql';
import type { RequestHandler, Response } from 'express';
import type { TokenVerifier } from '../auth/verifyToken';
import type { DemandGate } from './DemandGate';
import type { MemoryRateLimiter } from './RateLimiter';
import type { RefusalPacer } from './RefusalPacer';

/** Where `actorAdmission` leaves the verified actor for the GraphQL context. */
export function admittedActor(res: Response): Actor | undefined {
  return res.locals.actor as Actor | undefined;
}

/**
 * The cheapest refusals, before the body is read or parsed: verify the bearer token and take one
 * request from the actor's bucket. A flooding actor is answered 429 at the cost of one token check
 * (a known token's is a map lookup), after the pacer's pause.
 * A client address that keeps failing to authenticate (a flood of junk or forged tokens, which no
 * actor's bucket can count) has its 401s paced the same way once it has used `authFailures`.
 * A GET without a token passes on (the landing page; Apollo Server refuses a GET query without one).
 */
export function actorAdmission(
  verifyToken: TokenVerifier,
  gate: DemandGate,
  pacer: RefusalPacer,
  authFailures?: MemoryRateLimiter,
): RequestHandler {
  return async (req, res, next) => {
    const authorization = req.header('authorization');
    if (req.method === 'GET' && authorization === undefined) return next();
    let actor: Actor;
    try {
      actor = await verifyToken(authorization);
    } catch (error) {
      const address = `address:${req.socket.remoteAddress ?? 'unknown'}`;
      if (!(error instanceof GraphQLError) || !authFailures || authFailures.takeNow(address).allowed)
        return refuse(res, error, next);
      req.resume();
      return pacer.pace(address, res, () => refuse(res, error, next));
    }
    try {
      await gate.admitActor(actor.id);
    } catch (error) {
      // Only the rate limit's own refusal waits; anything else is a fault, answered at once.
      if (!(error instanceof GraphQLError)) return next(error);
      // The body is never read: drop it as it arrives rather than keep it while the refusal waits.
      req.resume();
      return pacer.pace(actor.id, res, () => refuse(res, error, next));
    }
    res.locals.actor = actor;
    next();
  };
}

/** Answers a GraphQL error as Apollo Server would (status and headers from its `http` extension). */
function refuse(res: Response, error: unknown, next: (error: unknown) => void): void {
  if (!(error instanceof GraphQLError)) return next(error);
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } };
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  res.status(http?.status ?? 400).json({ errors: [{ message: error.message, extensions }] });
}
