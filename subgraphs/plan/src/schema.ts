import { pgOutboxTableSql, type Migration } from '@enplan/lib';
import { COURSE_TABLE_SQL } from './course/CourseStore';

/** The name under which the plan subgraph records its schema version (`schema_versions`). */
export const PLAN_SCHEMA = 'plan';

/** The outbox table on PostgreSQL (on SQLite, SqliteOutbox makes its own `outbox`). */
export const PG_OUTBOX_TABLE = 'plan_outbox';

const CHANGE_FACTS_MIGRATION = {
  description:
    "each history entry's kind and facts (JSON), said in the reader's language; older entries keep their English summary",
  sql: `
ALTER TABLE plan_changes ADD COLUMN kind TEXT;
ALTER TABLE plan_changes ADD COLUMN facts TEXT;`,
};

/** The course after the plan (assessment, joint decision, complaint): one self-contained step, the same on both backends. */
const COURSE_MIGRATION = {
  description: "each plan's shared assessment, joint decision and complaint, as versioned documents",
  sql: COURSE_TABLE_SQL,
};

const FINDING_MIGRATION_DESCRIPTION = 'the candidate finder: citizens who said "do not look for me", candidates until deleted';

/** The same on both backends but for the type of an epoch-ms column. */
function findingTablesSql(epochMs: 'INTEGER' | 'BIGINT'): string {
  return `
CREATE TABLE finding_opt_outs (cpr TEXT PRIMARY KEY, at ${epochMs} NOT NULL);
CREATE TABLE finding_candidates (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL UNIQUE, department_count INTEGER NOT NULL, found_at ${epochMs} NOT NULL, invited_at ${epochMs});
CREATE INDEX finding_candidates_by_found_at ON finding_candidates(found_at);`;
}

const PROVIDER_ASSIGNMENTS_DESCRIPTION =
  'which provider organisation carries out which agreement of which plan (rule 12), kept from the plan document by a trigger';

/** An agreement's provider, as the JSON of a joint plan's document holds it (`$.agreements[*].provider.organisation`). */
const PROVIDER_ASSIGNMENTS_TABLE = `
CREATE TABLE provider_assignments (
  organisation TEXT NOT NULL, cpr TEXT NOT NULL, plan_id TEXT NOT NULL, agreement_id TEXT NOT NULL,
  PRIMARY KEY (organisation, plan_id, agreement_id));`;

/** SQLite: the assignments of the plan row `p` (NEW in a trigger; `p` of `from` for every plan), from its document. */
const sqliteAssignmentsOf = (p: string, from = '') => `
  SELECT json_extract(a.value, '$.provider.organisation'), ${p}.cpr, ${p}.id, json_extract(a.value, '$.id')
  FROM ${from}json_each(${p}.document, '$.agreements') a WHERE json_extract(a.value, '$.provider.organisation') IS NOT NULL`;

/** PostgreSQL: the same. */
const pgAssignmentsOf = (p: string, from = '') => `
  SELECT a->'provider'->>'organisation', ${p}.cpr, ${p}.id, a->>'id'
  FROM ${from}jsonb_array_elements(${p}.document::jsonb -> 'agreements') a WHERE a->'provider'->>'organisation' IS NOT NULL`;

/**
 * A self-contained step (its number is the list's): a provider's list of assigned plans without
 * reading every document. The plan store writes only documents; the triggers keep the table in step.
 */
const SQLITE_PROVIDER_ASSIGNMENTS: Omit<Migration, 'version'> = {
  description: PROVIDER_ASSIGNMENTS_DESCRIPTION,
  sql: `${PROVIDER_ASSIGNMENTS_TABLE}
CREATE TRIGGER provider_assignments_on_insert AFTER INSERT ON joint_plans BEGIN
  INSERT INTO provider_assignments ${sqliteAssignmentsOf('NEW')};
END;
CREATE TRIGGER provider_assignments_on_update AFTER UPDATE OF document ON joint_plans BEGIN
  DELETE FROM provider_assignments WHERE plan_id = NEW.id;
  INSERT INTO provider_assignments ${sqliteAssignmentsOf('NEW')};
END;
INSERT INTO provider_assignments ${sqliteAssignmentsOf('p', 'joint_plans p, ')};`,
};

const PG_PROVIDER_ASSIGNMENTS: Omit<Migration, 'version'> = {
  description: PROVIDER_ASSIGNMENTS_DESCRIPTION,
  sql: `${PROVIDER_ASSIGNMENTS_TABLE}
CREATE FUNCTION provider_assignments_of_plan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM provider_assignments WHERE plan_id = NEW.id;
  INSERT INTO provider_assignments ${pgAssignmentsOf('NEW')};
  RETURN NULL;
END $$;
CREATE TRIGGER provider_assignments_of_plan AFTER INSERT OR UPDATE OF document ON joint_plans
  FOR EACH ROW EXECUTE FUNCTION provider_assignments_of_plan();
INSERT INTO provider_assignments ${pgAssignmentsOf('p', 'joint_plans p, ')};`,
};

/**
 * The SQLite schema. Version 1 is the schema from before versioning (CREATE … IF NOT EXISTS, so a
 * file made then is adopted as it is).
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'caseworkers, joint plans with their history, requests for one plan, inboxes',
    sql: `
CREATE TABLE IF NOT EXISTS caseworkers (id TEXT PRIMARY KEY, name TEXT NOT NULL, department TEXT NOT NULL, phone TEXT);
CREATE TABLE IF NOT EXISTS joint_plans (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL,
  coordinating_caseworker_id TEXT NOT NULL REFERENCES caseworkers(id), document TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS joint_plans_by_cpr ON joint_plans(cpr, created_at);
CREATE INDEX IF NOT EXISTS joint_plans_by_coordinator ON joint_plans(coordinating_caseworker_id);
CREATE TABLE IF NOT EXISTS plan_changes (
  plan_id TEXT NOT NULL REFERENCES joint_plans(id), version INTEGER NOT NULL, at INTEGER NOT NULL,
  actor_id TEXT NOT NULL, actor_name TEXT NOT NULL, actor_department TEXT, summary TEXT NOT NULL,
  PRIMARY KEY (plan_id, version));
CREATE TABLE IF NOT EXISTS plan_requests (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, departments TEXT NOT NULL, requested_at INTEGER NOT NULL, status TEXT NOT NULL,
  decline_reason TEXT, answered_at INTEGER, answered_by TEXT);
CREATE INDEX IF NOT EXISTS plan_requests_by_cpr ON plan_requests(cpr);
CREATE TABLE IF NOT EXISTS inbox (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, created_at INTEGER NOT NULL, received_seq INTEGER NOT NULL, notification TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS inbox_by_cpr ON inbox(cpr, created_at, received_seq);`,
  },
  {
    version: 2,
    description: 'at most one plan not ended and one pending request per citizen, kept by the database',
    sql: `
CREATE UNIQUE INDEX joint_plans_one_open_per_citizen ON joint_plans(cpr) WHERE status <> 'ENDED';
CREATE UNIQUE INDEX plan_requests_one_pending_per_citizen ON plan_requests(cpr) WHERE status = 'PENDING';`,
  },
  {
    version: 3,
    description: FINDING_MIGRATION_DESCRIPTION,
    sql: findingTablesSql('INTEGER'),
  },
  { version: 4, ...CHANGE_FACTS_MIGRATION },
  { version: 5, ...COURSE_MIGRATION },
  { version: 6, ...SQLITE_PROVIDER_ASSIGNMENTS },
];

/**
 * The PostgreSQL schema: the SQLite one, with an identity column where SQLite's rowid broke ties
 * in ordering, and the outbox in the same database, so a change and its notification commit
 * together.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'caseworkers, joint plans with their history, requests for one plan, inboxes, the outbox',
    sql: `
CREATE TABLE caseworkers (id TEXT PRIMARY KEY, name TEXT NOT NULL, department TEXT NOT NULL, phone TEXT);
CREATE TABLE joint_plans (
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, id TEXT PRIMARY KEY, cpr TEXT NOT NULL, version INTEGER NOT NULL,
  status TEXT NOT NULL, coordinating_caseworker_id TEXT NOT NULL REFERENCES caseworkers(id), document TEXT NOT NULL,
  created_at BIGINT NOT NULL);
CREATE INDEX joint_plans_by_cpr ON joint_plans(cpr, created_at);
CREATE INDEX joint_plans_by_coordinator ON joint_plans(coordinating_caseworker_id);
CREATE UNIQUE INDEX joint_plans_one_open_per_citizen ON joint_plans(cpr) WHERE status <> 'ENDED';
CREATE TABLE plan_changes (
  plan_id TEXT NOT NULL REFERENCES joint_plans(id), version INTEGER NOT NULL, at BIGINT NOT NULL,
  actor_id TEXT NOT NULL, actor_name TEXT NOT NULL, actor_department TEXT, summary TEXT NOT NULL,
  PRIMARY KEY (plan_id, version));
CREATE TABLE plan_requests (
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, id TEXT PRIMARY KEY, cpr TEXT NOT NULL, departments TEXT NOT NULL,
  requested_at BIGINT NOT NULL, status TEXT NOT NULL, decline_reason TEXT, answered_at BIGINT, answered_by TEXT);
CREATE INDEX plan_requests_by_cpr ON plan_requests(cpr);
CREATE UNIQUE INDEX plan_requests_one_pending_per_citizen ON plan_requests(cpr) WHERE status = 'PENDING';
CREATE TABLE inbox (
  id TEXT PRIMARY KEY, cpr TEXT NOT NULL, created_at BIGINT NOT NULL,
  received_seq BIGINT GENERATED ALWAYS AS IDENTITY, notification TEXT NOT NULL);
CREATE INDEX inbox_by_cpr ON inbox(cpr, created_at, received_seq);
${pgOutboxTableSql(PG_OUTBOX_TABLE)}`,
  },
  {
    version: 2,
    description: FINDING_MIGRATION_DESCRIPTION,
    sql: findingTablesSql('BIGINT'),
  },
  { version: 3, ...CHANGE_FACTS_MIGRATION },
  { version: 4, ...COURSE_MIGRATION },
  { version: 5, ...PG_PROVIDER_ASSIGNMENTS },
];
