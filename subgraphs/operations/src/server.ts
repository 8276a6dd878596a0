import { hostname } from 'node:os';
import {
  createDomainEvents,
  createOperationsResolvers,
  requirePermission,
  type Consumer,
  type EventBus,
  type EventRegistry,
} from '@fulfillment-mesh/events';
import {
  loadSchema,
  type Collection,
  type Doc,
  type Logger,
  type Store,
  type SubgraphDefinition,
} from '@fulfillment-mesh/runtime';
import type { Context } from './context.js';
import { createExceptionService, type ExceptionService } from './exceptions/service.js';
import { createLoaders } from './loaders.js';
import { createOperationsMetrics } from './metrics.js';
import { startAlerts, type AlertOptions, type Alerts } from './alerts/webhook.js';
import { createAdapterHealthView } from './monitor/adapters.js';
import { createSweeper, type Sweeper } from './monitor/sweeper.js';
import { catalogRegistry, inventoryRegistry, ordersRegistry, shipmentsRegistry } from './raisers/consumed-events.js';
import { createRaiserHandler } from './raisers/handlers.js';
import type { PlacedOrderDoc, SlaOptions, WatchDoc } from './raisers/watches.js';
import { exceptionResolvers, usageResolvers } from './resolvers.js';
import type { UsageStore } from '@fulfillment-mesh/access';
import { openOperationsStore, type OperationsCollections } from './store.js';

/** What this subgraph publishes and reads (the contract tests and docs/events.md are built from it). */
export { contracts as eventContracts } from './raisers/consumed-events.js';

/** What the operations subgraph is built from: the event backbone it reports on and its own store (exceptions). */
export interface OperationsDeps {
  bus: EventBus;
  logger: Logger;
  store: Store;
  /** Clock (tests); default the system clock. */
  now?: () => Date;
  options?: OperationsOptions;
}

/** How exceptions are raised and alerted. */
export interface OperationsOptions {
  /** Ship-by SLAs per channel and the PENDING_VALIDATION limit. */
  sla?: SlaOptions;
  /** Between sweeps; default 5_000 // 5 seconds. */
  sweepIntervalMs?: number;
  /** Signed alert webhooks; absent: no alerts are sent. */
  alerts?: AlertOptions;
  /** Consumer name within the groups; default `<hostname>-<pid>`. */
  consumerName?: string;
  /** Where the gateways record usage (schemaUsage, clientUsage); absent: those queries answer UNAVAILABLE. */
  usage?: UsageStore;
}

/** The built subgraph plus its services (tests and the composition root raise and inspect exceptions directly). */
export interface OperationsSubgraph extends SubgraphDefinition<Context> {
  exceptions: ExceptionService;
  collections: OperationsCollections;
  /** The periodic checks (tests run a pass with `sweeper.sweep()`). */
  sweeper: Sweeper;
}

/** The domain streams exceptions are raised from, with the event types read from each. */
const RAISED_FROM: ReadonlyArray<{ stream: string; registry: EventRegistry }> = [
  { stream: 'orders', registry: ordersRegistry },
  { stream: 'shipments', registry: shipmentsRegistry },
  { stream: 'inventory', registry: inventoryRegistry },
  { stream: 'catalog', registry: catalogRegistry },
];

/**
 * Builds the operations subgraph: the event-backbone surface (`integrationHealth`, `deadLetters`, replays), per-
 * adapter health and exceptions as work items. The schema's `@requiresScopes` is enforced by the subgraph guard;
 * the resolvers check the scopes again so the surface stays closed even when served without a guard.
 */
export async function createOperationsSubgraph(deps: OperationsDeps): Promise<OperationsSubgraph> {
  const now = deps.now ?? (() => new Date());
  const collections = await openOperationsStore(deps.store);
  const exceptions = createExceptionService({ exceptions: collections.exceptions, now });
  const adapters = createAdapterHealthView(collections.adapterStates, collections.inboundAdapters, now);
  const options = deps.options ?? {};
  const consumerName = options.consumerName ?? `${hostname()}-${process.pid}`;
  const watches = {
    watches: deps.store.collection<WatchDoc>('watches'),
    placedOrders: deps.store.collection<PlacedOrderDoc>('placedOrders'),
  };
  await watches.watches.createIndex({ fields: { dueAt: 1 } });
  const metrics = createOperationsMetrics({
    bus: deps.bus,
    exceptions,
    inboundAdapters: collections.inboundAdapters,
    now,
  });
  const raise = createRaiserHandler({
    ...watches,
    exceptions,
    sla: options.sla ?? {},
    metrics,
    inboundAdapters: collections.inboundAdapters,
  });
  const sweeper = createSweeper({
    ...watches,
    bus: deps.bus,
    exceptions,
    adapterStates: collections.adapterStates,
    logger: deps.logger,
    now,
    ...(options.sweepIntervalMs ? { intervalMs: options.sweepIntervalMs } : {}),
  });
  let consumers: Consumer[] = [];
  let alerts: Alerts | undefined;
  const events = createDomainEvents({
    subgraph: 'operations',
    bus: deps.bus,
    outbox: [collections.exceptions as unknown as Collection<Doc>],
    logger: deps.logger,
  });
  const backbone = createOperationsResolvers<Context>({
    bus: deps.bus,
    authorize: requirePermission((ctx: Context) => ctx.client?.scopes, 'operations:read'),
  });
  const resolvers = {
    ...exceptionResolvers,
    Query: { ...backbone.Query, ...exceptionResolvers.Query, ...usageResolvers(options.usage, now) },
    Mutation: { ...backbone.Mutation, ...exceptionResolvers.Mutation },
  };
  return {
    name: 'operations',
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as unknown as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    metrics: metrics.service,
    createContext: ({ requestId, logger }) => ({
      requestId,
      logger,
      exceptions,
      collections,
      adapters,
      loaders: createLoaders(collections),
      now,
    }),
    ready: async () => {
      await Promise.all([deps.store.ping(), deps.bus.health()]);
    },
    async start() {
      await events.start();
      for (const { stream, registry } of RAISED_FROM) {
        // Only the exact types read here: new event types on a domain stream are skipped, never dead-lettered.
        const follows = (type: string) => registry.get(type) !== undefined;
        consumers.push(
          await deps.bus.consume({
            stream,
            group: 'operations',
            consumer: consumerName,
            registry,
            follows,
            handler: raise,
          }),
        );
      }
      if (options.alerts)
        alerts = await startAlerts({
          bus: deps.bus,
          exceptions: collections.exceptions,
          options: options.alerts,
          logger: deps.logger,
          consumer: consumerName,
          now,
        });
      sweeper.start();
    },
    close: async () => {
      await sweeper.stop();
      await Promise.all(consumers.map((c) => c.stop()));
      consumers = [];
      await alerts?.stop();
      await events.stop();
      await deps.store.close();
    },
    exceptions,
    collections,
    sweeper,
  };
}
