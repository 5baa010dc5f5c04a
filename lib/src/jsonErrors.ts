import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from './logger';
import { countRefusal } from './metrics';

function badRequest(message: string) {
  return { errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] };
}

/**
 * Parses a raw (Buffer) JSON body in place: a malformed one is a clean 400 that echoes nothing of
 * it. An empty body becomes `{}` (Apollo's middleware insists on a parsed body).
 */
export const parseJsonBody: RequestHandler = (req, res, next) => {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    req.body = {};
    next();
    return;
  }
  try {
    req.body = JSON.parse(req.body.toString('utf8'));
  } catch {
    res.status(400).json(badRequest('The request body is not valid JSON.'));
    return;
  }
  next();
};

/**
 * Body-parser and other Express failures (too large, malformed JSON) as clean GraphQL-shaped errors:
 * Express's default handler would answer with HTML and, outside production, a stack trace. The log
 * line holds the error's type and status only: a parser's message may quote the body.
 */
export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500)
      logger.error('request failed', { type: error.type ?? (error instanceof Error ? error.name : typeof error) });
    else logger.warn('bad request', { status, type: error.type });
    if (error.type === 'entity.too.large') countRefusal('body_size');
    const message =
      error.type === 'entity.too.large'
        ? 'The request body is too large.'
        : status === 500
          ? 'Internal error.'
          : 'The request body is not valid JSON.';
    res
      .status(status)
      .json(status === 500 ? { errors: [{ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } : badRequest(message));
  };
}
