import { randomUUID } from 'node:crypto';
import { createSubgraphGuard, signIdentity, type Client } from '@fulfillment-mesh/access';
import { createMemoryEventBus } from '@fulfillment-mesh/events';
import { directoryOf, openEmbeddedStore, serveSubgraph, type HttpService } from '@fulfillment-mesh/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policies } from '../src/schema/policies.js';
import { createOrdersSubgraph } from '../src/server.js';
import { order } from './fixtures.js';
import { silent } from './support/harness.js';

const SECRET = 'orders-authorization-test-secret-0123456789';
const CLIENTS: Record<string, Client> = {
  storefront: { id: 'web', kind: 'storefront', scopes: ['catalog:read', 'inventory:read', 'orders:write'] },
  console: {
    id: 'cs',
    kind: 'console',
    scopes: ['catalog:read', 'inventory:read', 'orders:read', 'shipments:read', 'orders:write'],
  },
  partner: {
    id: 'p-buyerco',
    kind: 'partner',
    partnerId: 'BUYERCO',
    scopes: ['catalog:read', 'inventory:read', 'orders:read', 'shipments:read', 'orders:write'],
  },
  operator: {
    id: 'ops',
    kind: 'operator',
    scopes: ['orders:read', 'operations:read', 'operations:write', 'fulfillment:write'],
  },
};

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
};

describe('authorization of the orders schema (@requiresScopes, @policy) behind the subgraph guard', () => {
  let service: HttpService;
  let bus: ReturnType<typeof createMemoryEventBus>;
  beforeAll(async () => {
    bus = createMemoryEventBus({ logger: silent });
    const store = openEmbeddedStore();
    const subgraph = await createOrdersSubgraph({ store, logger: silent, bus, services: directoryOf({}) });
    await subgraph.orders.orders.insertMany([
      order('O-OWN', {
        channel: 'EDI',
        externalId: 'PO-1',
        customer: { id: 'BUYERCO', name: 'Buyer Co', email: null },
      }),
      order('O-OTHER', { customer: { id: 'C-1', name: 'Ada Buyer', email: null } }),
    ]);
    service = await serveSubgraph(
      subgraph,
      { port: 0, host: '127.0.0.1' },
      createSubgraphGuard({ secret: SECRET, policies }),
    );
  });
  afterAll(async () => {
    await service.close();
    await bus.close();
  });

  const ask = async (kind: keyof typeof CLIENTS | null, query: string): Promise<{ status: number; body: Answer }> => {
    const requestId = randomUUID();
    const identity: Record<string, string> = kind
      ? { 'x-fm-identity': signIdentity(CLIENTS[kind]!, { secret: SECRET, requestId }) }
      : {};
    const res = await fetch(`http://127.0.0.1:${service.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...identity },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const forbidden = (body: Answer) =>
    body.errors?.filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path?.join('.'));
  const entities = (ids: string[]) =>
    `{ _entities(representations: [${ids.map((id) => `{ __typename: "Order", id: "${id}" }`).join(', ')}]) { ... on Order { id } } }`;

  it('lets a console read any order but not the operators’ conflict log', async () => {
    const orders = await ask('console', '{ own: order(id: "O-OWN") { id } other: order(id: "O-OTHER") { id } }');
    expect(orders.body).toEqual({ data: { own: { id: 'O-OWN' }, other: { id: 'O-OTHER' } } });
    // ordersConflicts is non-null, so its denial nulls the whole answer: asked alone here.
    const { body } = await ask('console', '{ ordersConflicts { totalCount } }');
    expect(forbidden(body)).toEqual(['ordersConflicts']);
    expect(body.errors?.[0]?.message).toContain('operations:read');
  });

  it("shows a partner only its own orders, answering another customer's exactly like an unknown id, by query and through _entities", async () => {
    const { body } = await ask(
      'partner',
      '{ own: order(id: "O-OWN") { id customer { id } } other: order(id: "O-OTHER") { id } unknown: order(id: "O-NONE") { id } }',
    );
    expect(body.data).toEqual({ own: { id: 'O-OWN', customer: { id: 'BUYERCO' } }, other: null, unknown: null });
    const answers = (body.errors ?? []).map((e) => ({
      path: e.path?.join('.'),
      code: e.extensions?.code,
      message: e.message,
    }));
    expect(answers.sort((a, b) => String(a.path).localeCompare(String(b.path)))).toEqual([
      { path: 'other', code: 'NOT_FOUND', message: 'Order "O-OTHER" was not found' },
      { path: 'unknown', code: 'NOT_FOUND', message: 'Order "O-NONE" was not found' },
    ]);

    const viaEntities = await ask('partner', entities(['O-OWN', 'O-OTHER']));
    expect(viaEntities.body.data).toEqual({ _entities: [{ id: 'O-OWN' }, null] });
    expect(viaEntities.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['_entities.1', 'NOT_FOUND'],
    ]);
  });

  it("lists only a partner's own orders, with a total that counts only those", async () => {
    const { body } = await ask(
      'partner',
      '{ orders(first: 100) { totalCount nodes { id } } mine: orders(filter: { customerId: "C-1" }) { totalCount } }',
    );
    expect(body).toEqual({ data: { orders: { totalCount: 1, nodes: [{ id: 'O-OWN' }] }, mine: { totalCount: 0 } } });
  });

  it("refuses a partner's order for another customer with FORBIDDEN before anything is written", async () => {
    const place = (customer: string) =>
      `mutation { placeOrder(input: { channel: WEB, externalId: "P-${customer}", customer: { id: "${customer}", name: "X" },
        shipTo: { name: "D", address: { line1: "1", city: "C", region: "NJ", postalCode: "1", country: "US" } },
        lines: [{ sku: "SKU-1", quantity: 1 }] }) { created } }`;
    const { body } = await ask('partner', place('C-1'));
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(body.errors?.[0]?.message).toContain('input.customer.id');
    const stored = await ask('console', '{ orders(filter: { customerId: "C-1" }) { totalCount } }');
    expect(stored.body.data).toEqual({ orders: { totalCount: 1 } });
  });

  it("answers a partner's cancellation of another customer's order like one of an unknown order", async () => {
    const other = await ask('partner', 'mutation { cancelOrder(id: "O-OTHER", reason: "x") { id } }');
    const unknown = await ask('partner', 'mutation { cancelOrder(id: "O-NONE", reason: "x") { id } }');
    expect(other.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', 'Order "O-OTHER" was not found'],
    ]);
    expect(unknown.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', 'Order "O-NONE" was not found'],
    ]);
  });

  it('refuses orders to a storefront without orders:read, by query and through _entities', async () => {
    const { body } = await ask('storefront', '{ order(id: "O-OWN") { id } }');
    expect(body.data).toEqual({ order: null });
    expect(forbidden(body)).toEqual(['order']);
    const viaEntities = await ask('storefront', entities(['O-OWN']));
    expect(viaEntities.body.data).toEqual({ _entities: [null] });
    expect(forbidden(viaEntities.body)).toEqual(['_entities.0']);
  });

  it('lets an operator read the conflict log, and refuses fulfillment mutations to a console', async () => {
    expect((await ask('operator', '{ ordersConflicts { totalCount } }')).body).toEqual({
      data: { ordersConflicts: { totalCount: 0 } },
    });
    const { body } = await ask('console', 'mutation { releaseOrder(id: "O-OWN") { id } }');
    expect(forbidden(body)).toEqual(['releaseOrder']);
    expect(body.errors?.[0]?.message).toContain('fulfillment:write');
  });

  it('refuses a request that does not carry the gateway’s signed identity', async () => {
    const { status } = await ask(null, '{ order(id: "O-OWN") { id } }');
    expect(status).toBe(401);
  });
});
