import { EventEmitter } from 'node:events';

/**
 * The consent service's own announcement of consent changes (rule 7), whatever path made them,
 * so a change made by another replica, an import or by hand is announced too: on SQLite triggers
 * journal each change and SqliteConsentChangeWatcher announces it; on PostgreSQL a trigger NOTIFYs
 * and every replica's PgConsentChangeListener announces it. `available` is false while a replica
 * cannot see the database's changes: its subscribers must then not trust what they cached.
 */
export class ConsentChanges {
  private readonly events = new EventEmitter();
  private isAvailable = true;

  constructor() {
    this.events.setMaxListeners(0);
  }

  get available(): boolean {
    return this.isAvailable;
  }

  /** `sequence`: the change's number in the store (ConsentStore's `changeSequence`), in commit order. */
  announce(cpr: string, sequence: number): void {
    this.events.emit('change', cpr, sequence);
  }

  /** The source of announcements was lost (or is back): subscribers are told at once. */
  setAvailable(available: boolean): void {
    if (available === this.isAvailable) return;
    this.isAvailable = available;
    this.events.emit(available ? 'available' : 'lost');
  }

  /** Returns the unsubscribe function. */
  subscribe(handlers: { change(cpr: string, sequence: number): void; lost(): void }): () => void {
    this.events.on('change', handlers.change);
    this.events.on('lost', handlers.lost);
    return () => {
      this.events.off('change', handlers.change);
      this.events.off('lost', handlers.lost);
    };
  }
}
