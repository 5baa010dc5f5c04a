import type { Response } from 'express';
import type { RefusalPacing } from '../config';
import { ConcurrencyLimiter } from './ConcurrencyLimiter';

/**
 * Rate-limit refusals are sent after a pause, not at once. A client that ignores Retry-After and
 * resends in a tight loop over many connections otherwise turns the gateway's core into a 429
 * factory and starves everyone else (bench/results/demand-control.md: 3,300 refusals a second took
 * 78 % of it); held for the pause, each of its connections gets about one refusal per pause. A
 * client that honours Retry-After loses nothing: it was going to wait that long anyway.
 *
 * Held refusals are bounded per actor and in total (each holds a socket); beyond that a refusal is
 * sent at once and its connection closed, so a flood of connections pays for its own handshakes.
 */
export class RefusalPacer {
  private readonly heldPerActor: ConcurrencyLimiter;
  private held = 0;

  constructor(private readonly pacing: RefusalPacing) {
    this.heldPerActor = new ConcurrencyLimiter(pacing.maxHeldPerActor);
  }

  /** Calls `send` after the pause, or at once when the pause is off or too many refusals are held. */
  pace(actorId: string, res: Response, send: () => void): void {
    if (this.pacing.delayMs === 0) return send();
    const release = this.held < this.pacing.maxHeld ? this.heldPerActor.tryAcquire(actorId) : undefined;
    if (!release) {
      res.setHeader('connection', 'close');
      return send();
    }
    this.held += 1;
    const timer = setTimeout(send, this.pacing.delayMs);
    // 'close' comes once the answer is sent, or earlier when the client gives up waiting.
    res.once('close', () => {
      clearTimeout(timer);
      release();
      this.held -= 1;
    });
  }
}
