import { describe, expect, it } from 'vitest';
import { decideCancel, decideMilestone, decideRelease, decideShipmentConfirmed } from '../src/domain/fulfillment.js';
import { decideReservation } from '../src/domain/reservation.js';
import { applied, confirmed, placedOrder, why } from './support/orders.js';

const accepted = () => applied(placedOrder(), decideReservation(placedOrder(), confirmed(), why));
const released = () => applied(accepted(), decideRelease(accepted(), why));
const shipment = (shipmentId: string, lines: { lineId: string; quantity: number }[]) => ({
  shipmentId,
  orderId: 'O-1',
  lines,
});
const milestone = (shipmentId: string, shipmentStatus: string) => ({
  shipmentId,
  orderId: 'O-1',
  status: shipmentStatus,
  shipmentStatus,
});

describe('release', () => {
  it('releases the allocations to the warehouses with the reservation id', () => {
    const change = decideRelease(accepted(), why);
    expect(change.set.status).toBe('RELEASED');
    expect(change.set.lines?.map((l) => l.status)).toEqual(['RELEASED', 'RELEASED']);
    expect(change.events.map((e) => e.def.type)).toEqual(['orders.order.transitioned', 'orders.order.released']);
    expect(change.events[1]?.data).toEqual({
      orderId: 'O-1',
      customerId: 'C-1',
      businessUnit: 'default',
      reservationId: 'R-1',
      allocations: accepted().allocations,
    });
  });

  it('refuses to release an order twice, or one with nothing allocated', () => {
    expect(() => decideRelease(released(), why)).toThrow('Order "O-1" cannot go from RELEASED to RELEASED');
    expect(() => decideRelease({ ...accepted(), allocations: [] }, why)).toThrow(
      'Order "O-1" has no stock allocated to release (status ACCEPTED)',
    );
  });
});

describe('shipping and delivery', () => {
  it('ships part, then the rest, then delivers when every shipment is delivered', () => {
    let order = released();
    const first = decideShipmentConfirmed(order, 'E-1', shipment('S-1', [{ lineId: 'L1', quantity: 2 }]), why)!;
    expect(first.set.status).toBe('PARTIALLY_SHIPPED');
    expect(first.set.lines?.map((l) => [l.status, l.shippedQuantity])).toEqual([
      ['PARTIALLY_SHIPPED', 2],
      ['RELEASED', 0],
    ]);
    order = applied(order, first);
    order = applied(order, decideMilestone(order, 'E-2', milestone('S-1', 'DELIVERED'), why));
    expect(order.status).toBe('PARTIALLY_SHIPPED');
    const rest = decideShipmentConfirmed(
      order,
      'E-3',
      shipment('S-2', [
        { lineId: 'L1', quantity: 1 },
        { lineId: 'L2', quantity: 1 },
      ]),
      why,
    )!;
    expect(rest.set.status).toBe('SHIPPED');
    order = applied(order, rest);
    order = applied(order, decideMilestone(order, 'E-4', milestone('S-2', 'IN_TRANSIT'), why));
    expect(order.status).toBe('SHIPPED');
    const delivered = decideMilestone(order, 'E-5', milestone('S-2', 'DELIVERED'), why)!;
    expect(delivered.set.status).toBe('DELIVERED');
    expect(delivered.set.lines?.map((l) => l.status)).toEqual(['DELIVERED', 'DELIVERED']);
    expect(delivered.timeline.at(-1)?.note).toBe('every shipment delivered');
  });

  it('goes from RELEASED straight to SHIPPED when one shipment carries everything', () => {
    const change = decideShipmentConfirmed(
      released(),
      'E-1',
      shipment('S-1', [
        { lineId: 'L1', quantity: 3 },
        { lineId: 'L2', quantity: 1 },
      ]),
      why,
    )!;
    expect(change.timeline.map((t) => t.status)).toEqual(['SHIPPED']);
  });

  it('applies a shipment confirmation once, however often it is delivered', () => {
    const order = applied(
      released(),
      decideShipmentConfirmed(released(), 'E-1', shipment('S-1', [{ lineId: 'L1', quantity: 2 }]), why),
    );
    expect(decideShipmentConfirmed(order, 'E-1', shipment('S-1', [{ lineId: 'L1', quantity: 2 }]), why)).toBeNull();
    expect(
      decideShipmentConfirmed(order, 'E-1-again', shipment('S-1', [{ lineId: 'L1', quantity: 2 }]), why),
    ).toBeNull();
    expect(
      decideMilestone(
        applied(order, decideMilestone(order, 'M-1', milestone('S-1', 'IN_TRANSIT'), why)),
        'M-1',
        milestone('S-1', 'IN_TRANSIT'),
        why,
      ),
    ).toBeNull();
  });

  it('refuses to ship more than is left of a line, or a line the order does not have', () => {
    expect(() =>
      decideShipmentConfirmed(released(), 'E-1', shipment('S-1', [{ lineId: 'L2', quantity: 2 }]), why),
    ).toThrow('Shipment "S-1" ships 2 of line "O-1/L2", which has 1 left to ship');
    expect(() =>
      decideShipmentConfirmed(released(), 'E-1', shipment('S-1', [{ lineId: 'L9', quantity: 1 }]), why),
    ).toThrow('Shipment "S-1" ships line "L9", which order "O-1" does not have');
  });
});

describe('cancellation', () => {
  it('cancels an accepted order with its reservation for inventory to release', () => {
    const change = decideCancel(accepted(), 'customer changed their mind', why);
    expect(change.set).toMatchObject({ status: 'CANCELLED', statusReason: 'customer changed their mind' });
    expect(change.events[1]?.data).toEqual({
      orderId: 'O-1',
      reservationId: 'R-1',
      reason: 'customer changed their mind',
    });
  });

  it('cancels only the unshipped quantity of a partially shipped order', () => {
    const order = applied(
      released(),
      decideShipmentConfirmed(released(), 'E-1', shipment('S-1', [{ lineId: 'L1', quantity: 2 }]), why),
    );
    const change = decideCancel(order, 'rest not needed', why);
    expect(change.set.lines?.map((l) => [l.status, l.shippedQuantity, l.cancelledQuantity])).toEqual([
      ['SHIPPED', 2, 1],
      ['CANCELLED', 0, 1],
    ]);
  });

  it('cancels a pending order whose reservation is not known yet with a null reservation id', () => {
    expect(decideCancel(placedOrder(), 'duplicate', why).events[1]?.data).toMatchObject({ reservationId: null });
  });

  it('refuses to cancel what has fully shipped', () => {
    const shipped = applied(
      released(),
      decideShipmentConfirmed(
        released(),
        'E-1',
        shipment('S-1', [
          { lineId: 'L1', quantity: 3 },
          { lineId: 'L2', quantity: 1 },
        ]),
        why,
      ),
    );
    expect(() => decideCancel(shipped, 'too late', why)).toThrow('Order "O-1" cannot go from SHIPPED to CANCELLED');
  });
});
