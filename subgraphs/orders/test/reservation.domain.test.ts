import { describe, expect, it } from 'vitest';
import { decideDegrade, decideExpiry, decideReservation } from '../src/domain/reservation.js';
import { confirmed, placedOrder, why } from './support/orders.js';

const types = (change: { events: { def: { type: string } }[] } | null) => change?.events.map((e) => e.def.type);

describe('reservation outcomes', () => {
  it('accepts a covered confirmation: allocations stored, lines ALLOCATED, placed and transitioned emitted', () => {
    const change = decideReservation(placedOrder(), confirmed(), why)!;
    expect(change.set.status).toBe('ACCEPTED');
    expect(change.set.allocations?.map((a) => a.locationId)).toEqual(['dc-east', 'dc-west']);
    expect(change.set.lines?.map((l) => [l.lineId, l.status, l.allocatedQuantity])).toEqual([
      ['L1', 'ALLOCATED', 3],
      ['L2', 'ALLOCATED', 1],
    ]);
    expect(change.set.reservation).toMatchObject({ id: 'R-1' });
    expect(types(change)).toEqual(['orders.order.placed', 'orders.order.transitioned']);
    expect(change.events[0]?.data).toMatchObject({
      status: 'ACCEPTED',
      reservationKey: 'order:O-1',
      shipToRegion: 'IL',
    });
    expect(change.timeline[0]?.note).toBe('inventory reserved R-1 at dc-east, dc-west');
  });

  it('backorders an order when part of a line is backordered', () => {
    const outcome = {
      ...confirmed(),
      allocations: [
        {
          locationId: 'dc-east',
          lines: [
            { lineId: 'L1', sku: 'SKU-1', quantity: 1 },
            { lineId: 'L2', sku: 'SKU-2', quantity: 1 },
          ],
        },
      ],
      backordered: [{ lineId: 'L1', sku: 'SKU-1', quantity: 2 }],
    };
    const change = decideReservation(placedOrder(), outcome, why)!;
    expect(change.set.status).toBe('BACKORDERED');
    expect(change.set.lines?.map((l) => [l.status, l.allocatedQuantity, l.backorderedQuantity])).toEqual([
      ['BACKORDERED', 1, 2],
      ['ALLOCATED', 1, 0],
    ]);
  });

  it('rejects on a failed reservation with its reason and cancels the lines', () => {
    const change = decideReservation(
      placedOrder(),
      { kind: 'failed', key: 'order:O-1', reservationId: 'R-9', reason: 'insufficient stock' },
      why,
    )!;
    expect(change.set).toMatchObject({ status: 'REJECTED', statusReason: 'insufficient stock' });
    expect(change.set.lines?.every((l) => l.status === 'CANCELLED' && l.cancelledQuantity === l.quantity)).toBe(true);
    expect(change.releases).toEqual([]);
  });

  it('compensates a confirmation that does not cover the order: rejected, and the reservation released', () => {
    const short = {
      ...confirmed(),
      allocations: [{ locationId: 'dc-east', lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 3 }] }],
    };
    const change = decideReservation(placedOrder(), short, why)!;
    expect(change.set).toMatchObject({
      status: 'REJECTED',
      statusReason: 'reservation R-1 cannot be accepted: line "L2" needs 1, the reservation covers 0',
    });
    expect(change.releases).toEqual([{ reservationId: 'R-1', reason: 'COMPENSATED', requestedAt: why.at }]);
    const stranger = {
      ...confirmed(),
      allocations: [{ locationId: 'dc-east', lines: [{ lineId: 'L7', sku: 'SKU-1', quantity: 3 }] }],
    };
    expect(decideReservation(placedOrder(), stranger, why)?.set.statusReason).toContain(
      'it names line "L7", which the order does not have',
    );
  });

  it('releases a reservation confirmed after the order was cancelled, once', () => {
    const cancelled = placedOrder('O-1', { status: 'CANCELLED' });
    const change = decideReservation(cancelled, confirmed(), why)!;
    expect(change.releases).toEqual([{ reservationId: 'R-1', reason: 'CANCELLED', requestedAt: why.at }]);
    expect(change.set.status).toBeUndefined();
    expect(change.timeline[0]).toMatchObject({
      status: 'CANCELLED',
      note: 'reservation R-1 confirmed after cancellation; release requested',
    });
    const afterwards = { ...cancelled, reservation: change.set.reservation! };
    expect(decideReservation(afterwards, confirmed(), why)).toBeNull();
  });

  it('ignores outcomes for another key and outcomes already applied', () => {
    expect(decideReservation(placedOrder(), confirmed('order:O-2'), why)).toBeNull();
    expect(decideReservation(placedOrder('O-1', { status: 'ACCEPTED' }), confirmed(), why)).toBeNull();
  });

  it('emits placed with the outcome only when placeOrder was waiting for it (not after degrading)', () => {
    const degraded = placedOrder();
    degraded.reservation = { ...degraded.reservation!, mode: 'ASYNC' };
    expect(types(decideReservation(degraded, confirmed(), why))).toEqual(['orders.order.transitioned']);
  });

  it('degrades once: placed with PENDING_VALIDATION asks inventory to reserve under the same key', () => {
    const change = decideDegrade(placedOrder(), { ...why, cause: 'inventory unavailable' })!;
    expect(change.set.reservation).toMatchObject({ mode: 'ASYNC', key: 'order:O-1' });
    expect(change.events[0]?.data).toMatchObject({ status: 'PENDING_VALIDATION', reservationKey: 'order:O-1' });
    expect(change.timeline[0]).toMatchObject({ status: 'PENDING_VALIDATION', note: 'inventory unavailable' });
    expect(decideDegrade({ ...placedOrder(), reservation: change.set.reservation! }, why)).toBeNull();
    expect(decideDegrade(placedOrder('O-1', { status: 'ACCEPTED' }), why)).toBeNull();
  });

  it('notes an expired reservation on an unshipped order once, leaving its status', () => {
    const accepted = placedOrder('O-1', {
      status: 'ACCEPTED',
      reservation: { key: 'order:O-1', id: 'R-1', mode: 'SYNC', requestedAt: why.at },
    });
    const change = decideExpiry(accepted, 'E-1', 'R-1', why)!;
    expect(change.set.status).toBeUndefined();
    expect(change.timeline[0]).toMatchObject({
      status: 'ACCEPTED',
      note: 'reservation R-1 expired in inventory; its stock is no longer held',
    });
    expect(decideExpiry({ ...accepted, appliedEvents: ['E-1'] }, 'E-1', 'R-1', why)).toBeNull();
    expect(decideExpiry(accepted, 'E-2', 'R-other', why)).toBeNull();
    expect(decideExpiry({ ...accepted, status: 'RELEASED' }, 'E-3', 'R-1', why)).toBeNull();
  });
});
