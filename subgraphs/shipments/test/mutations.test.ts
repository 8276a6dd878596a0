import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directoryOf, openEmbeddedStore, subgraphTester } from '@fulfillment-mesh/runtime';
import { createMemoryEventBus, type EventBus } from '@fulfillment-mesh/events';
import { createShipmentsSubgraph, type ShipmentsSubgraph } from '../src/server.js';
import { allocation, released, silent, T0 } from './support.js';

const CONFIRM = `mutation($input: ConfirmShipmentInput!) {
  confirmShipment(input: $input) { shipment { id status trackingNumber confirmedAt lines { lineId quantity } } remainder { id status lines { lineId quantity } } }
}`;
const TRACK = `mutation($input: RecordTrackingEventInput!) {
  recordTrackingEvent(input: $input) { id status milestones { status at carrierCode } }
}`;

describe('shipment mutations', () => {
  let bus: EventBus;
  let subgraph: ShipmentsSubgraph;
  let tester: Awaited<ReturnType<typeof subgraphTester>>;

  beforeEach(async () => {
    bus = createMemoryEventBus({ logger: silent });
    subgraph = await createShipmentsSubgraph({
      store: openEmbeddedStore(),
      logger: silent,
      bus,
      services: directoryOf({}),
      now: () => new Date(T0),
    });
    tester = await subgraphTester(subgraph);
    await subgraph.handleOrderEvent(released('O-1', [allocation('DC', ['L1', 'SKU-1', 4])]), {
      stream: 'orders',
      group: 'shipments',
      consumer: 't',
      entryId: '1-0',
      attempt: 1,
      previousAttempts: [],
    });
  });
  afterEach(async () => {
    await tester.stop();
    await subgraph.close();
    await bus.close();
  });

  it('confirms part of a shipment and returns the remainder left behind', async () => {
    const result = await tester.run(CONFIRM, {
      input: {
        shipmentId: 'shp-O-1-DC',
        lines: [{ lineId: 'L1', quantity: 3 }],
        carrier: 'UPS',
        service: 'GROUND',
        trackingNumber: '1Z-1',
      },
    });
    expect(result).toEqual({
      data: {
        confirmShipment: {
          shipment: {
            id: 'shp-O-1-DC',
            status: 'LABEL_CREATED',
            trackingNumber: '1Z-1',
            confirmedAt: T0,
            lines: [{ lineId: 'L1', quantity: 3 }],
          },
          remainder: { id: 'shp-O-1-DC-B', status: 'PENDING', lines: [{ lineId: 'L1', quantity: 1 }] },
        },
      },
    });
  });

  it('answers a bad line with INVALID_INPUT naming it', async () => {
    const result = await tester.run(CONFIRM, {
      input: {
        shipmentId: 'shp-O-1-DC',
        lines: [{ lineId: 'L1', quantity: 5 }],
        carrier: 'UPS',
        service: 'GROUND',
        trackingNumber: '1Z-1',
      },
    });
    expect(result.errors?.[0]).toMatchObject({
      message: 'Invalid lines[0].quantity: expected a whole number from 1 to 4 for line "L1", received 5',
      extensions: { code: 'INVALID_INPUT', field: 'lines[0].quantity' },
    });
  });

  it('records tracking events by tracking number, with carrier codes, and refuses illegal moves with CONFLICT', async () => {
    await tester.run(CONFIRM, {
      input: {
        shipmentId: 'shp-O-1-DC',
        lines: [{ lineId: 'L1', quantity: 4 }],
        carrier: 'UPS',
        service: 'GROUND',
        trackingNumber: '1Z-1',
      },
    });
    const delivered = await tester.run(TRACK, {
      input: {
        trackingNumber: '1Z-1',
        carrierCode: 'delivered',
        at: '2026-11-12T10:00:00-05:00',
        description: 'Front door',
      },
    });
    expect(delivered).toEqual({
      data: {
        recordTrackingEvent: {
          id: 'shp-O-1-DC',
          status: 'DELIVERED',
          milestones: [
            { status: 'LABEL_CREATED', at: T0, carrierCode: null },
            { status: 'DELIVERED', at: '2026-11-12T15:00:00.000Z', carrierCode: 'delivered' },
          ],
        },
      },
    });
    const backwards = await tester.run(TRACK, {
      input: { shipmentId: 'shp-O-1-DC', status: 'IN_TRANSIT', at: '2026-11-13T00:00:00Z', description: 'Scan' },
    });
    expect(backwards.errors?.[0]).toMatchObject({
      message: 'Shipment "shp-O-1-DC" cannot move from DELIVERED to IN_TRANSIT',
      extensions: { code: 'CONFLICT', current: 'DELIVERED', requested: 'IN_TRANSIT' },
    });
  });
});
