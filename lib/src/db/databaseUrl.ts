/** Where a store lives: an embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** `DATABASE_URL` wins when it names PostgreSQL; otherwise the SQLite file. */
export function databaseLocation(databaseUrl: string | undefined, sqliteFile: string): DatabaseLocation {
  return databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: sqliteFile };
}

/** True for the URLs node-postgres accepts. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//.test(value);
}
