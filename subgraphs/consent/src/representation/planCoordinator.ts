import DataLoader from 'dataloader';
import { COORDINATOR_API_PATH, MAX_COORDINATOR_QUESTIONS, errors, type JWK } from '@enplan/lib';
import { z } from 'zod';
import { signedForThePlan } from '../consentNotifications';

const answer = z.strictObject({ coordinators: z.record(z.string(), z.string().min(1).nullable()) });

/** Who coordinates a citizen's joint plan (a caseworker's id), or null when the citizen has no plan in force. */
export type CoordinatorOf = (cpr: string) => Promise<string | null>;

/**
 * Asks the plan subgraph, which owns the joint plan, who coordinates it: a call signed as the
 * consent service itself (inboxApi.ts accepts nothing else). The citizens asked about in one turn of
 * the event loop (a caseload's) go in one call; nothing is kept, so every question gets a fresh
 * answer. `planUrl`: any address of the plan subgraph (the inbox's serves). A failed or malformed
 * answer, or one that leaves a citizen out, is CONSENT_UNAVAILABLE: fail closed, never "no
 * coordinator" (the coordinator would wrongly be told nobody stands at the side).
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
  const ask = async (cprs: readonly string[]): Promise<Array<string | null | Error>> => {
    try {
      const url = new URL(COORDINATOR_API_PATH, typeof planUrl === 'function' ? planUrl() : planUrl);
      const body = JSON.stringify({ cprs });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headers({ url, body })) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`plan answered HTTP ${response.status}`);
      const { coordinators } = answer.parse(await response.json());
      return cprs.map((cpr) =>
        Object.hasOwn(coordinators, cpr) ? (coordinators[cpr] as string | null) : errors.powersUnavailable(),
      );
    } catch {
      return cprs.map(() => errors.powersUnavailable());
    }
  };
  const loader = new DataLoader(ask, { cache: false, maxBatchSize: MAX_COORDINATOR_QUESTIONS });
  return (cpr) => loader.load(cpr);
}
