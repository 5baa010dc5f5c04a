import { join } from 'node:path';
import { createAssertionVerifier, ReplayCache } from './assertion';
import { ConfigError, ConfigReader } from './config';
import { openDepartmentCoverage } from './department/departmentCoverage';
import { isPostgresUrl } from './db/databaseUrl';
import { createLogger, type Logger } from './logger';
import { defaultMetricsPort, initMetrics, startMetricsServer } from './metrics';
import { startSubgraphServer, type SubgraphModule } from './subgraphServer';
import { subgraphDescriptor } from './registry';
import { loadRegistry } from './registryFile';
import { readTrustedIssuers, type TrustedService } from './subgraphTrust';
import { readTracingConfig, startTracing } from './tracing';

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
  readOptions?: (env: ConfigReader, common: { production: boolean }) => Omit<O, keyof SubgraphOptions>;
  /**
   * Services (besides the gateway) whose signed calls this subgraph accepts, each acting only as
   * itself: `<NAME>_JWKS` holds their public keys, e.g. the consent service trusts `plan`, the plan
   * subgraph trusts `consent` (its inbox). Which gateway key it trusts follows its organisation (subgraphTrust.ts).
   */
  trustedServices?: readonly TrustedService[];
  create(options: O): SubgraphInstance | Promise<SubgraphInstance>;
  /** The subgraph can keep its store on PostgreSQL (`DATABASE_URL`); others refuse the variable. @default false */
  postgres?: boolean;
}

/** The common `index.ts` of every subgraph: read and check configuration, seed, listen, stop on SIGTERM. */
export async function runSubgraph<O extends SubgraphOptions>({
  name,
  readOptions,
  create,
  trustedServices = [],
  postgres = false,
}: SubgraphEntryPoint<O>): Promise<void> {
  const logger = createLogger(`subgraph-${name}`);
  try {
    loadRegistry();
    const { defaultPort } = subgraphDescriptor(name);
    const env = new ConfigReader();
    const production = process.env.NODE_ENV === 'production';
    const trustedIssuers = readTrustedIssuers(env, name, trustedServices, production);
    const port = env.integer('PORT', defaultPort, { max: 65_535 });
    const host = env.string('HOST', '127.0.0.1');
    const config = env.done(name, {
      port,
      host,
      databaseFile: env.string('DATABASE_FILE', join(env.string('DATA_DIR', 'data'), `${name}.sqlite`)),
      databaseUrl: env.optionalString('DATABASE_URL'),
      syntheticCitizens: env.integer('SYNTHETIC_CITIZENS', 100, { max: 1_000_000 }),
      replayCacheEntries: env.integer('REPLAY_CACHE_ENTRIES', 100_000, { min: 1_000, max: 10_000_000 }),
      metricsPort: env.integer('METRICS_PORT', defaultMetricsPort(port), { max: 65_535 }),
      metricsHost: env.string('METRICS_HOST', host),
      tracing: readTracingConfig(env, `enplan-${name}`),
      own: readOptions?.(env, { production }),
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
    const trusted = trustedIssuers();
    // Before anything else, so every span and series from here on is named after this service.
    const tracing = startTracing(config.tracing);
    initMetrics(name);
    const metricsServer = await startMetricsServer(config.metricsPort, config.metricsHost, logger);
    const instance = await create({ ...common, ...config.own } as O);
    const coverage = openDepartmentCoverage(name, config.databaseFile, logger);
    const running = await startSubgraphServer(
      instance.module,
      {
        verifier: createAssertionVerifier({ audience: name, trusted, replayCache: new ReplayCache(config.replayCacheEntries) }),
        logger,
        ...(coverage && { coverage: coverage.plugin }),
      },
      config.port,
      config.host,
    );
    const shutdown = async () => {
      logger.info('shutting down');
      await running.stop();
      coverage?.log.close();
      await instance.close();
      await metricsServer.stop();
      await tracing?.shutdown();
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
