/** Which protocol a client subscribed over. */
export type Transport = 'ws' | 'sse';

/** The engine's view of one client connection (a WebSocket, or one SSE response), shared by its subscriptions. */
export interface SubscriberConnection<TIdentity> {
  readonly id: string;
  readonly transport: Transport;
  /** Who authenticated on connect; null for anonymous connections. */
  readonly identity: TIdentity | null;
  /** Results queued in the engine for this connection, over all its subscriptions. */
  queued: number;
  /** Results handed to the transport so far (the SSE adapter counts what it wrote against this). */
  yielded: number;
  /** Active subscriptions on this connection. */
  subscriptions: number;
  /** Set once the connection was closed as a slow consumer; nothing more is queued. */
  overflowed: boolean;
  /** Results the transport accepted but has not written yet (0 for transports that write before asking for more). */
  backlog(): number;
  /** Bytes written to the socket that the client has not taken yet (WebSocket `bufferedAmount`; 0 for SSE). */
  unsentBytes(): number;
  /** Above this many {@link unsentBytes} the connection is closed as a slow consumer; Infinity for none. */
  readonly maxUnsentBytes: number;
  /** Closes the connection because the client does not keep up (WebSocket close code 1013 / SSE response ended). */
  closeSlow(reason: string): void;
}

/** What a transport supplies to create a {@link SubscriberConnection}. */
export interface ConnectionInit<TIdentity> {
  id: string;
  transport: Transport;
  identity: TIdentity | null;
  backlog?: () => number;
  unsentBytes?: () => number;
  maxUnsentBytes?: number;
  closeSlow: (reason: string) => void;
}

/** Creates the engine-side state of a connection. */
export function createConnection<TIdentity>(init: ConnectionInit<TIdentity>): SubscriberConnection<TIdentity> {
  return {
    id: init.id,
    transport: init.transport,
    identity: init.identity,
    queued: 0,
    yielded: 0,
    subscriptions: 0,
    overflowed: false,
    backlog: init.backlog ?? (() => 0),
    unsentBytes: init.unsentBytes ?? (() => 0),
    maxUnsentBytes: init.maxUnsentBytes ?? Infinity,
    closeSlow: init.closeSlow,
  };
}

/** Closes a connection as a slow consumer, once, and counts it. */
export function closeSlowConsumer(
  connection: SubscriberConnection<unknown>,
  counters: { slowConsumersClosed: number },
  reason: string,
): void {
  if (connection.overflowed) return;
  connection.overflowed = true;
  counters.slowConsumersClosed++;
  connection.closeSlow(reason);
}

/** The close code for a slow consumer: 1013 "Try Again Later" tells clients to back off and resume (4429 is graphql-ws's "too many init requests"). */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;

/** Maps the opaque GraphQL context values a transport creates back to their connections. */
export interface ContextRegistry<TIdentity> {
  /** A context value for one operation of `connection` (opaque: the engine gets the connection back through it). */
  contextOf(connection: SubscriberConnection<TIdentity>): Record<string, never>;
  /** The connection behind a context made by {@link contextOf}; undefined for anything else. */
  connectionOf(contextValue: unknown): SubscriberConnection<TIdentity> | undefined;
}

/** Creates a transport's context registry (weakly held: contexts die with their operations). */
export function createContextRegistry<TIdentity>(): ContextRegistry<TIdentity> {
  const connections = new WeakMap<object, SubscriberConnection<TIdentity>>();
  return {
    contextOf(connection) {
      const context = Object.freeze({});
      connections.set(context, connection);
      return context;
    },
    connectionOf: (contextValue) =>
      typeof contextValue === 'object' && contextValue !== null ? connections.get(contextValue) : undefined,
  };
}
