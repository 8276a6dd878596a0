import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import { extractContext, inSpan, SpanKind } from '@fulfillment-mesh/telemetry';
import { envInt } from './env.js';
import type { Logger } from './logger.js';

/** What a handler of an extra route receives: the raw request and response plus the parsed URL. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/** Options for {@link createHttpService}. */
export interface HttpServiceOptions<TContext extends BaseContext> {
  /** Service name, reported by /healthz. */
  name: string;
  apollo: ApolloServer<TContext>;
  logger: Logger;
  /** Builds the GraphQL context for one request; receives the request id the service assigned. */
  context: (input: { req: IncomingMessage; requestId: string; logger: Logger }) => Promise<TContext>;
  /** Readiness probe: resolves when dependencies (store, subgraphs) answer; rejections make /readyz 503. */
  ready: () => Promise<void>;
  /** Largest accepted request body; default 1 MiB. Larger bodies get 413 without being buffered. */
  maxBodyBytes?: number;
  /** GraphQL endpoint path; default `/graphql`. */
  path?: string;
  /** Extra routes by exact path (webhooks, metrics), checked before GraphQL. */
  routes?: Record<string, RouteHandler>;
  /** Called before a request reaches GraphQL; may answer by itself (returns true when it did). */
  intercept?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;
  /** Told about every finished GraphQL request (metrics): operation name, HTTP status and duration. */
  observe?: (sample: { operation: string; status: number; seconds: number }) => void;
  /** Header and whole-request deadlines; default {@link httpTimeoutsFromEnv} of `process.env`. */
  timeouts?: HttpTimeouts;
}

/**
 * How long a client may take to send a request: `headersTimeout` for the headers, `requestTimeout` for headers
 * and body together (a slow-loris upload is cut off with 408 and the connection closed). Responses (SSE,
 * graphql-ws) are not bounded by these.
 */
export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/** `HTTP_HEADERS_TIMEOUT_MS` and `HTTP_REQUEST_TIMEOUT_MS`, both default 15_000 // 15 seconds. */
export function httpTimeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpTimeouts {
  const headersTimeoutMs = envInt(env, 'HTTP_HEADERS_TIMEOUT_MS', 15_000); // 15 seconds
  const requestTimeoutMs = envInt(env, 'HTTP_REQUEST_TIMEOUT_MS', 15_000); // 15 seconds
  if (headersTimeoutMs <= 0 || requestTimeoutMs <= 0) {
    throw new Error('HTTP_HEADERS_TIMEOUT_MS and HTTP_REQUEST_TIMEOUT_MS must be positive (milliseconds)');
  }
  return { headersTimeoutMs, requestTimeoutMs };
}

/** A started HTTP service. */
export interface HttpService {
  server: Server;
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (bounded), stops Apollo. */
  close(): Promise<void>;
}

/** Thrown while reading a body that is larger than allowed. */
class BodyTooLargeError extends Error {}

/**
 * Hosts an Apollo Server on node:http with the routes every service needs: /healthz (process alive), /readyz
 * (dependencies answer), GraphQL over HTTP with a bounded body, and a request id (`x-request-id`, taken from
 * the caller or created) on every response and log line.
 */
export async function createHttpService<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
  listen: { port: number; host?: string },
): Promise<HttpService> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024; // 1 MiB
  const path = options.path ?? '/graphql';
  const { apollo, logger } = options;
  await apollo.start();

  const timeouts = options.timeouts ?? httpTimeoutsFromEnv();
  // Node checks both deadlines every `connectionsCheckingInterval` (default 30 s): check often enough that a
  // deadline is kept to within a tenth of it (at most every second).
  const shortest = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);
  const checkEveryMs = Math.max(10, Math.min(1_000, Math.floor(shortest / 10)));
  const server = createServer({ connectionsCheckingInterval: checkEveryMs }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed outside GraphQL');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
  // headersTimeout must not exceed requestTimeout (node would never fire it).
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.headersTimeout = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok', service: options.name });
    if (url.pathname === '/readyz') {
      try {
        await options.ready();
        return sendJson(res, 200, { status: 'ready', service: options.name });
      } catch (error) {
        return sendJson(res, 503, { status: 'unavailable', service: options.name, reason: (error as Error).message });
      }
    }
    const route = options.routes?.[url.pathname];
    if (route) return route(req, res, url);
    if (options.intercept && (await options.intercept(req, res, url))) return;
    if (url.pathname !== path) return sendJson(res, 404, { error: `No route for ${url.pathname}` });
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return sendJson(res, 405, { errors: [{ message: `Method ${req.method} is not allowed; use GET or POST` }] });
    }

    let body: unknown;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          res.setHeader('connection', 'close');
          return sendJson(res, 413, {
            errors: [{ message: `Request body exceeds the limit of ${maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: maxBodyBytes } }],
          });
        }
        throw error;
      }
      const type = req.headers['content-type'] ?? '';
      if (type.includes('json')) {
        try {
          body = raw.length === 0 ? undefined : JSON.parse(raw);
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else {
        body = raw;
      }
    }

    const operation = String((body as { operationName?: unknown } | undefined)?.operationName ?? url.searchParams.get('operationName') ?? '');
    if (options.observe) {
      const started = process.hrtime.bigint();
      res.once('finish', () => options.observe?.({ operation, status: res.statusCode, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const requestLogger = logger.child({ requestId });
    // The server span continues the caller's trace (`traceparent`; a malformed one starts a new trace).
    const method = req.method;
    const spanAttributes = { 'graphql.operation.name': operation, 'http.request.method': method, 'fm.service': options.name, 'fm.request_id': requestId };
    const response = await inSpan(`${options.name} ${operation || 'graphql'}`, { kind: SpanKind.SERVER, parent: extractContext(req.headers), attributes: spanAttributes }, () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search: url.search, body },
        context: (() => options.context({ req, requestId, logger: requestLogger })) as ContextFunction<[], TContext>,
      }),
    );
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = listen.host && listen.host !== '0.0.0.0' && listen.host !== '::' ? listen.host : '127.0.0.1';
  const url = `http://${host}:${port}${path}`;
  logger.info({ url }, `${options.name} listening`);

  return {
    server,
    url,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref(); // in-flight requests get 5 seconds
      });
      await apollo.stop();
    },
  };
}

/** Reads a request body as UTF-8, failing fast (without buffering the rest) once it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/** First value of a request header, or undefined. */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Resolves when SIGTERM or SIGINT arrives, then runs `stop` once; used by every service entry point. */
export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => handler('SIGTERM'));
  process.once('SIGINT', () => handler('SIGINT'));
}
