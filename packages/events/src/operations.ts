import { DomainError, encodeCursor, pageRequest } from '@fulfillment-mesh/runtime';
import type { DeadLetter, EventBus, ReplayResult, StreamHealth } from './bus.js';

/**
 * The operator surface of the event backbone as GraphQL SDL (Federation 2 compatible: plain value types, no
 * entities, `extend type Query/Mutation`), to be mounted in one subgraph. Type names are prefixed where a generic
 * name (PageInfo, Attempt) could clash with the host subgraph's own types.
 */
export const operationsTypeDefs = /* GraphQL */ `
  extend type Query {
    "Every event stream with its length, dead letters, counters and each consumer group's backlog. Operators only."
    integrationHealth: [StreamHealth!]!
    "Dead letters of a stream, newest first. Operators only."
    deadLetters(stream: String!, first: Int = 20, after: String): DeadLetterConnection!
  }

  extend type Mutation {
    "Sends dead letters back to the consumer group that failed them (only that group sees them). Operators only."
    replayDeadLetters(stream: String!, ids: [ID!]!): ReplayResult!
    "Re-delivers a range (entry ids or ISO times, inclusive; to defaults to now) to one consumer group. Operators only."
    replayStream(stream: String!, group: String!, from: String!, to: String): ReplayResult!
  }

  type StreamHealth {
    stream: String!
    length: Int!
    lastEventTime: String
    deadLetters: Int!
    counters: EventCounters!
    groups: [ConsumerGroupHealth!]!
  }

  "Counters are totals since the stream was first used (Float: they can outgrow 32-bit Int)."
  type EventCounters {
    published: Float!
    processed: Float!
    retried: Float!
    deadLettered: Float!
    replayed: Float!
    stale: Float!
    duplicate: Float!
    skipped: Float!
  }

  type ConsumerGroupHealth {
    group: String!
    "Entries not yet delivered to the group."
    backlog: Int!
    "Delivered, not yet acknowledged (running, waiting for a retry, or held behind a failing event of the same subject)."
    pending: Int!
    oldestPendingAgeMs: Float
    consumers: Int!
    counters: ConsumerGroupCounters!
  }

  type ConsumerGroupCounters {
    processed: Float!
    retried: Float!
    deadLettered: Float!
    replayed: Float!
    stale: Float!
    duplicate: Float!
    "Events of types the group does not follow, acknowledged unread."
    skipped: Float!
  }

  type DeadLetter {
    id: ID!
    stream: String!
    group: String!
    reason: String!
    lastError: String
    attempts: [DeadLetterAttempt!]!
    deadLetteredAt: String!
    originEntryId: String!
    eventId: String
    eventType: String
    subject: String
    "The original envelope JSON, exactly as stored."
    envelope: String!
  }

  type DeadLetterAttempt {
    at: String!
    error: String!
  }

  type DeadLetterEdge {
    cursor: String!
    node: DeadLetter!
  }

  type DeadLetterPageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type DeadLetterConnection {
    edges: [DeadLetterEdge!]!
    nodes: [DeadLetter!]!
    pageInfo: DeadLetterPageInfo!
    totalCount: Int!
  }

  type ReplayResult {
    stream: String!
    groups: [String!]!
    replayed: Int!
    "Requested dead-letter ids that were not found."
    missing: [ID!]!
  }
`;

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
export function requirePermission<TContext>(permissionsOf: (context: TContext) => readonly string[] | undefined, permission = 'operator'): Authorize<TContext> {
  return (context) => {
    if (!permissionsOf(context)?.includes(permission)) {
      throw new DomainError('FORBIDDEN', `The "${permission}" permission is required to operate the event backbone`, { permission });
    }
  };
}

/** Resolvers for {@link operationsTypeDefs}; each one authorizes first. */
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
        const result = await bus.deadLetters(args.stream, { first: page.first, ...(page.after ? { after: page.after } : {}) });
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
      async replayDeadLetters(_parent: unknown, args: { stream: string; ids: string[] }, context: TContext): Promise<ReplayResult> {
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
