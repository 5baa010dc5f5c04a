import { Router } from 'express';

export interface ProbeState {
  /** True once shutdown began: stop sending traffic here. */
  draining(): boolean;
  /** The consent service's health URL; without it, cross-department data is all withheld. */
  consentHealthUrl: string;
  timeoutMs: number;
  /** How long an answer about the consent service is reused, so /ready cannot be used to flood it. */
  cacheMs: number;
  /** Extra liveness details (the decision cache's state). */
  details(): Record<string, string>;
}

async function reachable(url: string, timeoutMs: number): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })).ok;
  } catch {
    return false;
  }
}

/**
 * `/health` is liveness (the process serves; it fails closed on its own) and `/ready` is readiness:
 * consent service reachable, not shutting down (the gateway listens only once its supergraph is
 * loaded). A load balancer routes by `/ready`.
 */
export function probes(state: ProbeState): Router {
  const router = Router();
  // One check in flight at a time, its answer reused for `cacheMs`: a flood of /ready costs the
  // consent service at most one request per `cacheMs`.
  let consentCheck: { at: number; reachable: Promise<boolean> } | undefined;
  const consentReachable = (): Promise<boolean> => {
    const now = Date.now();
    if (!consentCheck || now - consentCheck.at >= state.cacheMs) {
      consentCheck = { at: now, reachable: reachable(state.consentHealthUrl, state.timeoutMs) };
    }
    return consentCheck.reachable;
  };
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', ...state.details() });
  });
  router.get('/ready', async (_req, res) => {
    const checks = {
      // Always so: the gateway listens only once its supergraph is loaded (kept for probes that read it).
      supergraph: 'loaded',
      consent: (await consentReachable()) ? 'reachable' : 'unreachable',
      shutdown: state.draining() ? 'draining' : 'no',
    };
    const ready = checks.consent === 'reachable' && checks.shutdown === 'no';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  return router;
}
