/**
 * How many expensive requests each actor has in flight on this gateway, bounded: one actor cannot
 * occupy the gateway (and the departments behind it) with many costly requests at once.
 */
export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly maxPerActor: number) {}

  /** A release function when a slot is free (call it exactly once, when the response is done), else undefined. */
  tryAcquire(actorKey: string): (() => void) | undefined {
    const current = this.inFlight.get(actorKey) ?? 0;
    if (current >= this.maxPerActor) return undefined;
    this.inFlight.set(actorKey, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(actorKey) ?? 1) - 1;
      if (left > 0) this.inFlight.set(actorKey, left);
      else this.inFlight.delete(actorKey);
    };
  }
}
