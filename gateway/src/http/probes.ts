import { Router } from 'express';

export interface ProbeState {
  /** True once the supergraph is loaded and the server started. */
  started(): boolean;
  /** True once shutdown began: stop sending traffic here. */
  draining(): boolean;
  /** The consent service's health URL; without it, cross-department data is all withheld. */
  consentHealthUrl: string;
  timeoutMs: number;
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
 * supergraph loaded, consent service reachable, not shutting down. A load balancer routes by `/ready`.
 */
export function probes(state: ProbeState): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', ...state.details() });
  });
  router.get('/ready', async (_req, res) => {
    const checks = {
      supergraph: state.started() ? 'loaded' : 'not loaded',
      consent: (await reachable(state.consentHealthUrl, state.timeoutMs)) ? 'reachable' : 'unreachable',
      shutdown: state.draining() ? 'draining' : 'no',
    };
    const ready = checks.supergraph === 'loaded' && checks.consent === 'reachable' && checks.shutdown === 'no';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  return router;
}
