import { context, propagation, SpanKind, trace, type Context } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CONSENT_API } from './consentApi';
import type { Logger } from './logger';
import { metrics, secondsSince } from './metrics';
import { operationLabel, operationNameOf } from './operationLabel';
import {
  newRequestId,
  REQUEST_ID_HEADER,
  runInRequestScope,
  traceIdOfTraceparent,
  validRequestId,
  type RequestScope,
} from './requestContext';
import { startSpan } from './tracing';

/** Routes labelled by their path; any other path is `other`, so a scanner cannot mint time series. */
const ROUTES: ReadonlySet<string> = new Set(['/graphql', ...Object.values(CONSENT_API)]);

interface Observed {
  scope: RequestScope;
  traceContext: Context;
}

const OBSERVED = Symbol('enplan.observed');
type ObservedResponse = Response & { [OBSERVED]?: Observed };

/**
 * The request id: the caller's `x-request-id` if valid, else the trace id (this service's span's, or
 * the caller's `traceparent`'s), else a new one. A trace id with ten digits in a row is not used
 * (the log's CPR masking would rewrite it); the span carries the request id either way.
 */
function requestIdOf(req: Request, traceId: string | undefined): string {
  return (
    validRequestId(req.header(REQUEST_ID_HEADER)) ??
    validRequestId(traceId ?? traceIdOfTraceparent(req.header('traceparent'))) ??
    newRequestId()
  );
}

function runObserved(observed: Observed, next: NextFunction): void {
  context.with(observed.traceContext, () => runInRequestScope(observed.scope, next));
}

/**
 * Every request a service serves, observed once: a request id (answered in `x-request-id` and put
 * on every log line), a server span continuing the caller's `traceparent`, and the request metric.
 *
 * Returns two handlers. `enter` goes first. `reenter` goes after the body parser: a parsed body
 * arrives on the socket's callbacks, outside the request's async context, so the context is
 * entered again there (same id, same span).
 */
export function observeRequests(logger: Logger): { enter: RequestHandler; reenter: RequestHandler } {
  const enter: RequestHandler = (req, res: ObservedResponse, next) => {
    const startedAt = performance.now();
    const route = ROUTES.has(req.path) ? req.path : 'other';
    const parent = propagation.extract(context.active(), req.headers);
    const span = startSpan(
      `${req.method} ${route}`,
      { 'http.request.method': req.method, 'http.route': route },
      SpanKind.SERVER,
      parent,
    );
    const spanContext = span.spanContext();
    const traced = trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
    const scope: RequestScope = { requestId: requestIdOf(req, traced) };
    const observed: Observed = { scope, traceContext: trace.setSpan(parent, span) };
    res[OBSERVED] = observed;
    res.setHeader(REQUEST_ID_HEADER, scope.requestId);
    span.setAttribute('enplan.request_id', scope.requestId);
    // 'close' also when the client hung up before the answer was sent.
    res.once('close', () => {
      const operation = operationLabel(operationNameOf(req.body));
      const seconds = secondsSince(startedAt);
      metrics.httpRequestDuration.observe({ route, operation, status: String(res.statusCode) }, seconds);
      // Debug only: one line per request is too much for production stderr, and the histogram has the numbers.
      runInRequestScope(scope, () =>
        logger.debug('request served', { route, operation, status: res.statusCode, ms: Math.round(seconds * 1000) }),
      );
      span.setAttributes({ 'http.response.status_code': res.statusCode, 'enplan.operation': operation });
      span.end();
    });
    runObserved(observed, next);
  };
  const reenter: RequestHandler = (_req, res: ObservedResponse, next) => {
    const observed = res[OBSERVED];
    if (observed) runObserved(observed, next);
    else next();
  };
  return { enter, reenter };
}
