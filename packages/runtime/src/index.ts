export * from './errors.js';
export * from './input.js';
export * from './idempotency.js';
export * from './input-schema.js';
export * from './logger.js';
export * from './store/index.js';
export * from './http.js';
export * from './manifest.js';
export * from './pagination.js';
export * from './loaders.js';
export * from './provenance.js';
export * from './subgraph.js';
export * from './env.js';
export * from './redis.js';
export * from './testing.js';
export * from './service-client.js';
export * from './workflow.js';

/** Tracing from the standard OTEL_* variables, for the services' entry points (off unless an OTLP endpoint is set). */
export { startTracing, type Tracing } from '@fulfillment-mesh/telemetry';
