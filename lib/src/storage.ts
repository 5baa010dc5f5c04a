/** Where services keep data: SQLite, PostgreSQL, migrations, and the notification outbox. */
export * from './sqlite';
export * from './db/databaseUrl';
export * from './db/postgres';
export * from './db/migrations';
export * from './notifications/Notification';
export * from './notifications/Outbox';
export * from './notifications/PgOutbox';
export * from './notifications/OutboxRelay';
export * from './notifications/WebhookDeliverer';
