import { countRefusal, type Logger } from '@enplan/lib';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';

function badRequest(message: string) {
  return { errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] };
}

/** The JSON body parser with a size limit, and a cap on operations per batched request. */
export function limitedJsonBody({ maxBodyBytes, maxBatchSize }: { maxBodyBytes: number; maxBatchSize: number }): RequestHandler[] {
  const batchLimit: RequestHandler = (req, res, next) => {
    if (Array.isArray(req.body) && req.body.length > maxBatchSize) {
      countRefusal('batch_size');
      res.status(400).json(badRequest(`A batch may hold at most ${maxBatchSize} operations.`));
      return;
    }
    next();
  };
  return [express.json({ limit: maxBodyBytes }), batchLimit];
}

/**
 * Body-parser failures (too large, malformed JSON) as clean GraphQL-shaped errors: Express's
 * default handler would answer with HTML and, outside production, a stack trace.
 */
export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error('request failed', { message: String(error) });
    if (error.type === 'entity.too.large') countRefusal('body_size');
    const message =
      error.type === 'entity.too.large'
        ? 'The request body is too large.'
        : status === 500
          ? 'Internal error.'
          : 'The request body is not valid JSON.';
    res.status(status).json(status === 500 ? { errors: [{ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } : badRequest(message));
  };
}
