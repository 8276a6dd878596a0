import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import { extractContext, inSpan, SpanKind } from '@fulfillment-mesh/telemetry';
import { envInt } from './env.js';
import { createLogger, type Logger } from './logger.js';
import { DependencyDownError } from './redis.js';

/** Default of `SHUTDOWN_TIMEOUT_MS`: how long a service may take to stop after SIGTERM, 10 seconds. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000; // 10 seconds

/** `SHUTDOWN_TIMEOUT_MS` from the environment (a clear start-up error when it is not a whole number). */
export function shutdownTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return envInt(env, 'SHUTDOWN_TIMEOUT_MS', DEFAULT_SHUTDOWN_TIMEOUT_MS);
}

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
  /** How long close() lets in-flight requests finish; default most of `SHUTDOWN_TIMEOUT_MS` (10 s). */
  drainTimeoutMs?: number;
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
  /** Turns /readyz 503 (`shutting-down`) at once; close() does it too. Requests are still served. */
  drain(): void;
  /**
   * Graceful stop: /readyz 503, stops accepting connections, lets in-flight requests finish (answers on kept-alive
   * connections say `connection: close`), closes what is still open after `drainTimeoutMs`, stops Apollo.
   */
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
  // The drain gets most of the shutdown deadline; the rest is for consumers, the bus and the store.
  const deadline = shutdownTimeoutMs();
  const drainTimeoutMs = options.drainTimeoutMs ?? Math.max(Math.floor(deadline * 0.6), deadline - 3_000);
  let draining = false;
  await apollo.start();

  const timeouts = options.timeouts ?? httpTimeoutsFromEnv();
  // Node checks both deadlines every `connectionsCheckingInterval` (default 30 s): check often enough that a
  // deadline is kept to within a tenth of it (at most every second).
  const shortest = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);
  const checkEveryMs = Math.max(10, Math.min(1_000, Math.floor(shortest / 10)));
  const server = createServer({ connectionsCheckingInterval: checkEveryMs }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed outside GraphQL');
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      else res.end();
    });
  });
  // headersTimeout must not exceed requestTimeout (node would never fire it).
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.headersTimeout = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    // While draining, no connection is kept for another request: the client opens a new one (elsewhere).
    if (draining) res.setHeader('connection', 'close');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok', service: options.name });
    if (url.pathname === '/readyz') {
      if (draining)
        return sendJson(res, 503, { status: 'shutting-down', service: options.name, reason: 'shutting down' });
      try {
        await options.ready();
        return sendJson(res, 200, { status: 'ready', service: options.name });
      } catch (error) {
        const down =
          error instanceof DependencyDownError
            ? { down: [error.dependency] }
            : /redis unavailable/.test(String((error as Error).message))
              ? { down: ['redis'] }
              : {};
        return sendJson(res, 503, {
          status: 'unavailable',
          service: options.name,
          reason: (error as Error).message,
          ...down,
        });
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
            errors: [
              {
                message: `Request body exceeds the limit of ${maxBodyBytes} bytes`,
                extensions: { code: 'PAYLOAD_TOO_LARGE', limit: maxBodyBytes },
              },
            ],
          });
        }
        throw error;
      }
      const type = req.headers['content-type'] ?? '';
      if (type.includes('json')) {
        try {
          body = raw.length === 0 ? undefined : JSON.parse(raw);
        } catch {
          return sendJson(res, 400, {
            errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
          });
        }
      } else {
        body = raw;
      }
    }

    const operation = operationNameOf(body, url);
    if (options.observe) {
      const started = process.hrtime.bigint();
      res.once('finish', () =>
        options.observe?.({
          operation,
          status: res.statusCode,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
        }),
      );
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const requestLogger = logger.child({ requestId });
    // The server span continues the caller's trace (`traceparent`; a malformed one starts a new trace).
    const method = req.method;
    const spanAttributes = {
      'graphql.operation.name': operation,
      'http.request.method': method,
      'fm.service': options.name,
      'fm.request_id': requestId,
    };
    const response = await inSpan(
      `${options.name} ${operation || 'graphql'}`,
      { kind: SpanKind.SERVER, parent: extractContext(req.headers), attributes: spanAttributes },
      () =>
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

  let closing: Promise<void> | undefined;
  return {
    server,
    url,
    port,
    drain() {
      draining = true;
    },
    close() {
      closing ??= (async () => {
        draining = true;
        await new Promise<void>((resolve) => {
          const forced = setTimeout(() => {
            logger.warn(
              { drainTimeoutMs },
              'requests still in flight at the shutdown deadline; closing their connections',
            );
            server.closeAllConnections();
          }, drainTimeoutMs);
          forced.unref();
          server.close(() => {
            clearTimeout(forced);
            resolve();
          });
          server.closeIdleConnections();
        });
        await apollo.stop();
      })();
      return closing;
    },
  };
}

// The name of the first operation definition (a document without `operationName` holds only one operation).
const NAMED_OPERATION = /(?:^|[\s}])(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/;

/**
 * The operation name of a GraphQL request for metrics and spans: `operationName` when sent, else the name in the
 * document (clients often send a named operation without repeating its name), else ''.
 */
export function operationNameOf(body: unknown, url: URL): string {
  const fields =
    typeof body === 'object' && body !== null ? (body as { operationName?: unknown; query?: unknown }) : {};
  const explicit = fields.operationName ?? url.searchParams.get('operationName');
  if (typeof explicit === 'string' && explicit.length > 0) return explicit;
  const query = typeof fields.query === 'string' ? fields.query : url.searchParams.get('query');
  return (query && NAMED_OPERATION.exec(query.slice(0, 4096))?.[1]) || '';
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

/**
 * Resolves when SIGTERM or SIGINT arrives, then runs `stop` once; used by every service entry point. `drain` runs
 * first, synchronously (readiness off at once); the process exits when `stop` is done, or with code 1 once
 * `SHUTDOWN_TIMEOUT_MS` (default 10 s) has passed, whatever is still running.
 */
export function onShutdown(
  logger: Logger,
  stop: () => Promise<void>,
  options: { drain?: () => void; timeoutMs?: number } = {},
): void {
  let stopping = false;
  const timeoutMs = options.timeoutMs ?? shutdownTimeoutMs();
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    options.drain?.();
    logger.info({ signal, timeoutMs }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown did not finish within SHUTDOWN_TIMEOUT_MS; exiting');
      process.exit(1);
    }, timeoutMs).unref();
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

/**
 * Runs a service's `main` as the process entry point: a start-up failure (bad configuration: missing
 * FM_IDENTITY_SECRET, a locked or unwritable DATA_DIR, a malformed REDIS_URL or PORT) is one clear log line and
 * exit code 1 — never a stack trace, never a process left half-started.
 */
export async function runMain(service: string, main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    createLogger({ service }).fatal({ reason: message }, `${service} cannot start: ${message}`);
    process.exit(1);
  }
}
