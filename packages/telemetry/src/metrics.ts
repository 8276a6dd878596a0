import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds, from 5 ms to 10 s (GraphQL requests and subgraph fetches). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One service's Prometheus registry: default process metrics, request latency and whatever the service adds. */
export interface ServiceMetrics {
  readonly service: string;
  readonly registry: Registry;
  /** `fm_http_request_duration_seconds{operation,status}`. */
  readonly httpRequestDuration: Histogram<'operation' | 'status'>;
  /** Records one finished HTTP request (the runtime's HTTP host calls it). */
  observeRequest(sample: { operation: string; status: number; seconds: number }): void;
  /** The exposition text (version 0.0.4), plus `extra` text from components with their own counters. */
  text(): Promise<string>;
  /** Adds text to every scrape (e.g. the gateway's subscription counters). */
  addText(render: () => string): void;
  /** A `GET /metrics` handler. */
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

// Operation names come from clients: keep labels bounded and safe.
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The `operation` label of a request: its GraphQL operation name, `anonymous`, or `invalid` for odd names. */
export function operationLabel(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) return 'anonymous';
  return OPERATION_NAME.test(name) ? name : 'invalid';
}

/**
 * Creates the registry of one service (label `service`), with prom-client's default process metrics. Each
 * service owns its registry so that, when several run in one process (`npm start`), each `/metrics` still
 * reports only its own work.
 */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const httpRequestDuration = new Histogram({
    name: 'fm_http_request_duration_seconds',
    help: 'GraphQL HTTP requests by operation name and HTTP status, in seconds',
    labelNames: ['operation', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const extras: (() => string)[] = [];
  const text = async () => [await registry.metrics(), ...extras.map((render) => render())].join('\n');
  return {
    service,
    registry,
    httpRequestDuration,
    observeRequest({ operation, status, seconds }) {
      httpRequestDuration.observe({ operation: operationLabel(operation), status: String(status) }, seconds);
    },
    text,
    addText: (render) => void extras.push(render),
    async handler(_req, res) {
      const body = await text();
      res.statusCode = 200;
      res.setHeader('content-type', registry.contentType);
      res.end(body);
    },
  };
}
