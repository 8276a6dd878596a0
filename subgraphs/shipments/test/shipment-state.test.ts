import { describe, expect, it } from 'vitest';
import { canTransition, SHIPMENT_TRANSITIONS, transition } from '../src/domain/shipment-state.js';
import { SHIPMENT_STATUSES, type ShipmentStatus } from '../src/store/models.js';

/** The lifecycle as the issue states it, written out pair by pair (independently of the table under test). */
const ALLOWED: Record<ShipmentStatus, ShipmentStatus[]> = {
  PENDING: ['LABEL_CREATED', 'CANCELLED'],
  LABEL_CREATED: ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED'],
  PICKED_UP: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED_TO_SENDER'],
  IN_TRANSIT: ['OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED_TO_SENDER'],
  OUT_FOR_DELIVERY: ['DELIVERED', 'EXCEPTION', 'RETURNED_TO_SENDER'],
  EXCEPTION: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'RETURNED_TO_SENDER'],
  DELIVERED: [],
  RETURNED_TO_SENDER: [],
  CANCELLED: [],
};

const pairs = SHIPMENT_STATUSES.flatMap((from) =>
  SHIPMENT_STATUSES.filter((to) => to !== from).map((to) => [from, to] as const),
);
const allowed = pairs.filter(([from, to]) => ALLOWED[from].includes(to));
const forbidden = pairs.filter(([from, to]) => !ALLOWED[from].includes(to));

describe('shipment state machine', () => {
  it('covers every status, and every pair is either allowed or forbidden', () => {
    expect(Object.keys(SHIPMENT_TRANSITIONS).sort()).toEqual([...SHIPMENT_STATUSES].sort());
    expect(allowed.length + forbidden.length).toBe(72);
    expect(allowed).toHaveLength(23);
  });

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition('shp-1', from, to)).toBe(to);
  });

  it.each(forbidden)('refuses %s → %s with a CONFLICT naming both states', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => transition('shp-1', from, to)).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: `Shipment "shp-1" cannot move from ${from} to ${to}`,
        details: { entity: 'Shipment', id: 'shp-1', current: from, requested: to },
      }),
    );
  });

  it.each(SHIPMENT_STATUSES)('lets %s stay where it is (repeat scans)', (status) => {
    expect(transition('shp-1', status, status)).toBe(status);
  });

  it('cancels only before the carrier has the parcel', () => {
    expect(SHIPMENT_STATUSES.filter((s) => canTransition(s, 'CANCELLED') && s !== 'CANCELLED')).toEqual([
      'PENDING',
      'LABEL_CREATED',
    ]);
  });
});
