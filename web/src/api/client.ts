import type { TypedDocumentString } from '../gql/graphql';

/** One GraphQL error as the gateway sends it (lib/src/errors.ts): a message and a code in extensions. */
export interface ApiError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; department?: string | null; categories?: string[]; [key: string]: unknown };
}

export interface ApiResult<T> {
  data: T | null;
  errors: ApiError[];
}

/** Thrown when the whole operation failed (no data at all): signed out, refused, or the gateway unreachable. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The input field a BAD_USER_INPUT names (`extensions.field`), so the page can say which answer to fix. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The failure an error of a GraphQL answer stands for. */
export function failureOf(error: ApiError): ApiFailure {
  const field = error.extensions?.field;
  return new ApiFailure(error.extensions?.code ?? 'UNKNOWN', error.message, typeof field === 'string' ? field : undefined);
}

/** The gateway's GraphQL URL: the same origin by default, or VITE_GATEWAY_URL when the app is hosted elsewhere. */
export const GRAPHQL_URL: string = import.meta.env.VITE_GATEWAY_URL ?? '/graphql';
/** The gateway's origin ('' for the same origin), for its sign-in routes (/auth/*, /dev/*). */
export const GATEWAY_ORIGIN: string = import.meta.env.VITE_GATEWAY_URL ? new URL(import.meta.env.VITE_GATEWAY_URL).origin : '';

/**
 * Runs one typed operation. Partial results (data plus errors, e.g. CONSENT_REQUIRED for a
 * department's section) come back as they are: the page shows what was shared and explains the rest.
 */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  token: string,
  /** The CPR of the citizen a representative acts for (docs/design.md, Identity). */
  actFor?: string,
): Promise<ApiResult<TResult>> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(actFor && { 'x-act-for': actFor }),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiFailure('NETWORK', 'The server could not be reached.');
  }
  let body: { data?: TResult | null; errors?: ApiError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiFailure(`HTTP_${response.status}`, `The server answered ${response.status}.`);
  }
  const errors = body.errors ?? [];
  if (body.data === undefined || body.data === null) {
    const first = errors[0];
    throw first ? failureOf(first) : new ApiFailure(`HTTP_${response.status}`, 'No data.');
  }
  return { data: body.data, errors };
}
