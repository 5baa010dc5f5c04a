import { errors, type Actor } from '@enplan/lib';
import type { RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { TokenVerifier } from '../auth/verifyToken';
import { sendGraphQLError, type OnRefusal } from '../http/refusals';
import type { MemoryRateLimiter, RateLimiter, RateVerdict } from './RateLimiter';
import type { RefusalPacer } from './RefusalPacer';

/** What the admission stage needs: who the caller is, and each caller's fair share. */
export interface AdmissionOptions {
  verifyToken: TokenVerifier;
  /** The actor's bucket: `RATE_LIMITED`, HTTP 429 with Retry-After. */
  rate: RateLimiter;
  pacer: RefusalPacer;
  /** Per client address, for requests whose token fails; undefined = 401s are never paced. */
  authFailures: MemoryRateLimiter | undefined;
  onRefusal: OnRefusal;
}

/** Where admission leaves the verified actor for the GraphQL context. */
export function admittedActor(res: Response): Actor | undefined {
  return res.locals.actor as Actor | undefined;
}

/**
 * Stage 1 of the request path (server.ts): the cheapest refusals, before the body is read or
 * parsed. Verify the bearer token and take one request from the actor's bucket. A flooding actor is
 * answered 429 at the cost of one token check (a known token's is a map lookup), after the pacer's
 * pause. A client address that keeps failing to authenticate (a flood of junk or forged tokens,
 * which no actor's bucket can count) has its 401s paced the same way once it has used
 * `authFailures`. A GET without a token passes on (the landing page; the GraphQL context refuses a GET
 * query without one, context.ts).
 */
export function admission({ verifyToken, rate, pacer, authFailures, onRefusal }: AdmissionOptions): RequestHandler {
  return async (req, res, next) => {
    const authorization = req.header('authorization');
    if (req.method === 'GET' && authorization === undefined) return next();
    let actor: Actor;
    try {
      actor = await verifyToken(authorization);
    } catch (error) {
      const address = `address:${req.socket.remoteAddress ?? 'unknown'}`;
      if (!(error instanceof GraphQLError) || !authFailures || authFailures.takeNow(address).allowed)
        return sendGraphQLError(res, error, next);
      req.resume();
      return pacer.pace(address, res, () => sendGraphQLError(res, error, next));
    }
    let verdict: RateVerdict;
    try {
      verdict = await rate.take(actor.id);
    } catch (error) {
      return next(error);
    }
    if (!verdict.allowed) {
      onRefusal('rate');
      const refusal = errors.rateLimited('Too many requests; slow down.', verdict.retryAfterSeconds);
      // The body is never read: drop it as it arrives rather than keep it while the refusal waits.
      req.resume();
      return pacer.pace(actor.id, res, () => sendGraphQLError(res, refusal, next));
    }
    res.locals.actor = actor;
    next();
  };
}
