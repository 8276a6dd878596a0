import type { IncomingHttpHeaders } from 'node:http';
import {
  context,
  propagation,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type ProxyTracerProvider,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** The instrumentation scope of every span the mesh creates. */
export const TRACER_NAME = 'fulfillment-mesh';

/** The mesh's tracer: a no-op until {@link startTracing} registered a provider (no cost when tracing is off). */
export const tracer = () => trace.getTracer(TRACER_NAME);

/** A started tracing pipeline. */
export interface Tracing {
  provider: NodeTracerProvider;
  /**
   * Flushes what is buffered and stops exporting. Never rejects: spans a collector refuses at shutdown are dropped
   * (a service stopping must not fail because its collector is gone).
   */
  shutdown(): Promise<void>;
}

/** Options of {@link startTracing}. */
export interface TracingOptions {
  /** `service.name` of the resource (`OTEL_SERVICE_NAME` wins). */
  serviceName: string;
  env?: NodeJS.ProcessEnv;
  /** An exporter to use instead of OTLP (tests: `InMemorySpanExporter`); spans are then exported one by one. */
  exporter?: SpanExporter;
}

/**
 * Instrumentation scopes besides the mesh's own that may record spans, from `FM_TRACE_LIBRARY_SCOPES`
 * (comma-separated, e.g. `@apollo/gateway` for its request/plan/validate/execute/fetch/postprocessing spans).
 * Default none: the mesh's own spans already cover each gateway request and subgraph fetch, and Apollo's six
 * extra spans per request were most of the spans exported (7.6 per storefront request instead of ~1).
 */
function libraryScopes(env: NodeJS.ProcessEnv): ReadonlySet<string> {
  return new Set(
    (env.FM_TRACE_LIBRARY_SCOPES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/**
 * A tracer that records nothing and does not even enter a new context: its span is the parent's span context
 * wrapped as non-recording, so spans the mesh starts inside it still hang below the mesh span around it. Skipping
 * `context.with` matters: each one is an AsyncLocalStorage run on the request path.
 */
const silentTracer: Tracer = {
  startSpan: (_name, _options, ctx = context.active()) =>
    trace.wrapSpanContext(trace.getSpanContext(ctx) ?? INVALID_SPAN_CONTEXT),
  startActiveSpan(name: string, ...args: unknown[]) {
    const fn = args.pop() as (span: Span) => unknown;
    const ctx = args.length > 1 ? (args[1] as Context) : undefined;
    const span = silentTracer.startSpan(name, undefined, ctx);
    return ctx && ctx !== context.active() ? context.with(trace.setSpan(ctx, span), fn, undefined, span) : fn(span);
  },
} as Tracer;

/** Hands the SDK's tracers to the mesh's scope (and the allowed library scopes), the silent one to every other. */
function scopedProvider(provider: NodeTracerProvider, allowed: ReadonlySet<string>): TracerProvider {
  return {
    getTracer: (name, version, options) =>
      name === TRACER_NAME || allowed.has(name) ? provider.getTracer(name, version, options) : silentTracer,
  };
}

/**
 * Registers the global tracer provider, W3C trace-context propagation and the AsyncLocalStorage context manager
 * when tracing is asked for: an explicit exporter, or `OTEL_EXPORTER_OTLP_ENDPOINT` /
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (the OTLP/HTTP exporter reads every standard `OTEL_EXPORTER_OTLP_*`
 * variable itself). `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` keeps it off. Returns undefined when
 * off: nothing is registered and every span call stays a no-op. Exports are batched and asynchronous, so an
 * unreachable collector never slows a request (the batch processor drops what it cannot send).
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  const env = options.env ?? process.env;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return undefined;
  if (!options.exporter && !endpoint) return undefined;
  const processor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': env.OTEL_SERVICE_NAME ?? options.serviceName }),
    spanProcessors: [processor],
  });
  // register() also installs the W3C propagator and the AsyncLocalStorage context manager. The global proxy then
  // delegates to the scoped provider instead (libraries' own spans stay off unless asked for); the proxy itself
  // stays, because libraries such as @apollo/gateway took their tracer from it when they were imported.
  provider.register();
  (trace.getTracerProvider() as ProxyTracerProvider).setDelegate(scopedProvider(provider, libraryScopes(env)));
  return {
    provider,
    async shutdown() {
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/** Reads W3C `traceparent` / `tracestate` from headers (or an event); a malformed value yields the root context. */
export function extractContext(carrier: IncomingHttpHeaders | Record<string, unknown>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier, {
    keys: (c) => Object.keys(c),
    get: (c, key) => {
      const value = (c as Record<string, unknown>)[key];
      return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] as string | undefined) : undefined;
    },
  });
}

/** The W3C trace-context fields of the active context (empty when tracing is off or nothing is active). */
export function currentTraceContext(active: Context = context.active()): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return {
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/** The active span's trace id, for log lines; undefined when nothing is traced. */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  const id = span?.spanContext().traceId;
  return id && span.isRecording() ? id : undefined;
}

/** Options of {@link inSpan}. */
export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context; default the active one. */
  parent?: Context;
}

/**
 * Runs `fn` inside a new active span: ends it when `fn` settles, records an exception and ERROR status when it
 * throws. With tracing off this is a direct call of `fn` with a non-recording span.
 */
export async function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T> | T): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

export { SpanKind, SpanStatusCode, context as otelContext, propagation, trace } from '@opentelemetry/api';
export type { Span } from '@opentelemetry/api';

/**
 * `fetch` as an HTTP client span (OTel HTTP conventions: `http.request.method`, `url.full` without query,
 * `server.address`, `http.response.status_code`; ERROR from 500 up or when the call fails) that sends the W3C
 * trace context, so an external system that traces continues the mesh's trace. Adapters call out with it.
 */
export async function tracedFetch(
  input: string | URL,
  init: RequestInit = {},
  attributes: Attributes = {},
): Promise<Response> {
  const url = new URL(String(input));
  const method = (init.method ?? 'GET').toUpperCase();
  const spanAttributes: Attributes = {
    'http.request.method': method,
    'url.full': `${url.origin}${url.pathname}`,
    'server.address': url.hostname,
    'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    ...attributes,
  };
  return inSpan(method, { kind: SpanKind.CLIENT, attributes: spanAttributes }, async (span) => {
    const trace = currentTraceContext();
    let headers = init.headers;
    if (trace.traceparent) {
      const merged = new Headers(init.headers);
      for (const [key, value] of Object.entries(trace)) merged.set(key, value);
      headers = merged;
    }
    const res = await fetch(input, { ...init, ...(headers ? { headers } : {}) });
    span.setAttribute('http.response.status_code', res.status);
    if (res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.status}` });
    return res;
  });
}
