import type { RequestHandler, Response } from 'express';
import { ConcurrencyLimiter } from '../admission/ConcurrencyLimiter';
import { admittedActor } from '../admission/admission';
import type { GatewayConfig } from '../config';
import { sendGraphQLError, type OnRefusal } from '../http/refusals';
import { CostModel } from './CostModel';
import { noIntrospection } from './noIntrospection';
import { OperationDocuments } from './OperationDocuments';
import { requestedOperations, RequestPricing, type PricedRequest } from './RequestPricing';

export interface PricingStage {
  /** Prices the admitted actor's request (its JSON body already read), or answers the refusal. */
  handler: RequestHandler;
  /** The parsed operations, shared with Apollo Server (its document store, parse options and rules). */
  documents: OperationDocuments;
}

/** Where pricing leaves its admission of the request; no execution without it. */
export function pricedRequest(res: Response): PricedRequest | undefined {
  return res.locals.priced as PricedRequest | undefined;
}

/**
 * Stage 2 of the request path (server.ts), as configured: the cost model from the supergraph, one
 * parse per operation text (OperationDocuments.ts). A request without an admitted actor (a GET
 * without a token) passes unpriced: the GraphQL context refuses it (context.ts).
 */
export function createPricing(config: GatewayConfig, supergraphSdl: string, onRefusal: OnRefusal): PricingStage {
  const { demand, limits } = config;
  const documents = new OperationDocuments(
    config.documentCacheMiB * 2 ** 20,
    { maxTokens: limits.maxTokens },
    config.production ? [noIntrospection] : [],
  );
  const pricing = new RequestPricing(
    new CostModel(supergraphSdl, { defaultListSize: demand.defaultListSize }),
    documents,
    {
      maxQueryLength: limits.maxQueryLength,
      // Brackets also open inline fragments, arguments and list values: room for those beyond the field depth.
      maxNesting: 4 * limits.maxQueryDepth,
      costLimit: demand.costLimit,
      expensiveCost: demand.expensiveCost,
    },
    new ConcurrencyLimiter(demand.maxConcurrentExpensive),
    onRefusal,
  );
  const handler: RequestHandler = async (req, res, next) => {
    const actor = admittedActor(res);
    if (!actor) return next();
    let priced: PricedRequest;
    try {
      priced = await pricing.price(actor.id, requestedOperations(req.method, req.body, req.query));
    } catch (error) {
      return sendGraphQLError(res, error, next);
    }
    res.once('close', priced.release);
    res.locals.priced = priced;
    next();
  };
  return { handler, documents };
}
