import { createDomainEvents, createOperationsResolvers, requirePermission, type EventBus } from '@fulfillment-mesh/events';
import { loadSchema, type Collection, type Doc, type Logger, type Store, type SubgraphDefinition } from '@fulfillment-mesh/runtime';
import type { Context } from './context.js';
import { createExceptionService, type ExceptionService } from './exceptions/service.js';
import { createLoaders } from './loaders.js';
import { createAdapterHealthView } from './monitor/adapters.js';
import { exceptionResolvers } from './resolvers.js';
import { openOperationsStore, type OperationsCollections } from './store.js';

/** What the operations subgraph is built from: the event backbone it reports on and its own store (exceptions). */
export interface OperationsDeps {
  bus: EventBus;
  logger: Logger;
  store: Store;
  /** Clock (tests); default the system clock. */
  now?: () => Date;
}

/** The built subgraph plus its services (tests and the composition root raise and inspect exceptions directly). */
export interface OperationsSubgraph extends SubgraphDefinition<Context> {
  exceptions: ExceptionService;
  collections: OperationsCollections;
}

/**
 * Builds the operations subgraph: the event-backbone surface (`integrationHealth`, `deadLetters`, replays), per-
 * adapter health and exceptions as work items. The schema's `@requiresScopes` is enforced by the subgraph guard;
 * the resolvers check the scopes again so the surface stays closed even when served without a guard.
 */
export async function createOperationsSubgraph(deps: OperationsDeps): Promise<OperationsSubgraph> {
  const now = deps.now ?? (() => new Date());
  const collections = await openOperationsStore(deps.store);
  const exceptions = createExceptionService({ exceptions: collections.exceptions, now });
  const adapters = createAdapterHealthView(collections.adapterStates);
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
    Query: { ...backbone.Query, ...exceptionResolvers.Query },
    Mutation: { ...backbone.Mutation, ...exceptionResolvers.Mutation },
  };
  return {
    name: 'operations',
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as unknown as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    createContext: ({ requestId, logger }) => ({ requestId, logger, exceptions, collections, adapters, loaders: createLoaders(collections), now }),
    ready: async () => {
      await Promise.all([deps.store.ping(), deps.bus.health()]);
    },
    start: () => events.start(),
    close: async () => {
      await events.stop();
      await deps.store.close();
    },
    exceptions,
    collections,
  };
}
