import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-node';
import type { ConfigReader } from './config';
import { currentRequestId, REQUEST_ID_HEADER } from './requestContext';

/**
 * OpenTelemetry tracing for every enplan service, set up here and nowhere else. Spans are made by
 * hand at the seams (incoming request, subgraph fetch, consent decision, access-log append) and by
 * @apollo/gateway itself (plan, fetch); they carry departments, counts and decisions, never a CPR.
 */

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

export interface TracingConfig {
  /** `OTEL_TRACES_EXPORTER`: `otlp` sends spans to `OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT`. @default none (tracing off) */
  exporter: 'otlp' | 'none';
  /** `OTEL_TRACES_SAMPLER`. @default parentbased_traceidratio: follow the caller's choice, else sample a share. */
  sampler: (typeof SAMPLERS)[number];
  /** `OTEL_TRACES_SAMPLER_ARG`, the share for the ratio samplers. @default 0.05 */
  ratio: number;
  /** `OTEL_SERVICE_NAME`. @default the service's own name */
  serviceName: string;
}

/** Reads the standard OTEL_* variables; problems are reported with the service's others. */
export function readTracingConfig(env: ConfigReader, serviceName: string): TracingConfig {
  const rawRatio = env.optionalString('OTEL_TRACES_SAMPLER_ARG');
  const ratio = rawRatio === undefined ? 0.05 : Number(rawRatio);
  if (!(ratio >= 0 && ratio <= 1)) env.problem(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1 (got "${rawRatio}")`);
  return {
    exporter: env.oneOf('OTEL_TRACES_EXPORTER', ['otlp', 'none'] as const, 'none'),
    sampler: env.oneOf('OTEL_TRACES_SAMPLER', SAMPLERS, 'parentbased_traceidratio'),
    ratio: ratio >= 0 && ratio <= 1 ? ratio : 0.05,
    serviceName: env.string('OTEL_SERVICE_NAME', serviceName),
  };
}

function samplerOf({ sampler, ratio }: TracingConfig): Sampler {
  const root: Sampler = sampler.endsWith('always_off')
    ? new AlwaysOffSampler()
    : sampler.endsWith('traceidratio')
      ? new TraceIdRatioBasedSampler(ratio)
      : new AlwaysOnSampler();
  return sampler.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

export interface Tracing {
  /** Exports what is buffered, then stops. */
  shutdown(): Promise<void>;
}

/**
 * Registers the process-wide tracer provider (W3C trace context propagation, async-local context)
 * when an exporter is configured; with `exporter: none` nothing is registered and every span below
 * is a no-op. The OTLP exporter reads its endpoint and headers from the OTEL_EXPORTER_OTLP_* variables.
 */
export function startTracing(config: TracingConfig): Tracing | undefined {
  if (config.exporter === 'none') return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    sampler: samplerOf(config),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

const tracer = () => trace.getTracer('enplan');

/**
 * Runs `fn` in a span that ends when it settles. A failure marks the span with the error's class
 * only: messages may quote data.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Starts a span that the caller ends (a server span lives until the response is sent). */
export function startSpan(name: string, attributes: Attributes, kind: SpanKind, parent = context.active()): Span {
  return tracer().startSpan(name, { kind, attributes }, parent);
}

/** Header setter shared by a Fetch `Headers` object and a plain record. */
type HeaderTarget = { set(name: string, value: string): void } | Record<string, string>;

/** Puts the current trace context (`traceparent`) and the request id on an outgoing call. */
export function propagateRequest(headers: HeaderTarget): void {
  const set =
    typeof headers.set === 'function'
      ? (name: string, value: string) => (headers as { set(n: string, v: string): void }).set(name, value)
      : (name: string, value: string) => ((headers as Record<string, string>)[name] = value);
  propagation.inject(context.active(), headers, { set: (_carrier, name, value) => set(name, value) });
  const requestId = currentRequestId();
  if (requestId) set(REQUEST_ID_HEADER, requestId);
}

export { SpanKind, trace };
