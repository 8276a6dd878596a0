import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphGuard, IDENTITY_HEADER, signIdentity, type Client } from '@fulfillment-mesh/access';
import type { ApolloServer } from '@apollo/server';
import { buildSubgraphServer, createLogger, type SubgraphGuard, type TestResult } from '@fulfillment-mesh/runtime';
import type { Context } from '../src/context.js';
import { policies } from '../src/schema/policies.js';
import { createShipmentsSubgraph, type ShipmentsSubgraph } from '../src/server.js';
import { IDENTITY_SECRET } from './adapter-support.js';
import { storeWithShipments } from './fixtures.js';

const clients: Record<string, Client> = {
  storefront: { id: 'anon', kind: 'storefront', scopes: ['catalog:read', 'inventory:read'], anonymous: true },
  console: {
    id: 'console-1',
    kind: 'console',
    scopes: ['catalog:read', 'inventory:read', 'orders:read', 'shipments:read', 'orders:write'],
  },
  partner: {
    id: 'partner-1',
    kind: 'partner',
    scopes: ['catalog:read', 'inventory:read', 'orders:read', 'shipments:read', 'orders:write'],
    partnerId: 'P-1',
  },
  operator: {
    id: 'ops-1',
    kind: 'operator',
    scopes: ['shipments:read', 'fulfillment:write', 'operations:read', 'operations:write'],
  },
};

describe('authorization in the shipments schema', () => {
  let subgraph: ShipmentsSubgraph;
  let server: ApolloServer<Context>;
  let guard: SubgraphGuard;

  beforeAll(async () => {
    subgraph = await createShipmentsSubgraph({
      store: await storeWithShipments(),
      logger: createLogger({ service: 'shipments', level: 'silent' }),
    } as never);
    // Owners as the seed and the release events record them: order O-3 (SH-4, SH-5) is partner P-1's customer's.
    for (const [id, customerId] of [
      ['SH-4', 'P-1'],
      ['SH-5', 'P-1'],
      ['SH-1', 'C-9'],
      ['SH-2', 'C-9'],
      ['SH-3', 'C-9'],
    ] as const) {
      await subgraph.shipments.update({ _id: id }, { $set: { customerId } });
    }
    guard = createSubgraphGuard({ secret: IDENTITY_SECRET, policies });
    // The subgraph exactly as served: its schema wrapped by the guard the lead wires in index/mesh.
    server = buildSubgraphServer(subgraph, guard);
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    await subgraph.close();
  });

  /** Runs `source` as the gateway would forward it for `client`: the signed header becomes `context.client`. */
  async function run(client: Client, query: string): Promise<TestResult> {
    const headers = { [IDENTITY_HEADER]: signIdentity(client, { secret: IDENTITY_SECRET, requestId: 'req-1' }) };
    const auth = await guard.authenticate!({ headers } as never, 'req-1');
    const logger = createLogger({ service: 'shipments', level: 'silent' });
    const contextValue = {
      ...(await subgraph.createContext({ req: { headers } as never, requestId: 'req-1', logger })),
      ...auth,
    };
    const response = await server.executeOperation({ query }, { contextValue: contextValue as Context });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as TestResult;
  }
  const forbidden = (result: Awaited<ReturnType<typeof run>>) =>
    result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]);

  it('lets a console read shipments and denies a storefront, naming the field', async () => {
    const query = '{ shipment(id: "SH-1") { id status } }';
    expect((await run(clients.console!, query)).data).toEqual({ shipment: { id: 'SH-1', status: 'DELIVERED' } });
    const denied = await run(clients.storefront!, query);
    expect(denied.data).toEqual({ shipment: null });
    expect(forbidden(denied)).toEqual([['shipment', 'FORBIDDEN']]);
    expect(denied.errors?.[0]?.message).toContain('shipments:read');
  });

  it('applies the Shipment scope to entity references resolved through _entities', async () => {
    const query =
      '{ _entities(representations: [{ __typename: "Shipment", id: "SH-4" }]) { ... on Shipment { id trackingNumber } } }';
    expect((await run(clients.partner!, query)).data).toEqual({
      _entities: [{ id: 'SH-4', trackingNumber: '9400-SH-4' }],
    });
    const denied = await run(clients.storefront!, query);
    expect(denied.data).toEqual({ _entities: [null] });
    expect(forbidden(denied)).toEqual([['_entities.0', 'FORBIDDEN']]);
  });

  it("shows a partner only its own customer's shipments; another's is answered exactly like an unknown id", async () => {
    const query = `{ own: shipment(id: "SH-4") { id } other: shipment(id: "SH-1") { id } unknown: shipment(id: "SH-0") { id }
      byOther: shipmentByTrackingNumber(trackingNumber: "9400-SH-1") { id } list: shipments(first: 100) { totalCount nodes { id } } }`;
    const result = await run(clients.partner!, query);
    expect(result.data).toEqual({
      own: { id: 'SH-4' },
      other: null,
      unknown: null,
      byOther: null,
      list: { totalCount: 2, nodes: [{ id: 'SH-4' }, { id: 'SH-5' }] },
    });
    const errors = (result.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code, e.message]).sort();
    expect(errors).toEqual([
      ['byOther', 'NOT_FOUND', 'Shipment with tracking number "9400-SH-1" was not found'],
      ['other', 'NOT_FOUND', 'Shipment "SH-1" was not found'],
      ['unknown', 'NOT_FOUND', 'Shipment "SH-0" was not found'],
    ]);
    const entities = await run(
      clients.partner!,
      '{ _entities(representations: [{ __typename: "Shipment", id: "SH-1" }]) { ... on Shipment { id } } }',
    );
    expect(entities.data).toEqual({ _entities: [null] });
    expect(forbidden(entities)).toEqual([['_entities.0', 'NOT_FOUND']]);
  });

  it('keeps conflicts for operators and mutations for fulfillment writers', async () => {
    const query = '{ shipmentsConflicts { totalCount } }';
    const consoleResult = await run(clients.console!, query);
    // The connection is non-null (the shared shape), so the denial nulls the whole response.
    expect(consoleResult.data).toBeNull();
    expect(forbidden(consoleResult)).toEqual([['shipmentsConflicts', 'FORBIDDEN']]);
    expect((await run(clients.operator!, query)).data).toEqual({ shipmentsConflicts: { totalCount: 0 } });

    const mutation =
      'mutation { recordTrackingEvent(input: { shipmentId: "SH-4", status: DELIVERED, at: "2026-11-06T10:00:00Z", description: "Delivered" }) { status } }';
    const refused = await run(clients.console!, mutation);
    expect(forbidden(refused)).toEqual([['recordTrackingEvent', 'FORBIDDEN']]);
    expect((await run(clients.console!, '{ shipment(id: "SH-4") { status } }')).data).toEqual({
      shipment: { status: 'IN_TRANSIT' },
    });
    expect((await run(clients.operator!, mutation)).data).toEqual({ recordTrackingEvent: { status: 'DELIVERED' } });
  });
});
