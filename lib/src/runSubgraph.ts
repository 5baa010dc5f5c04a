import { join } from 'node:path';
import { ConfigError, ConfigReader } from './config';
import { isPostgresUrl } from './db/databaseUrl';
import { createLogger, type Logger } from './logger';
import { startSubgraphServer, type SubgraphModule } from './subgraphServer';
import { subgraphDescriptor } from './subgraphs';

/** Only for local demos and tests; production must set ACTOR_SECRET (checked at start-up). */
export const DEV_ACTOR_SECRET = 'enplan-dev-only-actor-secret-do-not-use-in-production';

export interface SubgraphOptions {
  /** The SQLite file; created and seeded on first start. */
  databaseFile: string;
  /** A PostgreSQL URL (`DATABASE_URL`); where a subgraph supports it, it is used instead of the SQLite file. */
  databaseUrl?: string;
  /** How many synthetic citizens to seed beside the demo personas. @default 0 */
  syntheticCitizens?: number;
  logger?: Logger;
}

/** A subgraph ready to serve, and how to release its store. */
export interface SubgraphInstance {
  module: SubgraphModule;
  close(): void | Promise<void>;
}

export interface SubgraphEntryPoint<O extends SubgraphOptions = SubgraphOptions> {
  name: string;
  /** Reads the settings only this subgraph has; problems go to `env`, reported with all the others. */
  readOptions?: (env: ConfigReader, common: { actorSecret: string }) => Omit<O, keyof SubgraphOptions>;
  create(options: O): SubgraphInstance | Promise<SubgraphInstance>;
  /** The subgraph can keep its store on PostgreSQL (`DATABASE_URL`); others refuse the variable. @default false */
  postgres?: boolean;
}

/** The common `index.ts` of every subgraph: read and check configuration, seed, listen, stop on SIGTERM. */
export async function runSubgraph<O extends SubgraphOptions>({ name, readOptions, create, postgres = false }: SubgraphEntryPoint<O>): Promise<void> {
  const { defaultPort } = subgraphDescriptor(name);
  const logger = createLogger(`subgraph-${name}`);
  try {
    const env = new ConfigReader();
    const production = process.env.NODE_ENV === 'production';
    const actorSecret = env.secret('ACTOR_SECRET', production ? undefined : DEV_ACTOR_SECRET);
    const config = env.done(name, {
      port: env.integer('PORT', defaultPort, { max: 65_535 }),
      host: env.string('HOST', '127.0.0.1'),
      databaseFile: env.string('DATABASE_FILE', join(env.string('DATA_DIR', 'data'), `${name}.sqlite`)),
      databaseUrl: env.optionalString('DATABASE_URL'),
      actorSecret,
      syntheticCitizens: env.integer('SYNTHETIC_CITIZENS', 100, { max: 1_000_000 }),
      signatureWindowMs: env.integer('SIGNATURE_WINDOW_MS', 30_000, { min: 1_000, max: 300_000 }),
      own: readOptions?.(env, { actorSecret }),
    });
    if (config.databaseUrl && !postgres) {
      throw new ConfigError([`DATABASE_URL is not supported by the ${name} subgraph: it keeps its data in DATABASE_FILE`], name);
    }
    if (config.databaseUrl && !isPostgresUrl(config.databaseUrl)) {
      throw new ConfigError(['DATABASE_URL must be a postgres:// or postgresql:// URL'], name);
    }
    const common: SubgraphOptions = {
      databaseFile: config.databaseFile,
      ...(config.databaseUrl && { databaseUrl: config.databaseUrl }),
      syntheticCitizens: config.syntheticCitizens,
      logger,
    };
    const instance = await create({ ...common, ...config.own } as O);
    const running = await startSubgraphServer(
      instance.module,
      { actorSecret: config.actorSecret, signatureWindowMs: config.signatureWindowMs, logger },
      config.port,
      config.host,
    );
    const shutdown = async () => {
      logger.info('shutting down');
      await running.stop();
      await instance.close();
      process.exit(0);
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n');
    } else {
      logger.error('failed to start', { message: error instanceof Error ? error.message : String(error) });
    }
    process.exit(1);
  }
}
