import type { ApolloServerPlugin } from '@apollo/server';
import { isKnownErrorCode, metrics } from '@enplan/lib';

/** Apollo's own codes beside enplan's (lib/src/errors.ts): anything else counts as `OTHER`, so labels stay bounded. */
const APOLLO_CODES = new Set([
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function codeLabel(code: unknown): string {
  return isKnownErrorCode(code) || (typeof code === 'string' && APOLLO_CODES.has(code)) ? code : 'OTHER';
}

/**
 * Counts every error the gateway answers with by its code: a rise in CONSENT_UNAVAILABLE or
 * DEPARTMENT_UNAVAILABLE is the first sign that the consent service or a department is in trouble.
 */
export function errorMetrics(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? [])
            metrics.graphqlErrors.inc({ code: codeLabel(error.extensions?.code) });
        },
      };
    },
  };
}
