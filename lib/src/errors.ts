import { GraphQLError } from 'graphql';
import type { DataCategory, Department } from './departments';

/**
 * The one catalog of error codes enplan returns (docs/design.md, "Errors"). Anything else that reaches
 * a client is masked by `maskUnknownError`.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONSENT_REQUIRED: 200,
  CONSENT_UNAVAILABLE: 200,
  DEPARTMENT_UNAVAILABLE: 200,
  BAD_USER_INPUT: 400,
  COST_LIMIT_EXCEEDED: 400,
  RATE_LIMITED: 429,
  CONFLICT: 200,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

function error(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const errors = {
  unauthenticated: (message = 'A valid bearer token is required.') =>
    error('UNAUTHENTICATED', message, { http: { status: 401 } }),
  forbidden: (message: string) => error('FORBIDDEN', message),
  badUserInput: (message: string, extensions: Record<string, unknown> = {}) => error('BAD_USER_INPUT', message, extensions),
  consentRequired: (department: Department, categories: readonly DataCategory[]) =>
    error(
      'CONSENT_REQUIRED',
      `The citizen has not consented to sharing ${department} data of these categories with your department: ${categories.join(', ')}.`,
      { department, categories: [...categories] },
    ),
  consentUnavailable: (department: Department, reason: string) =>
    error('CONSENT_UNAVAILABLE', `${department} data is withheld: ${reason}`, { department }),
  /** The joint part of a plan is no one department's data: `department` is null, the missing consent is the caller's own part in the plan. */
  jointPlanConsentRequired: () =>
    error('CONSENT_REQUIRED', 'The citizen has not consented to your department taking part in a joint plan.', {
      department: null,
      categories: ['PLAN'],
    }),
  /** A representative's power could not be checked, or their act not recorded: nothing is done for the citizen. */
  representationUnavailable: () =>
    error(
      'CONSENT_UNAVAILABLE',
      'Acting for the citizen is not possible now: the power of representation could not be checked.',
      {
        department: null,
      },
    ),
  /** Who may see a citizen's powers (their joint plan's coordinator) could not be checked: none are shown. */
  powersUnavailable: () =>
    error('CONSENT_UNAVAILABLE', 'The powers of representation are withheld: who may see them could not be checked.', {
      department: null,
    }),
  jointPlanConsentUnavailable: () =>
    error('CONSENT_UNAVAILABLE', 'The joint plan is withheld: consent could not be checked.', { department: null }),
  /** The request's estimated cost is over the budget: ask for fewer citizens, aliases or operations at once. */
  costLimitExceeded: (estimate: number, limit: number) =>
    error(
      'COST_LIMIT_EXCEEDED',
      `The request's estimated cost ${estimate} exceeds the limit of ${limit}; ask for less at once (fewer citizens, aliases or batched operations).`,
      { estimate, limit, http: { status: ERROR_CODES.COST_LIMIT_EXCEEDED } },
    ),
  /** The caller used up its fair share; `retryAfterSeconds` also goes out as the Retry-After header. */
  rateLimited: (message: string, retryAfterSeconds: number) =>
    error('RATE_LIMITED', message, {
      retryAfterSeconds,
      http: { status: ERROR_CODES.RATE_LIMITED, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    }),
  /** A write based on `expectedVersion` lost the race: someone changed the plan first. */
  conflict: (expectedVersion: number, currentVersion: number) =>
    error(
      'CONFLICT',
      `Someone changed the plan first (you based your change on version ${expectedVersion}; it is now ${currentVersion}). Read it again.`,
      {
        expectedVersion,
        currentVersion,
      },
    ),
  departmentUnavailable: (department: string) =>
    error('DEPARTMENT_UNAVAILABLE', `The ${department} system did not answer; its data is missing.`, {
      department,
    }),
};

export function isKnownErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in ERROR_CODES;
}
