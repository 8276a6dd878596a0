import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, type Logger, type RouteHandler } from '@fulfillment-mesh/runtime';
import { print, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { TOKEN_HEADER_KEY, TOKEN_QUERY_KEY, createHandler } from 'graphql-sse';
import { authenticateConnection, type Authenticate } from './auth.js';
import { createConnection, createContextRegistry, type SubscriberConnection } from './connection.js';
import type { DocumentCache } from './documents.js';
import type { SubscriptionEngine } from './engine.js';
import type { OperationRequest } from './executor.js';
import { queryAsSent, refusalCodeOf, type ResolveDocument } from './persisted.js';

/** Options of the GraphQL-over-SSE endpoint. */
export interface SseOptions {
  /** Largest accepted request body; default 1 MiB. */
  maxBodyBytes?: number;
}

/** What {@link createSseEndpoint} needs. */
export interface SseDeps<TIdentity> {
  engine: SubscriptionEngine<TIdentity>;
  schema: GraphQLSchema;
  documents: DocumentCache;
  authenticate?: Authenticate<TIdentity> | undefined;
  execute(request: OperationRequest, identity: TIdentity | null): Promise<ExecutionResult>;
  /** Finds each request's document (persisted-only clients); default: the query as sent. */
  resolveDocument?: ResolveDocument<TIdentity> | undefined;
  logger: Logger;
}

/** The SSE endpoint: a route handler for the HTTP host, and a way to end every open stream. */
export interface SseEndpoint {
  handle: RouteHandler;
  close(): Promise<void>;
}

type Context = Record<string, never>;

/**
 * GraphQL over Server-Sent Events in graphql-sse's "distinct connections" mode (its client's default): one
 * request per operation, one stream per subscription; keep-alive comments every 12 seconds come from graphql-sse.
 * The node adapter is ours rather than `graphql-sse/lib/use/http` because graphql-sse buffers results of a stream
 * without bound until they are written; counting what was written lets the engine close a client that does not
 * read instead of growing memory. The "single connection" mode is refused: graphql-ws serves multiplexing.
 */
export function createSseEndpoint<TIdentity>(deps: SseDeps<TIdentity>, options: SseOptions = {}): SseEndpoint {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024; // 1 MiB
  const connections = new WeakMap<IncomingMessage, SubscriberConnection<TIdentity>>();
  const contexts = createContextRegistry<TIdentity>();
  const open = new Set<AsyncGenerator<string, void, undefined>>();
  const resolveDocument = deps.resolveDocument ?? (queryAsSent as ResolveDocument<TIdentity>);
  // One operation per request in distinct-connections mode: the registered hash of its document, when it has one.
  const persisted = new WeakMap<SubscriberConnection<TIdentity>, string>();
  const connectionFor = (args: ExecutionArgs) => {
    const connection = contexts.connectionOf(args.contextValue);
    if (!connection) throw new Error('subscription context lost its connection');
    return connection;
  };

  const handler = createHandler<IncomingMessage, undefined, Context>({
    schema: deps.schema,
    // Validated (cached) by the graphql copy that built the schema (see ws.ts).
    validate: deps.documents.validate,
    context: (req) => {
      const connection = connections.get(req.raw);
      if (!connection) throw new Error('SSE request was not authenticated');
      return contexts.contextOf(connection);
    },
    subscribe: (args) =>
      deps.engine.subscribe({
        document: args.document,
        operationName: args.operationName,
        variableValues: args.variableValues,
        connection: connectionFor(args),
      }),
    execute: (args) => {
      const connection = connectionFor(args);
      const hash = persisted.get(connection);
      const variables = args.variableValues ? { variables: { ...args.variableValues } } : {};
      return deps.execute(
        {
          query: print(args.document),
          operationName: args.operationName,
          ...variables,
          ...(hash ? { persistedHash: hash } : {}),
        },
        connection.identity,
      );
    },
  });

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method === 'PUT' || req.headers[TOKEN_HEADER_KEY] !== undefined || url.searchParams.has(TOKEN_QUERY_KEY)) {
      return sendJson(res, 400, {
        errors: [
          {
            message:
              'The single connection mode of graphql-sse is not served; use distinct connections (the client default) or graphql-ws',
            extensions: { code: 'INVALID_INPUT' },
          },
        ],
      });
    }
    const outcome = await authenticateConnection(deps.authenticate, undefined, req, deps.logger);
    if (!outcome.ok)
      return sendJson(res, outcome.status, {
        errors: [{ message: outcome.message, extensions: { code: outcome.code } }],
      });

    let written = 0;
    const connection: SubscriberConnection<TIdentity> = createConnection<TIdentity>({
      id: randomUUID(),
      transport: 'sse',
      identity: outcome.identity,
      backlog: (): number => connection.yielded - written,
      closeSlow: (reason) => {
        deps.logger.warn({ connection: connection.id, reason }, 'closing a slow subscription consumer');
        res.destroy();
      },
    });
    connections.set(req, connection);
    const request = await resolvedRequest(req, url, connection);
    if ('refused' in request) return sendJson(res, request.status, { errors: [request.refused] });
    const [body, init] = await handler({
      method: req.method ?? 'GET',
      url: request.url,
      headers: { get: (key) => [req.headers[key] ?? []].flat().join('\n') || null },
      body: request.body,
      raw: req,
      context: undefined,
    });
    res.writeHead(init.status, init.statusText, init.headers);
    if (!body || typeof body === 'string') {
      res.end(body ?? undefined);
      return;
    }
    open.add(body);
    deps.engine.connectionOpened(connection);
    res.once('close', () => void body.return(undefined));
    try {
      for await (const message of body) {
        if (!(await write(res, message))) break;
        if (message.startsWith('event: next')) written++;
      }
      res.end();
    } finally {
      open.delete(body);
      deps.engine.connectionClosed(connection);
    }
  }

  /**
   * The request graphql-sse gets: its document resolved for the caller first (the same rule as HTTP: a partner's
   * raw document is PERSISTED_QUERY_REQUIRED), so `documentId` works in the POST body and the GET query string and
   * graphql-sse always sees a `query`. Bodies that are not JSON objects pass through for graphql-sse to refuse.
   */
  async function resolvedRequest(req: IncomingMessage, url: URL, connection: SubscriberConnection<TIdentity>) {
    const isPost = req.method === 'POST' && (req.headers['content-type'] ?? '').includes('application/json');
    let fields: Record<string, unknown> | null = null;
    let raw: string | null = null;
    if (isPost) {
      raw = await readBody(req, maxBodyBytes);
      try {
        const parsed: unknown = JSON.parse(raw);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
      } catch {
        // graphql-sse answers unparsable bodies itself
      }
    } else if (req.method === 'GET') {
      const extensions = url.searchParams.get('extensions');
      let parsedExtensions: unknown;
      try {
        parsedExtensions = extensions ? JSON.parse(extensions) : undefined;
      } catch {
        parsedExtensions = undefined;
      }
      fields = {
        query: url.searchParams.get('query') ?? undefined,
        documentId: url.searchParams.get('documentId') ?? undefined,
        extensions: parsedExtensions,
      };
    }
    const passThrough = { url: req.url ?? '/', body: raw };
    if (!fields) return passThrough;
    try {
      const resolved = await resolveDocument(connection.identity, {
        query: fields.query,
        documentId: fields.documentId,
        extensions: fields.extensions,
      });
      if (resolved.hash) persisted.set(connection, resolved.hash);
      if (isPost) {
        const { documentId: _resolved, ...rest } = fields;
        return { url: req.url ?? '/', body: JSON.stringify({ ...rest, query: resolved.query }) };
      }
      const search = new URLSearchParams(url.searchParams);
      search.delete('documentId');
      search.set('query', resolved.query);
      return { url: `${url.pathname}?${search.toString()}`, body: null };
    } catch (error) {
      const code = refusalCodeOf(error);
      if (!code) deps.logger.error({ err: error }, 'resolving an SSE document failed');
      const refused = {
        message: code ? (error as Error).message : 'Internal server error',
        extensions: { code: code ?? 'INTERNAL_SERVER_ERROR' },
      };
      return { refused, status: code ? 400 : 500 };
    }
  }

  return {
    handle,
    async close() {
      await Promise.all([...open].map((body) => body.return(undefined)));
    },
  };
}

// Resolves once the chunk reached the socket (false when the client is gone), so one stream holds one chunk in flight.
function write(res: ServerResponse, chunk: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!res.writable) return resolve(false);
    res.write(chunk, (error) => resolve(!error));
  });
}
