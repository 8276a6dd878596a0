import { describe, expect, it } from 'vitest';
import { applyMilestone, milestoneOf } from '../src/domain/tracking.js';
import type { MilestoneDoc, ShipmentStatus } from '../src/store/models.js';

const m = (status: ShipmentStatus, day: number): MilestoneDoc => ({
  status,
  at: `2026-11-0${day}T12:00:00.000Z`,
  location: null,
  description: status,
});
const confirmed = (status: ShipmentStatus, milestones: MilestoneDoc[]) => ({
  _id: 'shp-1',
  status,
  milestones,
  trackingNumber: '1Z-1',
});

describe('tracking milestones', () => {
  it('moves the status forward with a newer milestone and keeps milestones oldest first', () => {
    const change = applyMilestone(confirmed('LABEL_CREATED', [m('LABEL_CREATED', 1)]), m('IN_TRANSIT', 2));
    expect(change).toEqual({
      duplicate: false,
      status: 'IN_TRANSIT',
      milestones: [m('LABEL_CREATED', 1), m('IN_TRANSIT', 2)],
    });
  });

  it('records a late milestone older than the newest as history without moving the status back', () => {
    const change = applyMilestone(
      confirmed('DELIVERED', [m('LABEL_CREATED', 1), m('DELIVERED', 4)]),
      m('IN_TRANSIT', 2),
    );
    expect(change.status).toBe('DELIVERED');
    expect(change.milestones.map((x) => x.status)).toEqual(['LABEL_CREATED', 'IN_TRANSIT', 'DELIVERED']);
  });

  it('ignores a milestone it already holds (same status, same instant), whatever its text', () => {
    const held = confirmed('IN_TRANSIT', [m('LABEL_CREATED', 1), m('IN_TRANSIT', 2)]);
    expect(
      applyMilestone(held, { ...m('IN_TRANSIT', 2), description: 're-sent', at: '2026-11-02T07:00:00-05:00' }),
    ).toEqual({
      duplicate: true,
      status: 'IN_TRANSIT',
      milestones: held.milestones,
    });
  });

  it('refuses a newer milestone that the state machine forbids, naming both states', () => {
    expect(() => applyMilestone(confirmed('DELIVERED', [m('DELIVERED', 3)]), m('IN_TRANSIT', 4))).toThrow(
      'Shipment "shp-1" cannot move from DELIVERED to IN_TRANSIT',
    );
  });

  it('refuses carrier movement before the shipment is confirmed, but accepts a label', () => {
    const unconfirmed = { _id: 'shp-1', status: 'PENDING' as const, milestones: [] };
    expect(applyMilestone(unconfirmed, m('LABEL_CREATED', 1)).status).toBe('LABEL_CREATED');
    const labelled = { ...unconfirmed, status: 'LABEL_CREATED' as const, milestones: [m('LABEL_CREATED', 1)] };
    expect(() => applyMilestone(labelled, m('PICKED_UP', 2))).toThrow(
      'Shipment "shp-1" cannot move from LABEL_CREATED to PICKED_UP: it is not confirmed yet',
    );
  });

  it('builds a milestone from a carrier code when no status is given, keeping the code', () => {
    expect(
      milestoneOf({
        carrierCode: 'out_for_delivery',
        at: '2026-11-03T08:00:00-05:00',
        location: ' ',
        description: ' On the van ',
      }),
    ).toEqual({
      status: 'OUT_FOR_DELIVERY',
      at: '2026-11-03T13:00:00.000Z',
      location: null,
      description: 'On the van',
      carrierCode: 'out_for_delivery',
    });
    expect(
      milestoneOf({ status: 'EXCEPTION', carrierCode: 'failure', at: '2026-11-03T08:00:00Z', description: 'x' }).status,
    ).toBe('EXCEPTION');
  });

  it('refuses an event with neither a status nor a carrier code that names one', () => {
    expect(() => milestoneOf({ at: '2026-11-03T08:00:00Z', description: 'x' })).toThrow(
      'Invalid status: expected a status, or a carrierCode that names one',
    );
    expect(() => milestoneOf({ carrierCode: 'unknown', at: '2026-11-03T08:00:00Z', description: 'x' })).toThrow(
      'Invalid status',
    );
    expect(() => milestoneOf({ status: 'IN_TRANSIT', at: 'soon', description: 'x' })).toThrow(
      'Invalid at: expected an ISO-8601 instant',
    );
  });
});
