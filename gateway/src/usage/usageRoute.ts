import { errors } from '@enplan/lib';
import { Router } from 'express';
import type { GraphQLError } from 'graphql';
import type { TokenVerifier } from '../auth/verifyToken';
import type { FieldUsageCounter } from './FieldUsageCounter';

/** The GraphQL shape of a refusal, as /graphql answers it. */
function refusal(error: GraphQLError) {
  return { errors: [{ message: error.message, extensions: { code: error.extensions.code } }] };
}

/**
 * `GET /usage`: this gateway's field usage as JSON, for `schema:check --usage` (several gateways'
 * exports are merged there). For auditors only: which operations ask for which fields is no
 * citizen's data, but it maps what every client does.
 */
export function usageRoute(counter: FieldUsageCounter, verifyToken: TokenVerifier): Router {
  const router = Router();
  router.get('/usage', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    let role: string;
    try {
      ({ role } = await verifyToken(req.header('authorization')));
    } catch {
      res.status(401).json(refusal(errors.unauthenticated()));
      return;
    }
    if (role !== 'AUDITOR') {
      res.status(403).json(refusal(errors.forbidden('Field usage is for auditors.')));
      return;
    }
    res.json(counter.export());
  });
  return router;
}
