import { describe, expect, it } from 'vitest';
import { allocation, harness, outboxOf } from './support.js';

const ID = 'shp-O-1-DC';

/** A harness with one confirmed shipment (tracking number 1Z-1, LABEL_CREATED at T0) and an empty outbox. */
async function confirmedShipment() {
  const h = await harness();
  await h.workflows.createFromRelease(
    { orderId: 'O-1', reservationId: 'R-1', allocations: [allocation('DC', ['L1', 'SKU-1', 1])] },
    'evt-1',
  );
  await h.workflows.confirmShipment({
    shipmentId: ID,
    carrier: 'UPS',
    service: 'GROUND',
    trackingNumber: '1Z-1',
    lines: [{ lineId: 'L1', quantity: 1 }],
  });
  await h.shipments.update({ _id: ID }, { $set: { outbox: [] } });
  return h;
}
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

describe('recordTrackingEvent', () => {
  it('drives the status to delivery, each milestone with its recorded event and the resulting status', async () => {
    const { workflows, shipments } = await confirmedShipment();
    await workflows.recordTrackingEvent({
      trackingNumber: '1Z-1',
      carrierCode: 'in_transit',
      at: at(11),
      location: 'Memphis, TN',
      description: 'Departed',
    });
    await workflows.recordTrackingEvent({
      trackingNumber: '1Z-1',
      status: 'OUT_FOR_DELIVERY',
      at: at(12, 8),
      description: 'On the van',
    });
    const delivered = await workflows.recordTrackingEvent({
      shipmentId: ID,
      carrierCode: 'delivered',
      at: at(12, 15),
      location: 'Austin, TX',
      description: 'Front door',
    });
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.milestones.map((m) => m.status)).toEqual([
      'LABEL_CREATED',
      'IN_TRANSIT',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
    ]);
    expect(delivered.milestones[1]).toMatchObject({ carrierCode: 'in_transit', location: 'Memphis, TN' });
    const events = outboxOf(await shipments.get(ID));
    expect(events.map((e) => e.type)).toEqual(Array(3).fill('shipments.milestone.recorded'));
    expect(events[2]?.data).toEqual({
      shipmentId: ID,
      orderId: 'O-1',
      status: 'DELIVERED',
      at: at(12, 15),
      location: 'Austin, TX',
      description: 'Front door',
      shipmentStatus: 'DELIVERED',
    });
  });

  it('ignores a re-sent milestone: no write, no event', async () => {
    const { workflows, shipments } = await confirmedShipment();
    const event = { trackingNumber: '1Z-1', status: 'IN_TRANSIT' as const, at: at(11), description: 'Departed' };
    const first = await workflows.recordTrackingEvent(event);
    const again = await workflows.recordTrackingEvent({
      ...event,
      at: '2026-11-11T07:00:00-05:00',
      description: 'Departed (re-sent)',
    });
    expect(again).toEqual(first);
    expect(outboxOf(await shipments.get(ID))).toHaveLength(1);
  });

  it('keeps a late, older milestone as history without moving the status back', async () => {
    const { workflows, shipments } = await confirmedShipment();
    await workflows.recordTrackingEvent({
      shipmentId: ID,
      status: 'OUT_FOR_DELIVERY',
      at: at(13),
      description: 'On the van',
    });
    const late = await workflows.recordTrackingEvent({
      shipmentId: ID,
      status: 'PICKED_UP',
      at: at(11),
      description: 'Picked up',
    });
    expect(late.status).toBe('OUT_FOR_DELIVERY');
    expect(late.milestones.map((m) => m.status)).toEqual(['LABEL_CREATED', 'PICKED_UP', 'OUT_FOR_DELIVERY']);
    expect(outboxOf(await shipments.get(ID)).map((e) => (e.data as { shipmentStatus: string }).shipmentStatus)).toEqual(
      ['OUT_FOR_DELIVERY', 'OUT_FOR_DELIVERY'],
    );
  });

  it('goes into EXCEPTION and back into transit', async () => {
    const { workflows } = await confirmedShipment();
    await workflows.recordTrackingEvent({ shipmentId: ID, status: 'IN_TRANSIT', at: at(11), description: 'Departed' });
    expect(
      (
        await workflows.recordTrackingEvent({
          shipmentId: ID,
          carrierCode: 'failure',
          at: at(12),
          description: 'Weather delay',
        })
      ).status,
    ).toBe('EXCEPTION');
    expect(
      (
        await workflows.recordTrackingEvent({
          shipmentId: ID,
          status: 'IN_TRANSIT',
          at: at(13),
          description: 'Resumed',
        })
      ).status,
    ).toBe('IN_TRANSIT');
  });

  it('refuses a newer milestone the lifecycle forbids with a CONFLICT, leaving the shipment as it was', async () => {
    const { workflows, shipments } = await confirmedShipment();
    await workflows.recordTrackingEvent({ shipmentId: ID, status: 'DELIVERED', at: at(12), description: 'Delivered' });
    const before = await shipments.get(ID);
    await expect(
      workflows.recordTrackingEvent({ shipmentId: ID, status: 'IN_TRANSIT', at: at(13), description: 'Scan' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `Shipment "${ID}" cannot move from DELIVERED to IN_TRANSIT`,
      details: { entity: 'Shipment', id: ID, current: 'DELIVERED', requested: 'IN_TRANSIT' },
    });
    expect(await shipments.get(ID)).toEqual(before);
  });

  it('refuses carrier movement on a shipment nobody confirmed', async () => {
    const { workflows } = await harness();
    await workflows.createFromRelease(
      { orderId: 'O-2', reservationId: null, allocations: [allocation('DC', ['L1', 'SKU-1', 1])] },
      'evt-2',
    );
    await expect(
      workflows.recordTrackingEvent({ shipmentId: 'shp-O-2-DC', status: 'IN_TRANSIT', at: at(11), description: 'x' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Shipment "shp-O-2-DC" cannot move from PENDING to IN_TRANSIT',
    });
  });

  it('needs exactly one of shipmentId and trackingNumber, and names unknown ones', async () => {
    const { workflows } = await confirmedShipment();
    const event = { status: 'IN_TRANSIT' as const, at: at(11), description: 'x' };
    await expect(workflows.recordTrackingEvent(event)).rejects.toThrow(
      'Invalid shipmentId: expected exactly one of shipmentId and trackingNumber',
    );
    await expect(workflows.recordTrackingEvent({ ...event, shipmentId: ID, trackingNumber: '1Z-1' })).rejects.toThrow(
      'Invalid shipmentId',
    );
    await expect(workflows.recordTrackingEvent({ ...event, trackingNumber: '1Z-404' })).rejects.toThrow(
      'Shipment with tracking number "1Z-404" was not found',
    );
    await expect(workflows.recordTrackingEvent({ ...event, shipmentId: 'nope' })).rejects.toThrow(
      'Shipment "nope" was not found',
    );
  });

  it('applies concurrent milestones without losing one', async () => {
    const { workflows, shipments } = await confirmedShipment();
    await Promise.all(
      [11, 12, 13, 14].map((day) =>
        workflows.recordTrackingEvent({
          shipmentId: ID,
          status: 'IN_TRANSIT',
          at: at(day),
          description: `scan ${day}`,
        }),
      ),
    );
    const doc = await shipments.get(ID);
    expect(doc?.milestones.map((m) => m.description)).toEqual([
      'Label created: UPS GROUND',
      'scan 11',
      'scan 12',
      'scan 13',
      'scan 14',
    ]);
    expect(outboxOf(doc)).toHaveLength(4);
  });
});
