import { DomainError, encodeCursor, pageRequest } from '@fulfillment-mesh/runtime';
import type { DeadLetter, EventBus, ReplayResult, StreamHealth } from './bus.js';

// The operator surface's SDL is declared once, in subgraphs/operations/schema.graphql (the subgraph that serves it);
// these are its resolvers, generic over the bus.

/** Throws FORBIDDEN unless the request may operate the event backbone. */
export type Authorize<TContext> = (context: TContext) => void | Promise<void>;

/** What {@link createOperationsResolvers} needs. */
export interface OperationsDeps<TContext> {
  bus: EventBus;
  authorize: Authorize<TContext>;
}

/** A dead-letter page as a Relay-style connection. */
export interface DeadLetterConnection {
  edges: Array<{ cursor: string; node: DeadLetter }>;
  nodes: DeadLetter[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Builds an {@link Authorize} that requires `permission` (default `operator`) among the context's permissions. */
export function requirePermission<TContext>(
  permissionsOf: (context: TContext) => readonly string[] | undefined,
  permission = 'operator',
): Authorize<TContext> {
  return (context) => {
    if (!permissionsOf(context)?.includes(permission)) {
      throw new DomainError('FORBIDDEN', `The "${permission}" permission is required to operate the event backbone`, {
        permission,
      });
    }
  };
}

/** Resolvers of the operator surface (subgraphs/operations/schema.graphql); each one authorizes first. */
export function createOperationsResolvers<TContext>(deps: OperationsDeps<TContext>) {
  const { bus, authorize } = deps;
  return {
    Query: {
      async integrationHealth(_parent: unknown, _args: unknown, context: TContext): Promise<StreamHealth[]> {
        await authorize(context);
        return bus.health();
      },
      async deadLetters(
        _parent: unknown,
        args: { stream: string; first?: number | null; after?: string | null },
        context: TContext,
      ): Promise<DeadLetterConnection> {
        await authorize(context);
        const page = pageRequest(args, { defaultFirst: 20, maxFirst: 100 });
        const result = await bus.deadLetters(args.stream, {
          first: page.first,
          ...(page.after ? { after: page.after } : {}),
        });
        const edges = result.items.map((node) => ({ cursor: encodeCursor(node.id), node }));
        return {
          edges,
          nodes: result.items,
          pageInfo: { hasNextPage: result.next !== null, endCursor: edges.at(-1)?.cursor ?? null },
          totalCount: result.total,
        };
      },
    },
    Mutation: {
      async replayDeadLetters(
        _parent: unknown,
        args: { stream: string; ids: string[] },
        context: TContext,
      ): Promise<ReplayResult> {
        await authorize(context);
        return bus.replayDeadLetters(args.stream, args.ids);
      },
      async replayStream(
        _parent: unknown,
        args: { stream: string; group: string; from: string; to?: string | null },
        context: TContext,
      ): Promise<ReplayResult> {
        await authorize(context);
        return bus.replayStream(args.stream, args.group, { from: args.from, ...(args.to ? { to: args.to } : {}) });
      },
    },
  };
}
