import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, DuplicateKeyError, openEmbeddedStore, subgraphTester } from '@fulfillment-mesh/runtime';
import type { OrdersSeed, SeedOrder } from '../src/seed.js';
import { createOrdersSubgraph, orderDocs, seedOrders } from '../src/server.js';

const observedAt = '2026-11-10T00:00:00.000Z';

/** A hand-made seed order; the dataset generator is not used so these tests pin the mapping alone. */
function seedOrder(id: string, overrides: Partial<SeedOrder> = {}): SeedOrder {
  return {
    id,
    channel: 'WEB',
    externalId: `W-${id}`,
    customer: { id: 'C-1', name: 'Ada Buyer', email: 'ada@example.com' },
    shipTo: { name: 'Dock 4', line1: '9 Harbor Rd', city: 'Tacoma', region: 'WA', postalCode: '98402', country: 'US' },
    lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 2, unitPrice: '10.05', currencyCode: 'USD' }],
    status: 'RELEASED',
    createdAt: '2026-11-01T08:00:00+01:00',
    timeline: [
      { at: '2026-11-01T08:30:00Z', status: 'RELEASED', note: 'released to DC', actor: 'erp' },
      { at: '2026-11-01T07:00:00Z', status: 'ACCEPTED', note: 'accepted', actor: 'erp' },
    ],
    ...overrides,
  };
}

const dataset: OrdersSeed = {
  orders: [
    seedOrder('S-1'),
    seedOrder('S-2', { channel: 'EDI', createdAt: '2026-11-03T00:00:00Z', status: 'DELIVERED' }),
  ],
};

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A fresh orders subgraph on an empty in-memory store, closed after the test. */
async function open() {
  const subgraph = await createOrdersSubgraph({
    store: openEmbeddedStore(),
    logger: createLogger({ service: 'orders', level: 'silent' }),
  });
  opened.push(subgraph);
  return subgraph;
}

describe('orders seed', () => {
  it('maps a seed order into a document with normalised instants, a sorted timeline and seed provenance', () => {
    const provenance = { source: 'seed', sourceVersion: '1', observedAt };
    expect(orderDocs(dataset, observedAt)[0]).toEqual({
      _id: 'S-1',
      channel: 'WEB',
      businessUnit: 'default',
      externalId: 'W-S-1',
      customer: { id: 'C-1', name: 'Ada Buyer', email: 'ada@example.com' },
      shipTo: {
        name: 'Dock 4',
        address: {
          line1: '9 Harbor Rd',
          line2: null,
          city: 'Tacoma',
          region: 'WA',
          postalCode: '98402',
          country: 'US',
        },
      },
      lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 2, unitPrice: { amount: '10.05', currencyCode: 'USD' } }],
      status: 'RELEASED',
      createdAt: '2026-11-01T07:00:00.000Z',
      updatedAt: observedAt,
      timeline: [
        { at: '2026-11-01T07:00:00.000Z', status: 'ACCEPTED', note: 'accepted', actor: 'erp' },
        { at: '2026-11-01T08:30:00.000Z', status: 'RELEASED', note: 'released to DC', actor: 'erp' },
      ],
      version: 1,
      provenance: { content: provenance, status: provenance },
    });
  });

  it('refuses a seed order whose status the schema does not know, naming the order', () => {
    expect(() => orderDocs({ orders: [seedOrder('S-9', { status: 'LOST' })] }, observedAt)).toThrow(
      'Invalid status of order "S-9"',
    );
  });

  it('seeds an empty store once and then answers queries on the seeded orders', async () => {
    const subgraph = await open();
    expect(await seedOrders(subgraph.orders, dataset, observedAt)).toBe(2);
    expect(await seedOrders(subgraph.orders, dataset, observedAt)).toBe(0);
    const tester = await subgraphTester(subgraph);
    const result = await tester.run(
      '{ orders { totalCount nodes { id status total { amount currencyCode } } } order(id: "S-1") { shipTo { address { line2 } } timeline { status } } }',
    );
    expect(result).toEqual({
      data: {
        orders: {
          totalCount: 2,
          nodes: [
            { id: 'S-2', status: 'DELIVERED', total: { amount: '20.10', currencyCode: 'USD' } },
            { id: 'S-1', status: 'RELEASED', total: { amount: '20.10', currencyCode: 'USD' } },
          ],
        },
        order: { shipTo: { address: { line2: null } }, timeline: [{ status: 'ACCEPTED' }, { status: 'RELEASED' }] },
      },
    });
    await tester.stop();
  });

  it('refuses a dataset that reuses an external id within one channel', async () => {
    const subgraph = await open();
    const clash = { orders: [seedOrder('S-1', { externalId: 'X' }), seedOrder('S-2', { externalId: 'X' })] };
    await expect(seedOrders(subgraph.orders, clash, observedAt)).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await subgraph.orders.isEmpty()).toBe(true);
  });
});
