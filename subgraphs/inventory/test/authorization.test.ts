import type { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSubgraphGuard, IDENTITY_HEADER, signIdentity, type Client } from '@fulfillment-mesh/access';
import { buildSubgraphServer, createLogger } from '@fulfillment-mesh/runtime';
import { project } from '../src/events/consumers.js';
import { policies } from '../src/schema/policies.js';
import type { Context } from '../src/context.js';
import { harness, stocked } from './harness.js';

const SECRET = 'a-test-identity-secret-of-at-least-32-bytes';
const clients: Record<string, Client> = {
  storefront: { id: 'anon', kind: 'storefront', scopes: ['catalog:read', 'inventory:read'] },
  operator: {
    id: 'ops-1',
    kind: 'operator',
    scopes: [
      'catalog:read',
      'inventory:read',
      'orders:read',
      'shipments:read',
      'inventory:write',
      'operations:read',
      'operations:write',
    ],
  },
  service: { id: 'service:orders', kind: 'service', scopes: ['mesh:service'] },
  partner: {
    id: 'p-1',
    kind: 'partner',
    partnerId: 'cus-1',
    scopes: ['catalog:read', 'inventory:read', 'orders:read', 'shipments:read', 'orders:write'],
  },
};

let env: Awaited<ReturnType<typeof harness>>;
let run: (
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}>;
let stop: () => Promise<void>;

beforeEach(async () => {
  env = await harness({ positions: stocked('A', { 'DC-EAST': 10 }) });
  const guard = createSubgraphGuard({ secret: SECRET, policies });
  const server = buildSubgraphServer(env.subgraph, guard);
  await server.start();
  let n = 0;
  run = async (client, query, variables = {}) => {
    const requestId = `auth-${++n}`;
    // The identity travels exactly as the gateway sends it: a signed header the guard verifies.
    const req = {
      headers: { [IDENTITY_HEADER]: signIdentity(client, { secret: SECRET, requestId }) },
    } as unknown as IncomingMessage;
    const auth = await guard.authenticate!(req, requestId);
    const contextValue: Context = {
      ...(await env.subgraph.createContext({
        req,
        requestId,
        logger: createLogger({ service: 'inventory', level: 'silent' }),
      })),
      ...auth,
    };
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as never;
  };
  stop = () => server.stop();
});
afterEach(async () => {
  await stop();
  await env.close();
});

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { sku availability { available } } ... on Location { id name } } }`;
const forbidden = (result: Awaited<ReturnType<typeof run>>) =>
  result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]);

describe('authorization of the inventory schema', () => {
  it('lets a storefront read availability through _entities but not the operations fields', async () => {
    const entities = await run(clients.storefront!, ENTITIES, { reps: [{ __typename: 'Product', sku: 'A' }] });
    expect(entities).toEqual({ data: { _entities: [{ sku: 'A', availability: { available: 10 } }] } });
    const conflicts = await run(clients.storefront!, `{ inventoryConflicts { totalCount } }`);
    expect(forbidden(conflicts)).toEqual([['inventoryConflicts', 'FORBIDDEN']]);
    expect(conflicts.errors?.[0]?.message).toContain('operations:read');
    expect(forbidden(await run(clients.storefront!, `{ reconciliationRuns { id } }`))).toEqual([
      ['reconciliationRuns', 'FORBIDDEN'],
    ]);
  });

  it("shows a partner its own customer's reservations only, another's like an unknown id, and no ledger references", async () => {
    const reserve = (key: string, customerId: string) =>
      run(
        clients.service!,
        `mutation { reserveStock(input: { key: "${key}", orderId: "O-${key}", customerId: "${customerId}", channel: WEB, lines: [{ lineId: "1", sku: "A", quantity: 1 }] }) { reservation { id } } }`,
      );
    const own = ((await reserve('own', 'cus-1')).data?.reserveStock as { reservation: { id: string } }).reservation.id;
    const other = ((await reserve('other', 'cus-2')).data?.reserveStock as { reservation: { id: string } }).reservation
      .id;
    const read = await run(
      clients.partner!,
      `{ own: reservation(id: "${own}") { id } other: reservation(id: "${other}") { id } unknown: reservation(id: "rsv-x") { id } }`,
    );
    expect(read.data).toEqual({ own: { id: own }, other: null, unknown: null });
    expect(read.errors?.map((e) => [e.path?.join('.'), e.extensions?.code, e.message]).sort()).toEqual([
      ['other', 'NOT_FOUND', `Reservation "${other}" was not found`],
      ['unknown', 'NOT_FOUND', 'Reservation "rsv-x" was not found'],
    ]);
    // The ledger is a projection of the position events (the consumer that runs it is not started here).
    for (const event of await env.events())
      if (event.type === 'inventory.position.adjusted') await project(env.subgraph.inventory, event as never);
    const ledger = '{ inventoryPosition(sku: "A", locationId: "DC-EAST") { ledger { reason reference { id } } } }';
    const seenByPartner = (await run(clients.partner!, ledger)).data?.inventoryPosition as {
      ledger: { reason: string; reference: unknown }[];
    };
    const seenByOperator = (await run(clients.operator!, ledger)).data?.inventoryPosition as {
      ledger: { reason: string; reference: { id: string } | null }[];
    };
    expect(
      seenByOperator.ledger
        .filter((e) => e.reason === 'RESERVED')
        .map((e) => e.reference?.id)
        .sort(),
    ).toEqual([own, other].sort());
    expect(seenByPartner.ledger.map((e) => e.reference)).toEqual(seenByPartner.ledger.map(() => null));
  });

  it('lets an operator read conflicts and adjust stock, but not call the reservation service API', async () => {
    const reads = await run(clients.operator!, `{ inventoryConflicts { totalCount } reconciliationRuns { id } }`);
    expect(reads).toEqual({ data: { inventoryConflicts: { totalCount: 0 }, reconciliationRuns: [] } });
    const adjusted = await run(
      clients.operator!,
      `mutation { adjustInventory(input: { sku: "A", locationId: "DC-EAST", reason: COUNTED, delta: { onHand: 1 } }) { onHand } }`,
    );
    expect(adjusted.data).toEqual({ adjustInventory: { onHand: 11 } });
    const reserve = await run(
      clients.operator!,
      `mutation { reserveStock(input: { key: "k", channel: WEB, lines: [{ lineId: "1", sku: "A", quantity: 1 }] }) { replayed } }`,
    );
    expect(forbidden(reserve)).toEqual([['reserveStock', 'FORBIDDEN']]);
    expect((await env.reservations()).length).toBe(0); // a denied mutation never runs
  });

  it('lets a service reserve and read the locations of its reservation, but not availability through _entities', async () => {
    const reserve = await run(
      clients.service!,
      `mutation { reserveStock(input: { key: "k", channel: WEB, lines: [{ lineId: "1", sku: "A", quantity: 1 }] }) { reservation { status allocations { location { id } } } } }`,
    );
    expect(reserve).toEqual({
      data: { reserveStock: { reservation: { status: 'ACTIVE', allocations: [{ location: { id: 'DC-EAST' } }] } } },
    });
    const entities = await run(clients.service!, ENTITIES, {
      reps: [
        { __typename: 'Product', sku: 'A' },
        { __typename: 'Location', id: 'DC-EAST' },
      ],
    });
    // availability is nullable (partial results), so only the denied field is null; the Location still resolves.
    expect(entities.data?._entities).toEqual([
      { sku: 'A', availability: null },
      { id: 'DC-EAST', name: 'Location DC-EAST' },
    ]);
    expect(forbidden(entities)).toEqual([['_entities.0.availability', 'FORBIDDEN']]);
    const adjust = await run(
      clients.service!,
      `mutation { adjustInventory(input: { sku: "A", locationId: "DC-EAST", reason: COUNTED, delta: { onHand: 1 } }) { onHand } }`,
    );
    expect(forbidden(adjust)).toEqual([['adjustInventory', 'FORBIDDEN']]);
  });
});
