import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@fulfillment-mesh/runtime';
import { GraphQLError, print, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticateConnection, closeReason, type Authenticate } from './auth.js';
import {
  SLOW_CONSUMER_CLOSE_CODE,
  createConnection,
  createContextRegistry,
  type SubscriberConnection,
} from './connection.js';
import type { DocumentCache } from './documents.js';
import type { SubscriptionEngine } from './engine.js';
import type { OperationRequest } from './executor.js';
import { documentIdOf, queryAsSent, refusalCodeOf, type ResolveDocument } from './persisted.js';

// A valid document that touches nothing, run in place of a refused operation so the refusal reaches the client.
const PLACEHOLDER = '{ __typename }';

/** Options of the graphql-ws endpoint. */
export interface WebSocketOptions {
  /** Upgrade path; default `/graphql` (the same path as queries, as graphql-ws clients expect). */
  path?: string;
  /** Interval of WebSocket pings; a client that misses one pong is dropped; default 12_000 // 12 seconds. */
  keepAliveMs?: number;
  /** How long a client may take to send `connection_init` (else 4408); default 3_000 // 3 seconds. */
  connectionInitWaitTimeoutMs?: number;
  /** Largest accepted client message; default 1 MiB. */
  maxPayloadBytes?: number;
  /** After closing a slow consumer, how long its close handshake may take before the socket is destroyed; default 5_000 // 5 seconds. */
  slowCloseGraceMs?: number;
  /**
   * Bytes a socket may hold unsent (`bufferedAmount`: the client stopped reading and the kernel buffers are full)
   * before the connection is closed as a slow consumer with 1013 and a reason; default 4 MiB.
   */
  maxBufferedBytes?: number;
}

/** What {@link attachWebSocket} needs. */
export interface WebSocketDeps<TIdentity> {
  engine: SubscriptionEngine<TIdentity>;
  schema: GraphQLSchema;
  documents: DocumentCache;
  authenticate?: Authenticate<TIdentity> | undefined;
  /** Runs queries and mutations sent over the socket through the public gateway. */
  execute(request: OperationRequest, identity: TIdentity | null): Promise<ExecutionResult>;
  /** Finds each operation's document (persisted-only clients); default: the query as sent. */
  resolveDocument?: ResolveDocument<TIdentity> | undefined;
  logger: Logger;
}

/** The graphql-ws endpoint attached to an HTTP server. */
export interface WebSocketEndpoint {
  /** Closes every socket (1001 Going Away) and detaches from the server. */
  close(): Promise<void>;
}

/**
 * Serves the graphql-transport-ws protocol on the HTTP server's `upgrade` event (same port as queries). Protocol
 * violations are closed by graphql-ws with its codes (4400, 4401, 4406, 4408, 4409, 4429); authentication refusals
 * close with 4401 / 4403; slow consumers with 1013.
 */
export function attachWebSocket<TIdentity>(
  server: Server,
  deps: WebSocketDeps<TIdentity>,
  options: WebSocketOptions = {},
): WebSocketEndpoint {
  const path = options.path ?? '/graphql';
  const slowCloseGraceMs = options.slowCloseGraceMs ?? 5_000; // 5 seconds
  const maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024; // 4 MiB
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 1024 * 1024 }); // 1 MiB
  const connections = new WeakMap<WebSocket, SubscriberConnection<TIdentity>>();
  const contexts = createContextRegistry<TIdentity>();
  const resolveDocument = deps.resolveDocument ?? (queryAsSent as ResolveDocument<TIdentity>);
  // Operations whose document came from the caller's manifest, by their execution args (graphql-ws passes the
  // object onSubscribe returned on to execute), so queries are sent on by hash, never as a raw document.
  const persisted = new WeakMap<object, string>();
  const refusals = new WeakMap<object, readonly GraphQLError[]>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  const executionConnection = (args: ExecutionArgs) => {
    const connection = contexts.connectionOf(args.contextValue);
    if (!connection) throw new Error('subscription context lost its connection');
    return connection;
  };

  const disposable = useServer(
    {
      schema: deps.schema,
      // Cached, and from our copy of graphql: under tooling that loads graphql twice (ESM for us, CommonJS for
      // node_modules) the schema must meet the copy that built it; in plain Node both are the same module anyway.
      parse: deps.documents.parse,
      validate: deps.documents.validate,
      connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 3_000, // 3 seconds
      // Unexpected internal errors must not leak into close reasons.
      isProd: true,
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        const outcome = await authenticateConnection(
          deps.authenticate,
          ctx.connectionParams,
          ctx.extra.request,
          deps.logger,
        );
        if (!outcome.ok) {
          // Closed here so the client learns 4401 vs 4403; graphql-ws's own 4403 that follows is a no-op.
          socket.close(outcome.closeCode, closeReason(outcome.message));
          return false;
        }
        const connection = createConnection<TIdentity>({
          id: randomUUID(),
          transport: 'ws',
          identity: outcome.identity,
          unsentBytes: () => socket.bufferedAmount,
          maxUnsentBytes: maxBufferedBytes,
          closeSlow: (reason) => {
            deps.logger.warn({ connection: connection.id, reason }, 'closing a slow subscription consumer');
            socket.close(SLOW_CONSUMER_CLOSE_CODE, closeReason(reason));
            setTimeout(() => socket.terminate(), slowCloseGraceMs).unref();
          },
        });
        connections.set(socket, connection);
        deps.engine.connectionOpened(connection);
        return true;
      },
      context: (ctx) => {
        const connection = connections.get(ctx.extra.socket);
        if (!connection) throw new Error('subscribe before the connection was authenticated');
        return contexts.contextOf(connection);
      },
      // Every operation's document is resolved for the connection's identity first: a partner's raw document is
      // refused (PERSISTED_QUERY_REQUIRED) and a registered one is found by `documentId` / persistedQuery hash.
      // Refusals run as a placeholder whose result carries the errors (a `next` with errors, then `complete`):
      // onSubscribe's own error return is checked with instanceof against graphql-ws's copy of graphql.
      onSubscribe: async (ctx, _id, payload) => {
        const connection = connections.get(ctx.extra.socket);
        if (!connection) throw new Error('subscribe before the connection was authenticated');
        const refuse = (errors: readonly GraphQLError[]) => {
          const args = {
            schema: deps.schema,
            document: deps.documents.parse(PLACEHOLDER),
            contextValue: contexts.contextOf(connection),
          };
          refusals.set(args, errors);
          return args;
        };
        let resolved;
        try {
          const documentId = documentIdOf(payload as { documentId?: unknown; extensions?: unknown });
          resolved = await resolveDocument(connection.identity, {
            query: payload.query,
            documentId,
            extensions: payload.extensions,
          });
        } catch (error) {
          const code = refusalCodeOf(error);
          if (!code) deps.logger.error({ err: error }, 'resolving a subscription document failed');
          return refuse([
            new GraphQLError(code ? (error as Error).message : 'Internal server error', {
              extensions: { code: code ?? 'INTERNAL_SERVER_ERROR' },
            }),
          ]);
        }
        if (!resolved.hash) return undefined; // the query as sent: graphql-ws parses and validates it as usual
        const document = deps.documents.parse(resolved.query);
        const errors = deps.documents.validate(deps.schema, document);
        if (errors.length > 0) return refuse(errors);
        const args = {
          schema: deps.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: contexts.contextOf(connection),
        };
        persisted.set(args, resolved.hash);
        return args;
      },
      subscribe: (args) => {
        const refused = refusals.get(args);
        if (refused) return { errors: [...refused] };
        return deps.engine.subscribe({
          document: args.document,
          operationName: args.operationName,
          variableValues: args.variableValues,
          connection: executionConnection(args),
        });
      },
      execute: (args) => {
        const refused = refusals.get(args);
        if (refused) return { errors: [...refused] };
        const hash = persisted.get(args);
        const variables = args.variableValues ? { variables: { ...args.variableValues } } : {};
        const request = {
          query: print(args.document),
          operationName: args.operationName,
          ...variables,
          ...(hash ? { persistedHash: hash } : {}),
        };
        return deps.execute(request, executionConnection(args).identity);
      },
      onClose: (ctx) => {
        const connection = connections.get(ctx.extra.socket);
        if (!connection) return;
        connections.delete(ctx.extra.socket);
        deps.engine.connectionClosed(connection);
      },
    },
    wss,
    options.keepAliveMs ?? 12_000, // 12 seconds
  );

  return {
    async close() {
      server.off('upgrade', onUpgrade);
      const sockets = [...wss.clients];
      const closed = Promise.all(
        sockets.map(
          (s) =>
            new Promise<void>((resolve) => (s.readyState === s.CLOSED ? resolve() : s.once('close', () => resolve()))),
        ),
      );
      const forced = setTimeout(() => sockets.forEach((s) => s.terminate()), 2_000); // clients get 2 seconds to answer the close
      await disposable.dispose();
      await closed;
      clearTimeout(forced);
    },
  };
}
