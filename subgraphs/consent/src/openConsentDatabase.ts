import { migratePostgres, migrateSqlite, openDatabase, openPostgres, type DatabaseLocation, type Logger } from '@enplan/lib';
import type { AccessLogBackend } from './accessLogBackend';
import { ConsentChanges } from './ConsentChanges';
import type { ConsentRecord, RepresentativeAct } from './consentModel';
import { SqliteConsentStore, type ConsentStore } from './ConsentStore';
import { PgAccessLogBackend } from './PgAccessLogBackend';
import { PgConsentChangeListener } from './PgConsentChangeListener';
import { PgConsentStore } from './PgConsentStore';
import { PgPowerStore, SqlitePowerStore, type PowerRecord, type PowerStore } from './representation/PowerStore';
import { CONSENT_SCHEMA, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './schema';
import { SqliteAccessLogBackend } from './SqliteAccessLogBackend';
import { SqliteConsentChangeWatcher } from './SqliteConsentChangeWatcher';

/** The consent service's storage, on either backend, migrated and ready. */
export interface ConsentDatabase {
  store: ConsentStore;
  /** Powers of representation, numbered and announced with the consents. */
  powers: PowerStore;
  accessLog: AccessLogBackend;
  changes: ConsentChanges;
  /** The access log predates signed checkpoints: its current end must be anchored once. */
  needsAnchor: boolean;
  close(): Promise<void>;
}

/**
 * On SQLite every change is announced from the journal (SqliteConsentChangeWatcher), this
 * process's own too: one path for all. The store asks the watcher to look right after each write,
 * so its own changes are announced before the write returns, not at the next poll.
 */
class WatchedConsentStore implements ConsentStore {
  constructor(
    private readonly inner: ConsentStore,
    private readonly watcher: SqliteConsentChangeWatcher,
  ) {}

  consentsOf = (cpr: string) => this.inner.consentsOf(cpr);
  consentsAsOf = (cprs: readonly string[]) => this.inner.consentsAsOf(cprs);
  byId = (id: string) => this.inner.byId(id);
  seed = (consents: Iterable<ConsentRecord>) => this.inner.seed(consents);

  async insert(consent: ConsentRecord): Promise<void> {
    await this.inner.insert(consent);
    this.watcher.check();
  }

  async withdraw(id: string, at: number, by: string, representative: RepresentativeAct | null): Promise<boolean> {
    const withdrawn = await this.inner.withdraw(id, at, by, representative);
    this.watcher.check();
    return withdrawn;
  }
}

/** As WatchedConsentStore: a power's change is announced before the write returns. */
class WatchedPowerStore implements PowerStore {
  constructor(
    private readonly inner: PowerStore,
    private readonly watcher: SqliteConsentChangeWatcher,
  ) {}

  powersOf = (cpr: string) => this.inner.powersOf(cpr);
  heldBy: PowerStore['heldBy'] = (kind, ref) => this.inner.heldBy(kind, ref);
  asOf: PowerStore['asOf'] = (kind, ref, cpr) => this.inner.asOf(kind, ref, cpr);
  byId = (id: string) => this.inner.byId(id);

  async insert(power: PowerRecord): Promise<void> {
    await this.inner.insert(power);
    this.watcher.check();
  }

  async revoke(id: string, at: number, by: string): Promise<boolean> {
    const revoked = await this.inner.revoke(id, at, by);
    this.watcher.check();
    return revoked;
  }

  async seed(powers: Iterable<PowerRecord>): Promise<void> {
    await this.inner.seed(powers);
    this.watcher.check();
  }
}

/** Opens, migrates (refusing a newer schema) and wires the store, the access log and the change announcements. */
export async function openConsentDatabase(location: DatabaseLocation, logger: Logger): Promise<ConsentDatabase> {
  const changes = new ConsentChanges();
  if (location.kind === 'sqlite') {
    const db = openDatabase(location.file);
    try {
      const { previous } = migrateSqlite(db, CONSENT_SCHEMA, SQLITE_MIGRATIONS);
      const watcher = new SqliteConsentChangeWatcher(location.file, db, changes, logger);
      return {
        store: new WatchedConsentStore(new SqliteConsentStore(db), watcher),
        powers: new WatchedPowerStore(new SqlitePowerStore(db), watcher),
        accessLog: new SqliteAccessLogBackend(db, location.file),
        changes,
        needsAnchor: previous < 2,
        close: async () => {
          watcher.close();
          db.close();
        },
      };
    } catch (error) {
      db.close();
      throw error;
    }
  }
  const pool = openPostgres(location.url, { applicationName: 'enplan-consent' });
  try {
    await migratePostgres(pool, CONSENT_SCHEMA, POSTGRES_MIGRATIONS);
    const listener = await PgConsentChangeListener.start(location.url, changes, logger);
    return {
      store: new PgConsentStore(pool),
      powers: new PgPowerStore(pool),
      accessLog: new PgAccessLogBackend(pool),
      changes,
      needsAnchor: false,
      close: async () => {
        await listener.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
