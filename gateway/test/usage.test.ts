import { randomBytes } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import {
  clientUsage,
  coordinateUsage,
  createRedisUsageStore,
  createUsageRecorder,
  exportUsage,
  type UsageStore,
} from '@fulfillment-mesh/access';
import { createLogger, serveSubgraph, type BaseRequestContext, type HttpService } from '@fulfillment-mesh/runtime';
import { parse } from 'graphql';
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/server.js';

const SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    order(id: ID!): Order
    orders(status: OrderStatus): [Order!]!
  }
  enum OrderStatus {
    OPEN
    SHIPPED
  }
  type Order @key(fields: "id") {
    id: ID!
    status: OrderStatus!
    erpOrderNumber: String @deprecated(reason: "Use externalRefs. Remove after 2027-06-01")
  }
`;

const logger = createLogger({
  service: 'usage-test',
  level: (process.env.DEBUG_USAGE ? 'debug' : 'silent') as 'silent',
});
const order = (id: string) => ({ id, status: 'OPEN', erpOrderNumber: `ERP-${id}` });
let subgraph: HttpService;
let supergraphSdl: string;
let redis: RedisClientType;
const prefix = `fm-test:${randomBytes(6).toString('hex')}:usage:`;

beforeAll(async () => {
  subgraph = await serveSubgraph<BaseRequestContext>(
    {
      name: 'orders',
      typeDefs: parse(SDL),
      resolvers: {
        Query: { order: (_: unknown, args: { id: string }) => order(args.id), orders: () => [order('1'), order('2')] },
      },
      logger,
      createContext: ({ requestId, logger: l }) => ({ requestId, logger: l }),
      ready: async () => {},
      close: async () => {},
    },
    { port: 0 },
  );
  const composed = composeServices([{ name: 'orders', url: subgraph.url, typeDefs: parse(SDL) }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  supergraphSdl = composed.supergraphSdl;
  redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  await redis.connect();
});

afterAll(async () => {
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
    if (keys.length) await redis.del(keys);
  await redis.quit();
  await subgraph.close();
});

/** A gateway instance counting into `store`; its recorder flushes only when told (or when the gateway stops). */
async function startGateway(store: UsageStore) {
  const recorder = createUsageRecorder({ store, flushMs: 60_000 });
  const gateway = createGateway({
    subgraphs: [{ name: 'orders', url: subgraph.url }],
    supergraphSdl,
    logger,
    usage: { recorder },
  });
  const service = await gateway.serve({ port: 0 });
  return { url: service.url, recorder, close: () => service.close() };
}

async function query(url: string, body: object, client?: { name: string; version?: string }) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollo-require-preflight': 'true',
      ...(client ? { 'apollographql-client-name': client.name } : {}),
      ...(client?.version ? { 'apollographql-client-version': client.version } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (process.env.DEBUG_USAGE) console.log(JSON.stringify(json));
  return { status: res.status, headers: res.headers, body: json };
}

const ORDER_WITH_ERP = 'query OrderErp($id: ID!) { order(id: $id) { id erpOrderNumber } }';
const OPEN_ORDERS = 'query OpenOrders { orders(status: OPEN) { id status } }';

describe('usage reporting', () => {
  it('counts of two gateway instances add up in Redis and survive a restart', async () => {
    const store = createRedisUsageStore({ redis: redis as never, prefix });
    const first = await startGateway(store);
    const second = await startGateway(store);
    for (let i = 0; i < 3; i++)
      expect(
        (await query(first.url, { query: ORDER_WITH_ERP, variables: { id: '1' } }, { name: 'pos', version: '1.2' }))
          .status,
      ).toBe(200);
    for (let i = 0; i < 2; i++)
      expect(
        (await query(second.url, { query: ORDER_WITH_ERP, variables: { id: '2' } }, { name: 'pos', version: '1.2' }))
          .status,
      ).toBe(200);
    await query(second.url, { query: OPEN_ORDERS }, { name: 'ops-board' });
    await first.close(); // stopping flushes what is left
    await second.close();

    const restarted = await startGateway(store);
    await query(restarted.url, { query: ORDER_WITH_ERP, variables: { id: '3' } }, { name: 'pos', version: '1.2' });
    await restarted.recorder.flush();
    await restarted.close();

    const usage = await exportUsage(
      createRedisUsageStore({ redis: redis as never, prefix }),
      new Date(Date.now() - 86_400_000),
    );
    const erp = coordinateUsage(usage, 'Order.erpOrderNumber');
    expect(erp.count).toBe(6);
    expect(erp.clients).toEqual([
      expect.objectContaining({ clientId: 'pos', clientKind: 'unknown', clientVersion: '1.2', count: 6 }),
    ]);
    expect(erp.operations).toEqual([expect.objectContaining({ name: 'OrderErp', clientId: 'pos', count: 6 })]);
    const board = clientUsage(usage, 'ops-board');
    expect(board.operations).toEqual([expect.objectContaining({ name: 'OpenOrders', count: 1 })]);
    expect(board.coordinates.map((c) => c.coordinate)).toEqual([
      'Order.id',
      'Order.status',
      'OrderStatus.OPEN',
      'Query.orders',
      'Query.orders(status:)',
    ]);
    const exported = usage.operations.find((op) => op.name === 'OrderErp');
    expect(exported?.document).toBe(ORDER_WITH_ERP);
  });

  it('an unknown client has an empty usage, not an error', async () => {
    const usage = await exportUsage(createRedisUsageStore({ redis: redis as never, prefix }), new Date(0));
    expect(clientUsage(usage, 'never-seen')).toEqual({
      clientId: 'never-seen',
      count: 0,
      operations: [],
      coordinates: [],
    });
    expect(coordinateUsage(usage, 'Order.nothing')).toMatchObject({
      count: 0,
      lastSeen: null,
      clients: [],
      operations: [],
    });
  });

  it('a response touching a deprecated field says so in extensions and headers; others do not', async () => {
    const gateway = createGateway({ subgraphs: [{ name: 'orders', url: subgraph.url }], supergraphSdl, logger });
    const service = await gateway.serve({ port: 0 });
    try {
      const deprecated = await query(service.url, { query: ORDER_WITH_ERP, variables: { id: '1' } });
      expect(deprecated.body.data).toEqual({ order: { id: '1', erpOrderNumber: 'ERP-1' } });
      expect(deprecated.body.extensions).toEqual({
        deprecations: [
          {
            coordinate: 'Order.erpOrderNumber',
            reason: 'Use externalRefs. Remove after 2027-06-01',
            removeAfter: '2027-06-01',
          },
        ],
      });
      expect(deprecated.headers.get('deprecation')).toBe('true');
      expect(deprecated.headers.get('sunset')).toBe('Tue, 01 Jun 2027 00:00:00 GMT');
      const plain = await query(service.url, { query: OPEN_ORDERS });
      expect(plain.body.extensions).toBeUndefined();
      expect(plain.headers.get('deprecation')).toBeNull();
    } finally {
      await service.close();
    }
  });
});
