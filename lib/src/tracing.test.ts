import { ConfigError, ConfigReader } from './config';
import { readTracingConfig } from './tracing';

function read(env: NodeJS.ProcessEnv) {
  const reader = new ConfigReader(env);
  const config = readTracingConfig(reader, 'enplan-gateway');
  return reader.done('gateway', config);
}

describe('tracing configuration (the standard OTEL_* variables)', () => {
  it('is off by default, with the production sampler ready for when it is turned on', () => {
    expect(read({})).toEqual({
      exporter: 'none',
      sampler: 'parentbased_traceidratio',
      ratio: 0.05,
      serviceName: 'enplan-gateway',
    });
  });

  it('reads an OTLP exporter, a sampler, its ratio and a service name', () => {
    expect(
      read({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_TRACES_SAMPLER: 'always_on',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
        OTEL_SERVICE_NAME: 'gw-aarhus-1',
      }),
    ).toEqual({ exporter: 'otlp', sampler: 'always_on', ratio: 0.25, serviceName: 'gw-aarhus-1' });
  });

  it('refuses to start on values it does not know, naming every variable at once', () => {
    let error: unknown;
    try {
      read({ OTEL_TRACES_EXPORTER: 'jaeger', OTEL_TRACES_SAMPLER: 'sometimes', OTEL_TRACES_SAMPLER_ARG: '5%' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1 (got "5%")',
      'OTEL_TRACES_EXPORTER must be one of otlp, none (got "jaeger")',
      'OTEL_TRACES_SAMPLER must be one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio (got "sometimes")',
    ]);
  });
});
