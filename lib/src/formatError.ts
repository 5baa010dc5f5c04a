import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { errors, isKnownErrorCode } from './errors';
import { messageOf, type Logger } from './logger';
import { isStoreUnavailable } from './storeUnavailable';

/** Apollo Server's own codes for malformed requests: safe to show, they describe the request. */
export const APOLLO_REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function isUncodedRequestError(original: unknown, formatted: GraphQLFormattedError): boolean {
  if (!(original instanceof GraphQLError) || formatted.path !== undefined || original.extensions.code !== undefined) return false;
  const status = (original.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Passes through errors with a code from the catalog (or a request error) and replaces anything
 * else with a generic message, logging the original: no stack trace or internal detail leaves.
 * `service`: a subgraph whose store fails (full disk, database down) answers DEPARTMENT_UNAVAILABLE
 * naming itself, as when the service itself is down.
 */
export function formatErrorMasked(logger: Logger, service?: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isKnownErrorCode(code) || (typeof code === 'string' && APOLLO_REQUEST_ERROR_CODES.has(code))) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    // Apollo Server's own refusal of a malformed request that carries an HTTP 4xx and no code (a
    // persisted query whose hash does not match its text): the client's mistake, said as such.
    if (isUncodedRequestError(original, formatted)) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    if (service && isStoreUnavailable(original)) {
      logger.error('store unavailable', { message: messageOf(original) });
      const { message, extensions } = errors.departmentUnavailable(service);
      return { message, ...(formatted.path ? { path: formatted.path } : {}), extensions };
    }
    logger.error('internal error', {
      message: messageOf(original),
      path: formatted.path,
    });
    return {
      message: 'Internal error.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
