import { describe, expect, it } from 'vitest';
import type { Filter } from '@fulfillment-mesh/runtime';
import type { ShipmentDoc } from '../src/store/models.js';
import { allocation, failOnce, harness, outboxOf, released, T0 } from './support.js';

const booking = { carrier: 'UPS', service: 'GROUND', trackingNumber: '1Z-100' };
const ID = 'shp-O-1-DC';

/** A harness holding one released shipment `shp-O-1-DC` (L1 x5, L2 x2), its created event already relayed. */
async function withShipment(wrap?: Parameters<typeof harness>[0]) {
  const h = await harness(wrap);
  await h.workflows.createFromRelease(
    { orderId: 'O-1', reservationId: 'R-1', allocations: [allocation('DC', ['L1', 'SKU-1', 5], ['L2', 'SKU-2', 2])] },
    released('O-1', []).id,
  );
  await h.shipments.update({ _id: ID }, { $set: { outbox: [] } });
  return h;
}

describe('confirmShipment', () => {
  it('confirms a whole shipment in one write: carrier, number, LABEL_CREATED milestone and the confirmed event', async () => {
    const { workflows, shipments } = await withShipment();
    const result = await workflows.confirmShipment({
      shipmentId: ID,
      ...booking,
      lines: [
        { lineId: 'L1', quantity: 5 },
        { lineId: 'L2', quantity: 2 },
      ],
    });
    expect(result.remainder).toBeNull();
    expect(result.shipment).toMatchObject({
      status: 'LABEL_CREATED',
      carrier: 'UPS',
      service: 'GROUND',
      trackingNumber: '1Z-100',
      confirmedAt: T0,
      version: 2,
    });
    expect(result.shipment.milestones).toEqual([
      { status: 'LABEL_CREATED', at: T0, location: null, description: 'Label created: UPS GROUND' },
    ]);
    expect(outboxOf(await shipments.get(ID))).toEqual([
      {
        type: 'shipments.shipment.confirmed',
        data: {
          shipmentId: ID,
          orderId: 'O-1',
          locationId: 'DC',
          reservationId: 'R-1',
          ...booking,
          lines: [
            { lineId: 'L1', sku: 'SKU-1', quantity: 5 },
            { lineId: 'L2', sku: 'SKU-2', quantity: 2 },
          ],
        },
      },
    ]);
  });

  it('splits what stayed behind into a new PENDING shipment at the same location', async () => {
    const { workflows, shipments } = await withShipment();
    const { shipment, remainder } = await workflows.confirmShipment({
      shipmentId: ID,
      ...booking,
      lines: [{ lineId: 'L1', quantity: 3 }],
    });
    expect(shipment.lines).toEqual([{ lineId: 'L1', sku: 'SKU-1', quantity: 3 }]);
    expect(outboxOf(shipment)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 3 }] }),
      }),
    ]);
    expect(remainder).toMatchObject({
      _id: `${ID}-B`,
      status: 'PENDING',
      orderId: 'O-1',
      locationId: 'DC',
      reservationId: 'R-1',
      splitFrom: ID,
      carrier: '',
    });
    expect(remainder?.lines).toEqual([
      { lineId: 'L1', sku: 'SKU-1', quantity: 2 },
      { lineId: 'L2', sku: 'SKU-2', quantity: 2 },
    ]);
    expect(remainder).not.toHaveProperty('splitPending');
    expect(outboxOf(remainder)).toEqual([
      {
        type: 'shipments.shipment.created',
        data: { shipmentId: `${ID}-B`, orderId: 'O-1', locationId: 'DC', lines: remainder?.lines },
      },
    ]);
    expect((await shipments.byOrderIds(['O-1'])).map((s) => s._id)).toEqual([ID, `${ID}-B`]);
  });

  it('continues the chain when the remainder is split again', async () => {
    const { workflows } = await withShipment();
    await workflows.confirmShipment({ shipmentId: ID, ...booking, lines: [{ lineId: 'L1', quantity: 3 }] });
    const second = await workflows.confirmShipment({
      shipmentId: `${ID}-B`,
      ...booking,
      trackingNumber: '1Z-101',
      lines: [{ lineId: 'L2', quantity: 2 }],
    });
    expect(second.remainder).toMatchObject({
      _id: `${ID}-C`,
      lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 2 }],
      rootId: ID,
      splitIndex: 2,
    });
  });

  it('answers a retried identical confirmation with the same shipment and no second event', async () => {
    const { workflows } = await withShipment();
    const input = { shipmentId: ID, ...booking, lines: [{ lineId: 'L1', quantity: 3 }] };
    const first = await workflows.confirmShipment(input);
    const again = await workflows.confirmShipment(input);
    expect(again.shipment).toEqual(first.shipment);
    expect(again.remainder?._id).toBe(`${ID}-B`);
    expect(outboxOf(again.shipment)).toHaveLength(1);
    expect(outboxOf(again.remainder)).toHaveLength(1);
  });

  it('refuses a different second confirmation with a CONFLICT', async () => {
    const { workflows } = await withShipment();
    await workflows.confirmShipment({
      shipmentId: ID,
      ...booking,
      lines: [
        { lineId: 'L1', quantity: 5 },
        { lineId: 'L2', quantity: 2 },
      ],
    });
    await expect(
      workflows.confirmShipment({
        shipmentId: ID,
        ...booking,
        trackingNumber: '1Z-999',
        lines: [{ lineId: 'L1', quantity: 5 }],
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `Shipment "${ID}" is already confirmed with tracking number "1Z-100"`,
    });
  });

  it('refuses a tracking number another shipment carries, naming that shipment, and writes no remainder', async () => {
    const { workflows, shipments } = await withShipment();
    await workflows.createFromRelease(
      { orderId: 'O-2', reservationId: null, allocations: [allocation('DC', ['L1', 'SKU-1', 1])] },
      'evt-2',
    );
    await workflows.confirmShipment({ shipmentId: 'shp-O-2-DC', ...booking, lines: [{ lineId: 'L1', quantity: 1 }] });
    await expect(
      workflows.confirmShipment({ shipmentId: ID, ...booking, lines: [{ lineId: 'L1', quantity: 1 }] }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Tracking number "1Z-100" is already used by shipment "shp-O-2-DC"',
      details: expect.objectContaining({ otherShipmentId: 'shp-O-2-DC' }),
    });
    expect(await shipments.get(`${ID}-B`)).toBeNull();
  });

  it('refuses an unknown shipment with NOT_FOUND', async () => {
    const { workflows } = await withShipment();
    await expect(workflows.confirmShipment({ shipmentId: 'nope', ...booking, lines: [] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Shipment "nope" was not found',
    });
  });

  it('keeps a LABEL_CREATED milestone the shipment already has', async () => {
    const { workflows } = await withShipment();
    await workflows.recordTrackingEvent({
      shipmentId: ID,
      status: 'LABEL_CREATED',
      at: '2026-11-09T08:00:00Z',
      description: 'Label printed',
    });
    const { shipment } = await workflows.confirmShipment({
      shipmentId: ID,
      ...booking,
      lines: [
        { lineId: 'L1', quantity: 5 },
        { lineId: 'L2', quantity: 2 },
      ],
    });
    expect(shipment.milestones.map((m) => [m.status, m.description])).toEqual([['LABEL_CREATED', 'Label printed']]);
  });
});

describe('confirmShipment under failure', () => {
  const isConfirmWrite = (filter: Filter) => typeof filter.version === 'number';

  it('leaves the shipment unchanged when the write of the split fails, and a retry then succeeds', async () => {
    const failing = failOnce('insertOne', (doc: ShipmentDoc) => doc.splitPending === true);
    const { workflows, shipments } = await withShipment(failing.wrap);
    const before = await shipments.get(ID);
    const input = { shipmentId: ID, ...booking, lines: [{ lineId: 'L1', quantity: 3 }] };
    await expect(workflows.confirmShipment(input)).rejects.toThrow('disk full');
    expect(failing.state.failed).toBe(true);
    expect(await shipments.get(ID)).toEqual(before);
    expect(await shipments.get(`${ID}-B`)).toBeNull();
    const retried = await workflows.confirmShipment(input);
    expect(retried.remainder?._id).toBe(`${ID}-B`);
  });

  it('compensates a failed confirmation write by removing the pending remainder', async () => {
    const failing = failOnce('update', isConfirmWrite);
    const { workflows, shipments } = await withShipment(failing.wrap);
    const before = await shipments.get(ID);
    await expect(
      workflows.confirmShipment({ shipmentId: ID, ...booking, lines: [{ lineId: 'L2', quantity: 1 }] }),
    ).rejects.toThrow('disk full');
    expect(await shipments.get(ID)).toEqual(before);
    expect(await shipments.get(`${ID}-B`)).toBeNull();
    expect((await shipments.allOfOrder('O-1')).map((s) => s._id)).toEqual([ID]);
  });

  it('finishes a split whose activation failed, on retry, and hides the pending remainder meanwhile', async () => {
    const failing = failOnce('update', (filter: Filter) => filter.splitPending === true);
    const { workflows, shipments } = await withShipment(failing.wrap);
    const input = { shipmentId: ID, ...booking, lines: [{ lineId: 'L1', quantity: 5 }] };
    await expect(workflows.confirmShipment(input)).rejects.toThrow('disk full');
    expect((await shipments.get(ID))?.split).toEqual({
      id: `${ID}-B`,
      lines: [{ lineId: 'L2', sku: 'SKU-2', quantity: 2 }],
    });
    expect(await shipments.get(`${ID}-B`)).toMatchObject({ splitPending: true });
    expect((await shipments.byOrderIds(['O-1'])).map((s) => s._id)).toEqual([ID]);
    expect(await shipments.byIds([`${ID}-B`])).toEqual([]);
    const retried = await workflows.confirmShipment(input);
    expect(retried.remainder).toMatchObject({ _id: `${ID}-B`, status: 'PENDING' });
    expect(outboxOf(retried.remainder).map((e) => e.type)).toEqual(['shipments.shipment.created']);
  });

  it('lets the sweeper finish an abandoned split once it is old enough', async () => {
    const failing = failOnce('update', (filter: Filter) => filter.splitPending === true);
    const { workflows, shipments, clock } = await withShipment(failing.wrap);
    await expect(
      workflows.confirmShipment({ shipmentId: ID, ...booking, lines: [{ lineId: 'L1', quantity: 5 }] }),
    ).rejects.toThrow('disk full');
    expect(await workflows.sweepSplits(60_000)).toBe(0);
    clock.now = new Date(Date.parse(T0) + 61_000);
    expect(await workflows.sweepSplits(60_000)).toBe(1);
    expect(await shipments.get(`${ID}-B`)).toMatchObject({
      status: 'PENDING',
      lines: [{ lineId: 'L2', sku: 'SKU-2', quantity: 2 }],
    });
    expect((await shipments.get(`${ID}-B`))?.splitPending).toBeUndefined();
  });

  it('lets the sweeper discard a remainder whose confirmation never landed', async () => {
    const { workflows, shipments, deps, clock } = await withShipment();
    const original = (await shipments.get(ID))!;
    const { writePendingRemainder } = await import('../src/workflows/split.js');
    await writePendingRemainder(deps, original, [{ lineId: 'L1', sku: 'SKU-1', quantity: 1 }]);
    clock.now = new Date(Date.parse(T0) + 61_000);
    expect(await workflows.sweepSplits(60_000)).toBe(1);
    expect(await shipments.get(`${ID}-B`)).toBeNull();
    expect(await shipments.get(ID)).toEqual(original);
  });

  it('refuses to confirm a shipment cancelled meanwhile, leaving no remainder', async () => {
    const { workflows, shipments } = await withShipment();
    await workflows.cancelForOrder('O-1', 'CUSTOMER_REQUEST');
    await expect(
      workflows.confirmShipment({ shipmentId: ID, ...booking, lines: [{ lineId: 'L1', quantity: 1 }] }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `Shipment "${ID}" cannot move from CANCELLED to LABEL_CREATED`,
    });
    expect(await shipments.get(`${ID}-B`)).toBeNull();
  });
});
