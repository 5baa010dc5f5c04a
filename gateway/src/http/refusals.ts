import { countRefusal, type Logger } from '@enplan/lib';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';

/** Why admission or pricing refused a request: one name per limit, for logs and metrics. */
export type RefusalReason = 'rate' | 'concurrency' | 'cost' | 'query_length' | 'nesting' | 'parse' | 'persisted_query';

export type OnRefusal = (reason: RefusalReason) => void;

/** Counted, and logged at debug only: a flood of refusals must not become a flood of log lines. */
export function recordRefusals(logger: Logger): OnRefusal {
  return (reason) => {
    countRefusal(reason);
    logger.debug('request refused', { reason });
  };
}

/** Answers a GraphQL error as Apollo Server would (status and headers from its `http` extension); anything else is a fault. */
export function sendGraphQLError(res: Response, error: unknown, next: (error: unknown) => void): void {
  if (!(error instanceof GraphQLError)) return next(error);
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } };
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  res.status(http?.status ?? 400).json({ errors: [{ message: error.message, extensions }] });
}
