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
  console: { id: 'cs', kind: 'console', scopes: ['catalog:read', 'inventory:read', 'orders:read', 'shipments:read', 'orders:write'] },
  partner: { id: 'p-buyerco', kind: 'partner', partnerId: 'BUYERCO', scopes: ['catalog:read', 'inventory:read', 'orders:read', 'shipments:read', 'orders:write'] },
  operator: { id: 'ops', kind: 'operator', scopes: ['orders:read', 'operations:read', 'operations:write', 'fulfillment:write'] },
};

type Answer = { data?: Record<string, unknown> | null; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[] };

describe('authorization of the orders schema (@requiresScopes, @policy) behind the subgraph guard', () => {
  let service: HttpService;
  let bus: ReturnType<typeof createMemoryEventBus>;
  beforeAll(async () => {
    bus = createMemoryEventBus({ logger: silent });
    const store = openEmbeddedStore();
    const subgraph = await createOrdersSubgraph({ store, logger: silent, bus, services: directoryOf({}) });
    await subgraph.orders.orders.insertMany([
      order('O-OWN', { channel: 'EDI', externalId: 'PO-1', customer: { id: 'BUYERCO', name: 'Buyer Co', email: null } }),
      order('O-OTHER', { customer: { id: 'C-1', name: 'Ada Buyer', email: null } }),
    ]);
    service = await serveSubgraph(subgraph, { port: 0, host: '127.0.0.1' }, createSubgraphGuard({ secret: SECRET, policies }));
  });
  afterAll(async () => {
    await service.close();
    await bus.close();
  });

  const ask = async (kind: keyof typeof CLIENTS | null, query: string): Promise<{ status: number; body: Answer }> => {
    const requestId = randomUUID();
    const identity: Record<string, string> = kind ? { 'x-fm-identity': signIdentity(CLIENTS[kind]!, { secret: SECRET, requestId }) } : {};
    const res = await fetch(`http://127.0.0.1:${service.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...identity },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const forbidden = (body: Answer) => body.errors?.filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path?.join('.'));
  const entities = (ids: string[]) => `{ _entities(representations: [${ids.map((id) => `{ __typename: "Order", id: "${id}" }`).join(', ')}]) { ... on Order { id } } }`;

  it('lets a console read any order but not the operators’ conflict log', async () => {
    const orders = await ask('console', '{ own: order(id: "O-OWN") { id } other: order(id: "O-OTHER") { id } }');
    expect(orders.body).toEqual({ data: { own: { id: 'O-OWN' }, other: { id: 'O-OTHER' } } });
    // ordersConflicts is non-null, so its denial nulls the whole answer: asked alone here.
    const { body } = await ask('console', '{ ordersConflicts { totalCount } }');
    expect(forbidden(body)).toEqual(['ordersConflicts']);
    expect(body.errors?.[0]?.message).toContain('operations:read');
  });

  it('lets a partner see only its own orders, by query and through _entities', async () => {
    const { body } = await ask('partner', '{ own: order(id: "O-OWN") { id customer { id } } other: order(id: "O-OTHER") { id } }');
    expect(body.data).toEqual({ own: { id: 'O-OWN', customer: { id: 'BUYERCO' } }, other: null });
    expect(forbidden(body)).toEqual(['other']);

    const viaEntities = await ask('partner', entities(['O-OWN', 'O-OTHER']));
    expect(viaEntities.body.data).toEqual({ _entities: [{ id: 'O-OWN' }, null] });
    expect(forbidden(viaEntities.body)).toEqual(['_entities.1']);
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
    expect((await ask('operator', '{ ordersConflicts { totalCount } }')).body).toEqual({ data: { ordersConflicts: { totalCount: 0 } } });
    const { body } = await ask('console', 'mutation { releaseOrder(id: "O-OWN") { id } }');
    expect(forbidden(body)).toEqual(['releaseOrder']);
    expect(body.errors?.[0]?.message).toContain('fulfillment:write');
  });

  it('refuses a request that does not carry the gateway’s signed identity', async () => {
    const { status } = await ask(null, '{ order(id: "O-OWN") { id } }');
    expect(status).toBe(401);
  });
});
