import { describe, expect, it } from 'vitest';
import { createLogger, openEmbeddedStore, subgraphTester } from '@fulfillment-mesh/runtime';
import type { ShipmentsSeed } from '../src/seed.js';
import { createShipmentsSubgraph, seedShipments, shipmentDocs } from '../src/server.js';

const observedAt = '2026-11-10T00:00:00.000Z';

/** The shipments slice of a dataset, as a generator might write it: unsorted, mixed casing and offsets. */
const dataset: ShipmentsSeed = {
  shipments: [
    {
      id: 'SH-A',
      orderId: 'O-1',
      locationId: 'DC-EAST',
      carrier: 'UPS',
      service: 'GROUND',
      trackingNumber: '1Z-A',
      status: 'DELIVERED',
      lines: [{ lineId: 'O-1-L1', sku: 'SKU-1', quantity: 3 }],
      milestones: [
        { status: 'delivered', at: '2026-11-03T10:00:00-05:00', location: 'Austin, TX', description: 'Delivered' },
        { status: 'LABEL_CREATED', at: '2026-11-01T12:00:00Z', location: '', description: 'Label created' },
      ],
      createdAt: '2026-11-01T11:00:00Z',
    },
    {
      id: 'SH-B',
      orderId: 'O-1',
      locationId: 'STORE-9',
      carrier: 'LOCAL',
      service: 'COURIER',
      trackingNumber: '',
      status: 'PENDING',
      lines: [{ lineId: 'O-1-L2', sku: 'SKU-2', quantity: 1 }],
      milestones: [],
      createdAt: '2026-11-02T08:00:00.000Z',
    },
  ],
};

describe('shipments seed', () => {
  it('maps seed records into documents with normalised milestones, derived status and seed provenance', () => {
    const provenance = { source: 'seed', sourceVersion: '1', observedAt };
    const [a, b] = shipmentDocs(dataset, observedAt);
    expect(a).toEqual({
      _id: 'SH-A',
      orderId: 'O-1',
      locationId: 'DC-EAST',
      carrier: 'UPS',
      service: 'GROUND',
      trackingNumber: '1Z-A',
      status: 'DELIVERED',
      lines: [{ lineId: 'O-1-L1', sku: 'SKU-1', quantity: 3 }],
      milestones: [
        { status: 'LABEL_CREATED', at: '2026-11-01T12:00:00.000Z', location: null, description: 'Label created' },
        { status: 'DELIVERED', at: '2026-11-03T15:00:00.000Z', location: 'Austin, TX', description: 'Delivered' },
      ],
      createdAt: '2026-11-01T11:00:00.000Z',
      updatedAt: observedAt,
      version: 1,
      provenance: { plan: provenance, tracking: provenance },
    });
    expect(b).toMatchObject({ _id: 'SH-B', status: 'PENDING', milestones: [] });
    expect(b).not.toHaveProperty('trackingNumber');
  });

  it("records the customer of each shipment's order as its owner, and backfills it on shipments seeded before", async () => {
    // Both sample shipments belong to order O-1; a shipment of an order the dataset does not list gets no owner.
    const withOrders = { ...dataset, orders: [{ id: 'O-1', customer: { id: 'cus-1' } }] } as ShipmentsSeed;
    const orphan = { ...dataset, shipments: dataset.shipments.map((s) => ({ ...s, orderId: 'O-9' })) };
    expect(shipmentDocs({ ...orphan, orders: withOrders.orders }, observedAt).map((d) => d.customerId)).toEqual([
      undefined,
      undefined,
    ]);
    expect(shipmentDocs(withOrders, observedAt).map((d) => [d._id, d.customerId])).toEqual([
      ['SH-A', 'cus-1'],
      ['SH-B', 'cus-1'],
    ]);
    const subgraph = await createShipmentsSubgraph({
      store: openEmbeddedStore(),
      logger: createLogger({ service: 'shipments', level: 'silent' }),
    });
    await seedShipments(subgraph.shipments, dataset, observedAt); // an older seed: no owners
    expect(await seedShipments(subgraph.shipments, withOrders, observedAt)).toBe(0);
    const owners = (await subgraph.shipments.byIds(['SH-A', 'SH-B'])).map((d) => [d._id, d.customerId]).sort();
    expect(owners).toEqual([
      ['SH-A', 'cus-1'],
      ['SH-B', 'cus-1'],
    ]);
    await subgraph.close();
  });

  it('seeds an empty store once and the subgraph answers from it', async () => {
    const subgraph = await createShipmentsSubgraph({
      store: openEmbeddedStore(),
      logger: createLogger({ service: 'shipments', level: 'silent' }),
    });
    expect(await seedShipments(subgraph.shipments, dataset, observedAt)).toBe(2);
    expect(await seedShipments(subgraph.shipments, dataset, observedAt)).toBe(0);
    const tester = await subgraphTester(subgraph);
    try {
      const result = await tester.run(
        '{ shipmentByTrackingNumber(trackingNumber: "1Z-A") { id status } shipments { totalCount nodes { id trackingNumber } } }',
      );
      expect(result).toEqual({
        data: {
          shipmentByTrackingNumber: { id: 'SH-A', status: 'DELIVERED' },
          shipments: {
            totalCount: 2,
            nodes: [
              { id: 'SH-B', trackingNumber: null },
              { id: 'SH-A', trackingNumber: '1Z-A' },
            ],
          },
        },
      });
    } finally {
      await tester.stop();
    }
  });
});
