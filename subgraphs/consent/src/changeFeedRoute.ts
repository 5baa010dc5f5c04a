import { CONSENT_API, CONSENT_FEED_HEARTBEAT_MS } from '@enplan/lib';
import type { Express, Request, Response } from 'express';
import type { ConsentChanges } from './ConsentChanges';

/**
 * GET /internal/consent-changes: server-sent events for the gateways (SERVICE actors only, behind
 * the internal API's check). `ready` once the subscription is in place, `change` with the CPR of
 * every citizen whose consents changed and the change's sequence, a comment as heartbeat. The stream ends when this replica
 * loses the database's notifications or stops; the gateway then distrusts its cache and reconnects.
 * CPRs travel only on this authenticated internal stream, never in a log.
 */
export function changeFeedRoute(changes: ConsentChanges, streams: Set<Response>, heartbeatMs = CONSENT_FEED_HEARTBEAT_MS) {
  return (app: Express): void => {
    app.get(CONSENT_API.changes, (req: Request, res: Response) => {
      if (!changes.available) {
        res.status(503).json({ error: 'consent changes are not available from this replica right now' });
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.socket?.setNoDelay(true);
      streams.add(res);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(res);
        res.end();
      };
      const unsubscribe = changes.subscribe({
        change: (cpr, sequence) => res.write(`event: change\ndata: ${cpr} ${sequence}\n\n`),
        lost: end,
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      req.on('close', end);
      res.write('event: ready\ndata: {}\n\n');
    });
  };
}
