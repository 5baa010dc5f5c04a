import { join } from 'node:path';
import { ConfigError, ConfigReader } from './config';
import { createLogger, type Logger } from './logger';
import { startSubgraphServer, type SubgraphModule } from './subgraphServer';
import { subgraphDescriptor } from './registry';

/** Only for local demos and tests; production must set ACTOR_SECRET (checked at start-up). */
export const DEV_ACTOR_SECRET = 'enplan-dev-only-actor-secret-do-not-use-in-production';

export interface SubgraphOptions {
  /** The SQLite file; created and seeded on first start. */
  databaseFile: string;
  /** How many synthetic citizens to seed beside the demo personas. @default 0 */
  syntheticCitizens?: number;
  logger?: Logger;
}

/** A subgraph ready to serve, and how to release its store. */
export interface SubgraphInstance {
  module: SubgraphModule;
  close(): void;
}

export interface SubgraphEntryPoint<O extends SubgraphOptions = SubgraphOptions> {
  name: string;
  /** Reads the settings only this subgraph has; problems go to `env`, reported with all the others. */
  readOptions?: (env: ConfigReader, common: { actorSecret: string }) => Omit<O, keyof SubgraphOptions>;
  create(options: O): SubgraphInstance;
}

/** The common `index.ts` of every subgraph: read and check configuration, seed, listen, stop on SIGTERM. */
export async function runSubgraph<O extends SubgraphOptions>({ name, readOptions, create }: SubgraphEntryPoint<O>): Promise<void> {
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
      actorSecret,
      syntheticCitizens: env.integer('SYNTHETIC_CITIZENS', 100, { max: 1_000_000 }),
      signatureWindowMs: env.integer('SIGNATURE_WINDOW_MS', 30_000, { min: 1_000, max: 300_000 }),
      own: readOptions?.(env, { actorSecret }),
    });
    const common: SubgraphOptions = { databaseFile: config.databaseFile, syntheticCitizens: config.syntheticCitizens, logger };
    const instance = create({ ...common, ...config.own } as O);
    const running = await startSubgraphServer(
      instance.module,
      { actorSecret: config.actorSecret, signatureWindowMs: config.signatureWindowMs, logger },
      config.port,
      config.host,
    );
    const shutdown = async () => {
      logger.info('shutting down');
      await running.stop();
      instance.close();
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
