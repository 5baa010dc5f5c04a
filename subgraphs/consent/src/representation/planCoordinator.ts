import { COORDINATOR_API_PATH, errors, type JWK } from '@enplan/lib';
import { z } from 'zod';
import { signedForThePlan } from '../consentNotifications';

const answer = z.strictObject({ coordinatorId: z.string().min(1).nullable() });

/** Who coordinates a citizen's joint plan (a caseworker's id), or null when the citizen has no plan in force. */
export type CoordinatorOf = (cpr: string) => Promise<string | null>;

/**
 * Asks the plan subgraph, which owns the joint plan, who coordinates it: a call signed as the
 * consent service itself (inboxApi.ts accepts nothing else). `planUrl`: any address of the plan
 * subgraph (the inbox's serves). A failed or malformed answer is CONSENT_UNAVAILABLE: fail
 * closed, never "no coordinator" (the coordinator would wrongly be told nobody stands at the side).
 */
export function planCoordinator({
  planUrl,
  signingKey,
  timeoutMs = 2_000,
}: {
  planUrl: string | (() => string);
  signingKey: JWK;
  timeoutMs?: number;
}): CoordinatorOf {
  const headers = signedForThePlan(signingKey);
  return async (cpr) => {
    try {
      const url = new URL(COORDINATOR_API_PATH, typeof planUrl === 'function' ? planUrl() : planUrl);
      const body = JSON.stringify({ cpr });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headers({ url, body })) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`plan answered HTTP ${response.status}`);
      return answer.parse(await response.json()).coordinatorId;
    } catch {
      throw errors.powersUnavailable();
    }
  };
}
