import { ConfigError, createLogger, initMetrics, startMetricsServer, startTracing, loadRegistry } from '@enplan/lib';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

const logger = createLogger('gateway');

async function main(): Promise<void> {
  loadRegistry();
  const config = loadGatewayConfig();
  // Before the gateway, so @apollo/gateway's own spans and every series are this service's.
  const tracing = startTracing(config.tracing);
  initMetrics('gateway');
  const metricsServer = await startMetricsServer(config.metrics.port, config.metrics.host, logger);
  const gateway = await startGateway(config, { logger });
  const shutdown = async () => {
    logger.info('shutting down');
    await gateway.stop();
    await metricsServer.stop();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(error.message + '\n');
  else logger.error('failed to start', { message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
