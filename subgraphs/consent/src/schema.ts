import type { Migration } from '@enplan/lib';

/** The name under which the consent service records its schema version (`schema_versions`). */
export const CONSENT_SCHEMA = 'consent';

/** The table the SQLite triggers (migration 4) append changed CPRs to (SqliteConsentChangeWatcher reads it). */
export const CONSENT_CHANGES_JOURNAL = 'consent_changes';

const journal = CONSENT_CHANGES_JOURNAL;

/**
 * SQLite: the sequence of the newest consent change (the journal's AUTOINCREMENT counter, which
 * outlives the pruned rows; 0 before the first change). It only grows, and SQLite commits one
 * writer at a time, so a read of it is a watermark: every change up to it is committed.
 */
export const SQLITE_CHANGE_SEQUENCE = `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = '${journal}'), 0) AS sequence`;

/** PostgreSQL: the one-row counter every consent change increments (migration 3). */
export const CONSENT_CHANGE_SEQUENCE = 'consent_change_sequence';

/**
 * SQLite: the access log's entries by citizen (migration 5), and in `_through` the newest sequence it
 * covers. Newer entries are found by scanning the short tail after it.
 */
export const CITIZEN_INDEX = 'access_log_by_citizen';
export const CITIZEN_INDEX_SCHEMA_VERSION = 5;

/** The table, the same on both backends (integers are BIGINT on PostgreSQL). */
export const POWERS_TABLE = 'representation_powers';

function powersTableSql(integer: 'INTEGER' | 'BIGINT'): string {
  return `
CREATE TABLE ${POWERS_TABLE} (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, citizen_name TEXT NOT NULL, representative_kind TEXT NOT NULL,
  representative_ref TEXT NOT NULL, representative_name TEXT NOT NULL, organisation TEXT, powers TEXT NOT NULL,
  valid_from ${integer} NOT NULL, valid_until ${integer} NOT NULL, evidence_method TEXT NOT NULL, recorded_by TEXT NOT NULL,
  recorded_at ${integer} NOT NULL, document_ref TEXT, revoked_at ${integer}, revoked_by TEXT,
  supersedes TEXT REFERENCES ${POWERS_TABLE}(id));
CREATE INDEX representation_powers_by_cpr ON ${POWERS_TABLE}(cpr);
CREATE INDEX representation_powers_by_representative ON ${POWERS_TABLE}(representative_kind, representative_ref);`;
}

/**
 * The triggers that keep the journal, by name, exactly as SQLite stores them (`sqlite_schema.sql`):
 * the watcher checks they are still there and unchanged, since without them a change goes unannounced.
 * An UPDATE names the citizen before and after (the same citizen, almost always: once).
 */
export const CONSENT_CHANGES_TRIGGERS: Readonly<Record<string, string>> = {
  consents_journal_insert: `CREATE TRIGGER consents_journal_insert AFTER INSERT ON consents BEGIN
  INSERT INTO ${journal} (cpr) VALUES (NEW.cpr);
END`,
  consents_journal_update: `CREATE TRIGGER consents_journal_update AFTER UPDATE ON consents BEGIN
  INSERT INTO ${journal} (cpr) VALUES (OLD.cpr);
  INSERT INTO ${journal} (cpr) SELECT NEW.cpr WHERE NEW.cpr <> OLD.cpr;
END`,
  consents_journal_delete: `CREATE TRIGGER consents_journal_delete AFTER DELETE ON consents BEGIN
  INSERT INTO ${journal} (cpr) VALUES (OLD.cpr);
END`,
};

/** One step on both backends: a checkpoint of verification, retention by sequence, pages by citizen and department. */
const ACCESS_LOG_AT_VOLUME = {
  description: "the access log at volume: a signed 'verified' checkpoint, retention by sequence, a citizen's page by department",
  checkpointKinds: "CHECK (kind IN ('head', 'base', 'verified'))",
};

/**
 * One step on both backends, self-contained (it names no other step): who acted for the citizen on a
 * consent (docs/design.md rule 13), as JSON of a RepresentativeAct (consentModel.ts); null in older rows.
 */
const REPRESENTATIVE_ACTS = {
  description: 'the representative who gave or withdrew a consent for the citizen, and the power it rested on',
  sql: `
ALTER TABLE consents ADD COLUMN given_by_representative TEXT;
ALTER TABLE consents ADD COLUMN withdrawn_by_representative TEXT;`,
};

/**
 * The SQLite schema. Version 1 is the schema from before versioning (CREATE … IF NOT EXISTS, so a
 * file made then is adopted as it is). Version 4 journals every change to a consent, whatever made
 * it (this service, the sqlite3 shell, an import), so the service can announce it (rule 7).
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'consents and the hash-chained access log',
    sql: `
CREATE TABLE IF NOT EXISTS consents (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, grantor_cpr TEXT NOT NULL, grantor_capacity TEXT NOT NULL,
  purpose TEXT NOT NULL, valid_from INTEGER NOT NULL, valid_until INTEGER NOT NULL, provisions TEXT NOT NULL,
  evidence_method TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at INTEGER NOT NULL, document_ref TEXT,
  withdrawn_at INTEGER, withdrawn_by TEXT, supersedes TEXT REFERENCES consents(id), superseded_by TEXT);
CREATE INDEX IF NOT EXISTS consents_by_cpr ON consents(cpr);
CREATE TABLE IF NOT EXISTS access_log (
  sequence INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL,
  actor_department TEXT, cpr TEXT NOT NULL, owner_department TEXT NOT NULL, categories TEXT NOT NULL,
  purpose TEXT NOT NULL, decision TEXT NOT NULL, consent_id TEXT, operation_name TEXT, reason TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS access_log_by_cpr ON access_log(cpr, sequence DESC);`,
  },
  {
    version: 2,
    description: 'signed checkpoints of the access log, apart from its rows',
    sql: `
CREATE TABLE access_log_checkpoints (
  kind TEXT PRIMARY KEY CHECK (kind IN ('head', 'base')), sequence INTEGER NOT NULL, hash TEXT NOT NULL,
  at INTEGER NOT NULL, signature TEXT NOT NULL);
CREATE INDEX access_log_by_time ON access_log(at);`,
  },
  {
    version: 3,
    description: "the request id of each access-log entry (nullable: older entries' hashes never covered it)",
    sql: `ALTER TABLE access_log ADD COLUMN request_id TEXT;`,
  },
  {
    version: 4,
    description: 'a journal of consent changes, written by triggers whatever made the change',
    // AUTOINCREMENT: a sequence is never reused after the journal is pruned empty, so the watcher's
    // "after the last one seen" cannot skip a change. SQLite commits one writer at a time, so rows
    // become visible in sequence order.
    sql: `
CREATE TABLE ${journal} (sequence INTEGER PRIMARY KEY AUTOINCREMENT, cpr TEXT NOT NULL);
${Object.values(CONSENT_CHANGES_TRIGGERS).join(';\n')};`,
  },
  {
    version: CITIZEN_INDEX_SCHEMA_VERSION,
    description: "the access log's by-citizen index kept in batches (SqliteAccessLogBackend), not on every append",
    sql: `
CREATE TABLE ${CITIZEN_INDEX} (cpr TEXT NOT NULL, sequence INTEGER NOT NULL, PRIMARY KEY (cpr, sequence)) WITHOUT ROWID;
CREATE TABLE ${CITIZEN_INDEX}_through (sequence INTEGER NOT NULL);
INSERT INTO ${CITIZEN_INDEX} SELECT cpr, sequence FROM access_log;
INSERT INTO ${CITIZEN_INDEX}_through SELECT coalesce(max(sequence), 0) FROM access_log;
DROP INDEX access_log_by_cpr;`,
  },
  {
    version: 6,
    description: 'what each access-log entry records the actor doing: OVERVIEW, READ or CHANGE (null in older entries)',
    sql: `ALTER TABLE access_log ADD COLUMN access_kind TEXT;`,
  },
  {
    version: 7,
    description: "powers of representation, journalled like consents: a revocation reaches every gateway's change feed",
    sql: `${powersTableSql('INTEGER')}
CREATE TRIGGER ${POWERS_TABLE}_journal_insert AFTER INSERT ON ${POWERS_TABLE} BEGIN
  INSERT INTO ${journal} (cpr) VALUES (NEW.cpr);
END;
CREATE TRIGGER ${POWERS_TABLE}_journal_update AFTER UPDATE ON ${POWERS_TABLE} BEGIN
  INSERT INTO ${journal} (cpr) VALUES (NEW.cpr);
END;`,
  },
  {
    version: 8,
    description: ACCESS_LOG_AT_VOLUME.description,
    // SQLite cannot change a CHECK in place: the checkpoints (at most three rows) move to a new table.
    // A citizen's page by department filters the citizen's entries found through ${CITIZEN_INDEX}.
    sql: `
CREATE TABLE access_log_checkpoints_next (
  kind TEXT PRIMARY KEY ${ACCESS_LOG_AT_VOLUME.checkpointKinds}, sequence INTEGER NOT NULL, hash TEXT NOT NULL,
  at INTEGER NOT NULL, signature TEXT NOT NULL);
INSERT INTO access_log_checkpoints_next SELECT kind, sequence, hash, at, signature FROM access_log_checkpoints;
DROP TABLE access_log_checkpoints;
ALTER TABLE access_log_checkpoints_next RENAME TO access_log_checkpoints;
DROP INDEX access_log_by_time;`,
  },
  { version: 9, ...REPRESENTATIVE_ACTS },
];

/** PostgreSQL: every change to the access-log chain holds this transaction-scoped advisory lock (the key is arbitrary, fixed). */
export const ACCESS_LOG_CHAIN_LOCK = 7243150001;

/** PostgreSQL: retention holds this one (PgAccessLogBackend), so two replicas never prune at once; appends never wait for it. */
export const ACCESS_LOG_RETENTION_LOCK = 7243150002;

/** PostgreSQL: the function that appends to the access log (migration 2, PgAccessLogBackend). */
export const EXTEND_ACCESS_LOG = 'enplan_extend_access_log';

/**
 * The PostgreSQL schema. owner_department may be NULL (a joint-plan read belongs to no department)
 * and request_id ties a row to the request's trace. A trigger announces every change to a consent,
 * whatever made it (this service, another replica, an import, a hand-written UPDATE), on the
 * channel the replicas LISTEN to; the payload is the citizen's CPR (and, since migration 3, the
 * change's sequence) and never leaves the database connection of a consent-service replica.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'consents, the hash-chained access log, its signed checkpoints, change notifications',
    sql: `
CREATE TABLE consents (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, grantor_cpr TEXT NOT NULL, grantor_capacity TEXT NOT NULL,
  purpose TEXT NOT NULL, valid_from BIGINT NOT NULL, valid_until BIGINT NOT NULL, provisions TEXT NOT NULL,
  evidence_method TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at BIGINT NOT NULL, document_ref TEXT,
  withdrawn_at BIGINT, withdrawn_by TEXT, supersedes TEXT REFERENCES consents(id), superseded_by TEXT);
CREATE INDEX consents_by_cpr ON consents(cpr);
CREATE TABLE access_log (
  sequence BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL,
  actor_department TEXT, cpr TEXT NOT NULL, owner_department TEXT, categories TEXT NOT NULL,
  purpose TEXT NOT NULL, decision TEXT NOT NULL, consent_id TEXT, operation_name TEXT, reason TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL, request_id TEXT);
CREATE INDEX access_log_by_cpr ON access_log(cpr, sequence DESC);
CREATE INDEX access_log_by_time ON access_log(at);
CREATE TABLE access_log_checkpoints (
  kind TEXT PRIMARY KEY CHECK (kind IN ('head', 'base')), sequence BIGINT NOT NULL, hash TEXT NOT NULL,
  at BIGINT NOT NULL, signature TEXT NOT NULL);
CREATE FUNCTION enplan_announce_consent_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The seed of a new database announces nothing: no one can have cached a decision about it.
  IF current_setting('enplan.seeding', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM pg_notify('enplan_consent_changes', OLD.cpr); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM pg_notify('enplan_consent_changes', NEW.cpr); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER consents_announce_changes AFTER INSERT OR UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION enplan_announce_consent_change();`,
  },
  {
    version: 2,
    description: 'an access-log append in one call: lock, compare the head, insert, new head',
    sql: `
CREATE FUNCTION ${EXTEND_ACCESS_LOG}(expected_sequence BIGINT, expected_hash TEXT, entries JSON, head JSON)
  RETURNS TABLE (sequence BIGINT, hash TEXT) LANGUAGE plpgsql AS $$
DECLARE
  current access_log_checkpoints%ROWTYPE;
BEGIN
  PERFORM pg_advisory_xact_lock(${ACCESS_LOG_CHAIN_LOCK});
  SELECT * INTO current FROM access_log_checkpoints c WHERE c.kind = 'head';
  -- Made for another head (another replica appended since): nothing written; the caller gets the head.
  IF current.sequence IS DISTINCT FROM expected_sequence OR current.hash IS DISTINCT FROM expected_hash THEN
    RETURN QUERY SELECT current.sequence, current.hash;
    RETURN;
  END IF;
  INSERT INTO access_log SELECT * FROM json_populate_recordset(NULL::access_log, entries);
  INSERT INTO access_log_checkpoints SELECT * FROM json_populate_record(NULL::access_log_checkpoints, head)
    ON CONFLICT (kind) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, at = excluded.at,
      signature = excluded.signature;
END $$;`,
  },
  {
    version: 3,
    description: 'every consent change (transaction) numbered, in commit order, and announced with its number',
    // One counter row: the change's UPDATE locks it until commit, so sequences become visible in
    // order, and a decision that reads the counter before the consents reflects every change up to it.
    // Consent changes are rare; serialising them costs nothing a request waits for.
    sql: `
CREATE TABLE ${CONSENT_CHANGE_SEQUENCE} (one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one), sequence BIGINT NOT NULL);
INSERT INTO ${CONSENT_CHANGE_SEQUENCE} (sequence) VALUES (0);
CREATE OR REPLACE FUNCTION enplan_announce_consent_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed BIGINT;
BEGIN
  -- The seed of a new database announces nothing: no one can have cached a decision about it.
  IF current_setting('enplan.seeding', true) = 'on' THEN RETURN NULL; END IF;
  -- One number per transaction (a superseding consent changes two rows: one change, announced once).
  changed := nullif(current_setting('enplan.change_sequence', true), '')::BIGINT;
  IF changed IS NULL THEN
    UPDATE ${CONSENT_CHANGE_SEQUENCE} SET sequence = sequence + 1 RETURNING sequence INTO changed;
    PERFORM set_config('enplan.change_sequence', changed::TEXT, true);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM pg_notify('enplan_consent_changes', OLD.cpr || ' ' || changed); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM pg_notify('enplan_consent_changes', NEW.cpr || ' ' || changed); END IF;
  RETURN NULL;
END $$;`,
  },
  {
    // The append function inserts whole rows of access_log (json_populate_recordset), so it takes the new column as it is.
    version: 4,
    description: 'what each access-log entry records the actor doing: OVERVIEW, READ or CHANGE (null in older entries)',
    sql: `ALTER TABLE access_log ADD COLUMN access_kind TEXT;`,
  },
  {
    version: 5,
    description:
      "powers of representation, numbered and announced like consents: a revocation reaches every gateway's change feed",
    sql: `${powersTableSql('BIGINT')}
CREATE TRIGGER ${POWERS_TABLE}_announce_changes AFTER INSERT OR UPDATE OR DELETE ON ${POWERS_TABLE}
  FOR EACH ROW EXECUTE FUNCTION enplan_announce_consent_change();`,
  },
  {
    version: 6,
    description: ACCESS_LOG_AT_VOLUME.description,
    // Retention walks the primary key now, not the time index (no longer needed). CREATE INDEX holds
    // appends back while it runs, minutes at tens of millions of rows: an operator may build it
    // beforehand (CONCURRENTLY), and the step finds it there (README, "The access log at volume").
    sql: `
ALTER TABLE access_log_checkpoints DROP CONSTRAINT access_log_checkpoints_kind_check;
ALTER TABLE access_log_checkpoints ADD CONSTRAINT access_log_checkpoints_kind_check ${ACCESS_LOG_AT_VOLUME.checkpointKinds};
CREATE INDEX IF NOT EXISTS access_log_by_cpr_department ON access_log(cpr, owner_department, sequence DESC);
DROP INDEX access_log_by_time;`,
  },
  { version: 7, ...REPRESENTATIVE_ACTS },
];

/** The channel of the trigger above. */
export const CONSENT_CHANGES_CHANNEL = 'enplan_consent_changes';
