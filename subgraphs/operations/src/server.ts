import { createOperationsResolvers, requirePermission, type EventBus } from '@fulfillment-mesh/events';
import { loadSchema, type Logger, type SubgraphDefinition } from '@fulfillment-mesh/runtime';
import type { Context } from './context.js';

/** What the operations subgraph is built from: the event backbone it reports on. */
export interface OperationsDeps {
  bus: EventBus;
  logger: Logger;
}

/**
 * Builds the operations subgraph: `integrationHealth`, `deadLetters`, `replayDeadLetters` and `replayStream`
 * over the event backbone, for operators. The schema's `@requiresScopes` is enforced by the subgraph guard;
 * the resolvers check `operations:read` again so the surface stays closed even when served without a guard.
 */
export async function createOperationsSubgraph(deps: OperationsDeps): Promise<SubgraphDefinition<Context>> {
  const resolvers = createOperationsResolvers<Context>({
    bus: deps.bus,
    authorize: requirePermission((ctx: Context) => ctx.client?.scopes, 'operations:read'),
  });
  return {
    name: 'operations',
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as unknown as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    createContext: ({ requestId, logger }) => ({ requestId, logger }),
    ready: async () => {
      await deps.bus.health();
    },
    close: async () => undefined,
  };
}
