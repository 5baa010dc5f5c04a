import { countRefusal } from '@enplan/lib';
import express, { type RequestHandler } from 'express';

function badRequest(message: string) {
  return { errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] };
}

/** The JSON body parser with a size limit, and a cap on operations per batched request. */
export function limitedJsonBody({
  maxBodyBytes,
  maxBatchSize,
}: {
  maxBodyBytes: number;
  maxBatchSize: number;
}): RequestHandler[] {
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
