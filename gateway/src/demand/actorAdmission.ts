import type { Actor } from '@enplan/lib';
import { GraphQLError } from 'graphql';
import type { RequestHandler, Response } from 'express';
import type { TokenVerifier } from '../auth/verifyToken';
import type { DemandGate } from './DemandGate';

/** Where `actorAdmission` leaves the verified actor for the GraphQL context. */
export function admittedActor(res: Response): Actor | undefined {
  return res.locals.actor as Actor | undefined;
}

/**
 * The cheapest refusals, before the body is read or parsed: verify the bearer token and take one
 * request from the actor's bucket. A flooding actor is answered 429 at the cost of one token check.
 * A GET without a token passes on (the landing page; Apollo Server refuses a GET query without one).
 */
export function actorAdmission(verifyToken: TokenVerifier, gate: DemandGate): RequestHandler {
  return async (req, res, next) => {
    const authorization = req.header('authorization');
    if (req.method === 'GET' && authorization === undefined) return next();
    try {
      const actor = await verifyToken(authorization);
      await gate.admitActor(actor.id);
      res.locals.actor = actor;
      next();
    } catch (error) {
      if (!(error instanceof GraphQLError)) return next(error);
      const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } };
      for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
      res.status(http?.status ?? 400).json({ errors: [{ message: error.message, extensions }] });
    }
  };
}
