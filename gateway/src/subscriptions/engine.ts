import type { EventBus, EventEnvelope, StreamPosition } from '@fulfillment-mesh/events';
import type { Logger } from '@fulfillment-mesh/runtime';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { closeSlowConsumer, type SubscriberConnection } from './connection.js';
import { admitSubscription, type AuthorizeSubscription } from './admission.js';
import type { OperationRequest } from './executor.js';
import { compileFields, type FieldRuntime } from './fields.js';
import type { CustomFilter, TenantOf } from './filters.js';
import { createHydrator, type Hydrated, type HydrationGroup } from './hydrator.js';
import type { SubscriptionManifest } from './manifest.js';
import { createCounters, type SubscriptionMetrics } from './metrics.js';
import { createFieldRegistry, type FieldRegistry } from './registry.js';
import { replayHistory } from './replay.js';
import { createSubscriber, type Subscriber } from './subscriber.js';
import { createSharedTail, type TailObserver } from './tail.js';
import { stableStringify } from './util.js';

/** Limits of the engine; every one bounds memory or work per client. */
export interface EngineLimits {
  /** Results queued per connection before it is closed as a slow consumer; default 1_000 results. */
  maxQueuedPerConnection?: number;
  /** Subscriptions one connection may hold; default 100. */
  maxSubscriptionsPerConnection?: number;
  /** Live events buffered per subscriber while it replays history; default 10_000 events. */
  maxReplayBuffer?: number;
  /** Entries per history read when resuming; default 100. */
  replayPageSize?: number;
  /** Hydration queries running at once before the tail waits (backpressure onto the stream); default 64. */
  maxInFlightHydrations?: number;
  /** Extra attempts of a hydration that failed with UNAVAILABLE; default 2, the n-th after n * 200 ms. */
  hydrationRetries?: number;
  /** Wait before re-opening a failed event tail; default 1_000 // 1 second. */
  tailRestartDelayMs?: number;
}

/** What {@link createSubscriptionEngine} needs. */
export interface EngineDeps<TIdentity> extends EngineLimits {
  bus: EventBus;
  manifest: SubscriptionManifest;
  /** The public API schema (subscription arguments are coerced against it). */
  schema: GraphQLSchema;
  /** Input type of each field's hydration argument, by subscription field. */
  inputTypes: ReadonlyMap<string, string>;
  /** Custom filters the manifest names. */
  filters: Readonly<Record<string, CustomFilter<TIdentity>>>;
  /** The tenant a subscriber is confined to on fields with an `owner` (partners); default: nobody is confined. */
  tenantOf?: TenantOf<TIdentity> | undefined;
  /** Runs a hydration query in process for `identity`. */
  execute(request: OperationRequest, identity: TIdentity | null): Promise<ExecutionResult>;
  /** Identities with the same key see the same data: they share hydrations. */
  authorizationKey(identity: TIdentity | null): string;
  /** Optional subscribe-time check (events are authorized at hydration regardless). */
  authorize?: AuthorizeSubscription<TIdentity> | undefined;
  /** Another reader of the tail (the gateway's entity cache); its streams are tailed too. */
  tailObserver?: TailObserver | undefined;
  logger: Logger;
}

/** One subscribe call from a transport. */
export interface SubscribeRequest<TIdentity> {
  document: DocumentNode;
  operationName?: string | null | undefined;
  variableValues?: Readonly<Record<string, unknown>> | null | undefined;
  connection: SubscriberConnection<TIdentity>;
}

/** The transport-independent core: subscriptions in, hydrated results out. */
export interface SubscriptionEngine<TIdentity> {
  /** Starts the shared tail; resolves once it is positioned. */
  start(): Promise<void>;
  /** Stops the tail and ends every subscription. */
  stop(): Promise<void>;
  /** A result stream for the subscription, or errors when it cannot be served. */
  subscribe(
    request: SubscribeRequest<TIdentity>,
  ): Promise<AsyncGenerator<ExecutionResult, undefined, undefined> | ExecutionResult>;
  /** Counts a connection opened or closed (for metrics). */
  connectionOpened(connection: SubscriberConnection<TIdentity>): void;
  connectionClosed(connection: SubscriberConnection<TIdentity>): void;
  ready(): boolean;
  metrics(): SubscriptionMetrics;
}

/** Creates the subscription engine of one gateway process. */
export function createSubscriptionEngine<TIdentity>(deps: EngineDeps<TIdentity>): SubscriptionEngine<TIdentity> {
  const limits = {
    maxQueued: deps.maxQueuedPerConnection ?? 1_000, // results
    maxSubscriptions: deps.maxSubscriptionsPerConnection ?? 100,
    maxReplayBuffer: deps.maxReplayBuffer ?? 10_000, // events
    pageSize: deps.replayPageSize ?? 100, // entries
  };
  const counters = createCounters();
  const connections = { ws: 0, sse: 0 };
  const fields = compileFields(deps.manifest, deps.filters, deps.tenantOf);
  const byStream = new Map<string, FieldRuntime<TIdentity>[]>();
  const subscribers = new Map<string, FieldRegistry<TIdentity>>();
  for (const field of fields.values()) {
    byStream.set(field.spec.stream, [...(byStream.get(field.spec.stream) ?? []), field]);
    subscribers.set(field.name, createFieldRegistry(field.spec));
  }
  const hydrator = createHydrator<TIdentity>({
    execute: deps.execute,
    counters,
    logger: deps.logger,
    ...(deps.maxInFlightHydrations ? { maxInFlight: deps.maxInFlightHydrations } : {}),
    ...(deps.hydrationRetries !== undefined ? { retries: deps.hydrationRetries } : {}),
  });
  const tail = createSharedTail({
    bus: deps.bus,
    streams: [...new Set([...byStream.keys(), ...(deps.tailObserver?.streams ?? [])])],
    handler: fanOut,
    observer: deps.tailObserver,
    counters,
    logger: deps.logger,
    ...(deps.tailRestartDelayMs ? { restartDelayMs: deps.tailRestartDelayMs } : {}),
  });

  // Filters run first; each matching group is hydrated once for the event and every member gets that one promise.
  async function fanOut(event: EventEnvelope, { stream, entryId }: StreamPosition) {
    await hydrator.belowLimit();
    for (const field of byStream.get(stream) ?? []) {
      if (!field.types.has(event.type)) continue;
      const registry = subscribers.get(field.name);
      if (!registry || registry.size === 0) continue;
      let root: Record<string, unknown> | undefined;
      const results = new Map<HydrationGroup<TIdentity>, Promise<Hydrated>>();
      for (const candidates of registry.candidates(event)) {
        for (const subscriber of candidates) {
          if (!matches(subscriber, event)) continue;
          if (subscriber.mode === 'replaying') {
            const reason = `Slow consumer: more than ${limits.maxReplayBuffer} live events arrived while replaying history`;
            if (subscriber.buffer.length >= limits.maxReplayBuffer)
              closeSlowConsumer(subscriber.connection, counters, reason);
            else subscriber.buffer.push({ entryId, event });
            continue;
          }
          root ??= field.rootOf(event, entryId);
          let result = results.get(subscriber.group);
          if (!result) {
            result = hydrator.hydrate(subscriber.group, entryId, root);
            results.set(subscriber.group, result);
          }
          subscriber.enqueue(entryId, result);
        }
      }
    }
  }

  function matches(subscriber: Subscriber<TIdentity>, event: EventEnvelope): boolean {
    try {
      return subscriber.matches(event);
    } catch (error) {
      deps.logger.error(
        { err: error, field: subscriber.fieldName, eventId: event.id },
        'a subscription filter threw; event not delivered',
      );
      return false;
    }
  }

  return {
    start: () => tail.start(),
    async stop() {
      await tail.stop();
      for (const registry of subscribers.values())
        for (const subscriber of registry.all()) await subscriber.iterator.return(undefined);
    },
    async subscribe({ document, operationName, variableValues, connection }) {
      const admitted = await admitSubscription(deps, {
        document,
        operationName,
        variableValues,
        identity: connection.identity,
      });
      if (Array.isArray(admitted)) return { errors: admitted };
      const { prepared, after } = admitted;
      if (connection.subscriptions >= limits.maxSubscriptions) {
        return {
          errors: [
            new GraphQLError(
              `Too many subscriptions on one connection (limit ${limits.maxSubscriptions}); open another connection`,
              { extensions: { code: 'INVALID_INPUT' } },
            ),
          ],
        };
      }
      const field = fields.get(prepared.fieldName)!;
      const key = [
        prepared.fieldName,
        prepared.query,
        stableStringify(prepared.variables),
        deps.authorizationKey(connection.identity),
      ].join('\u0000');
      const { query, variables, eventVariable, responseKey } = prepared;
      const group = hydrator.acquire(key, {
        query,
        variables,
        eventVariable,
        responseKey,
        identity: connection.identity,
      });
      const registry = subscribers.get(field.name)!;
      const subscriber = createSubscriber<TIdentity>({
        fieldName: field.name,
        matches: field.matcherFor(prepared.args, connection.identity),
        group,
        connection,
        mode: after ? 'replaying' : 'live',
        maxQueued: limits.maxQueued,
        counters,
        onClose: () => {
          registry.delete(subscriber);
          hydrator.release(group);
          connection.subscriptions--;
        },
      });
      registry.add(subscriber, prepared.args);
      connection.subscriptions++;
      if (after)
        void replayHistory(
          { bus: deps.bus, hydrator, counters, logger: deps.logger, pageSize: limits.pageSize },
          subscriber,
          field,
          after,
        );
      return subscriber.iterator;
    },
    connectionOpened: (connection) => void connections[connection.transport]++,
    connectionClosed: (connection) => void connections[connection.transport]--,
    ready: () => tail.ready(),
    metrics() {
      const byField: Record<string, number> = {};
      let total = 0;
      for (const [name, registry] of subscribers) {
        byField[name] = registry.size;
        total += registry.size;
      }
      return {
        connections: { ...connections },
        subscriptions: { total, byField },
        hydrationGroups: hydrator.groupCount(),
        counters: { ...counters },
        tail: { ready: tail.ready(), positions: tail.positions() },
      };
    },
  };
}
