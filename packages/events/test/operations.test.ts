import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { buildSubgraphServer, createLogger, type BaseRequestContext } from '@fulfillment-mesh/runtime';
import { parse } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryEventBus, createOperationsResolvers, operationsTypeDefs, requirePermission, type EventBus } from '../src/index.js';
import { fastConsumer, itemEvent, waitFor } from './support.js';

interface Context extends BaseRequestContext {
  permissions: string[];
}

const logger = createLogger({ service: 'operations-test', level: 'silent' });

const subgraphSdl = (name: string) => readFileSync(new URL(`../../../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8');

describe('operations GraphQL surface', () => {
  let bus: EventBus;
  let server: ApolloServer<Context>;

  beforeEach(async () => {
    bus = createMemoryEventBus({ logger });
    const resolvers = createOperationsResolvers<Context>({ bus, authorize: requirePermission((c) => c.permissions) });
    // Mounted the way a subgraph would: its own Query plus the operations SDL, served by the mesh's Apollo setup.
    server = buildSubgraphServer<Context>({
      name: 'operations',
      typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Query { ping: Boolean }
        ${operationsTypeDefs}`),
      resolvers: resolvers as unknown as GraphQLResolverMap<Context>,
      logger,
      createContext: ({ requestId }) => ({ requestId, logger, permissions: [] }),
      ready: async () => undefined,
      close: async () => undefined,
    });
    await server.start();
  });
  afterEach(async () => {
    await server.stop();
    await bus.close();
  });

  const run = async (query: string, permissions: string[] = ['operator']) => {
    const response = await server.executeOperation({ query }, { contextValue: { requestId: 'test', logger, permissions } });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult;
  };

  it('composes into the supergraph when mounted in a subgraph', () => {
    const names = ['catalog', 'inventory', 'orders', 'shipments'];
    const result = composeServices(
      names.map((name) => ({
        name,
        url: `http://127.0.0.1/${name}`,
        typeDefs: parse(name === 'inventory' ? `${subgraphSdl(name)}\n${operationsTypeDefs}` : subgraphSdl(name)),
      })),
    );
    expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
  });

  it('refuses every field to a caller without the operator permission', async () => {
    const queries = [
      '{ integrationHealth { stream } }',
      '{ deadLetters(stream: "inventory") { totalCount } }',
      'mutation { replayDeadLetters(stream: "inventory", ids: ["1-0"]) { replayed } }',
      'mutation { replayStream(stream: "inventory", group: "atp", from: "0") { replayed } }',
    ];
    for (const query of queries) {
      const result = await run(query, ['viewer']);
      expect(result.errors?.[0]).toMatchObject({
        message: 'The "operator" permission is required to operate the event backbone',
        extensions: { code: 'FORBIDDEN' },
      });
    }
  });

  it('reports health, pages dead letters and re-drives them for an operator', async () => {
    let broken = true;
    let handled = 0;
    await bus.consume(
      fastConsumer({
        stream: 'inventory',
        group: 'atp',
        maxAttempts: 1,
        handler: () => {
          if (broken) throw new Error('no such location');
          handled += 1;
        },
      }),
    );
    await bus.publish('inventory', itemEvent('sku-1@dc', 1));
    await bus.publish('inventory', itemEvent('sku-2@dc', 2));
    await waitFor(async () => (await bus.deadLetters('inventory')).total === 2, 'two dead letters');

    const health = await run('{ integrationHealth { stream length deadLetters counters { published deadLettered } groups { group backlog pending counters { deadLettered } } } }');
    expect(health.data).toEqual({
      integrationHealth: [
        { stream: 'inventory', length: 2, deadLetters: 2, counters: { published: 2, deadLettered: 2 }, groups: [{ group: 'atp', backlog: 0, pending: 0, counters: { deadLettered: 2 } }] },
      ],
    });

    const page = await run('{ deadLetters(stream: "inventory", first: 1) { totalCount nodes { id group reason lastError subject attempts { error } } pageInfo { hasNextPage endCursor } } }');
    const connection = (page.data as { deadLetters: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string } } }).deadLetters;
    expect(connection).toMatchObject({
      totalCount: 2,
      nodes: [{ group: 'atp', reason: 'handler failed 1 times', lastError: 'no such location', subject: 'sku-2@dc', attempts: [{ error: 'no such location' }] }],
      pageInfo: { hasNextPage: true },
    });
    const rest = await run(`{ deadLetters(stream: "inventory", after: "${connection.pageInfo.endCursor}") { nodes { id subject } pageInfo { hasNextPage } } }`);
    expect(rest.data).toMatchObject({ deadLetters: { nodes: [{ subject: 'sku-1@dc' }], pageInfo: { hasNextPage: false } } });

    broken = false;
    const replay = await run(`mutation { replayDeadLetters(stream: "inventory", ids: ["${connection.nodes[0]!.id}"]) { stream groups replayed missing } }`);
    expect(replay.data).toEqual({ replayDeadLetters: { stream: 'inventory', groups: ['atp'], replayed: 1, missing: [] } });
    await waitFor(() => handled === 1, 'the re-driven event');

    const range = await run('mutation { replayStream(stream: "inventory", group: "atp", from: "2000-01-01T00:00:00Z") { replayed groups } }');
    expect(range.data).toEqual({ replayStream: { replayed: 2, groups: ['atp'] } });
    await waitFor(() => handled === 3, 'the replayed range');
  });
});
