import type { ApolloServerPlugin } from '@apollo/server';
import { APOLLO_REQUEST_ERROR_CODES, isKnownErrorCode, metrics } from '@enplan/lib';

/** Apollo's own codes beside enplan's (lib/src/errors.ts): anything else counts as `OTHER`, so labels stay bounded. */
function codeLabel(code: unknown): string {
  const apollo = typeof code === 'string' && (code === 'INTERNAL_SERVER_ERROR' || APOLLO_REQUEST_ERROR_CODES.has(code));
  return isKnownErrorCode(code) || apollo ? (code as string) : 'OTHER';
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
