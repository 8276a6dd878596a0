import { describe, expect, it } from 'vitest';
import {
  canonicalInstant,
  isShipmentStatus,
  normalizeMilestones,
  orderMilestones,
  parseShipmentStatus,
  shipmentStatusFrom,
  trackingNumberNotFound,
  validTrackingNumber,
} from '../src/domain/milestones.js';
import { parseShipmentCursorKey, shipmentCursorKey, shipmentFilter } from '../src/domain/queries.js';
import { SHIPMENT_STATUSES } from '../src/store/models.js';

describe('shipment status', () => {
  it('is PENDING before the first milestone', () => {
    expect(shipmentStatusFrom([])).toBe('PENDING');
  });

  it('is the status of the latest milestone, whatever order they arrive in', () => {
    expect(
      shipmentStatusFrom([
        { status: 'DELIVERED', at: '2026-11-03T10:00:00.000Z' },
        { status: 'LABEL_CREATED', at: '2026-11-01T10:00:00.000Z' },
        { status: 'IN_TRANSIT', at: '2026-11-02T10:00:00.000Z' },
      ]),
    ).toBe('DELIVERED');
  });

  it('compares instants by time, not by text, across UTC offsets', () => {
    // 09:00-05:00 is 14:00Z, later than 12:00Z although it sorts first as a string.
    const milestones = [
      { status: 'EXCEPTION', at: '2026-11-02T09:00:00-05:00' },
      { status: 'IN_TRANSIT', at: '2026-11-02T12:00:00Z' },
    ] as const;
    expect(shipmentStatusFrom(milestones)).toBe('EXCEPTION');
  });

  it('takes the last reported of two milestones at the same instant', () => {
    const sameInstant = '2026-11-02T12:00:00.000Z';
    expect(
      shipmentStatusFrom([
        { status: 'OUT_FOR_DELIVERY', at: sameInstant },
        { status: 'DELIVERED', at: sameInstant },
      ]),
    ).toBe('DELIVERED');
  });

  it('reads source spellings of a status and refuses unknown ones naming the field', () => {
    expect(parseShipmentStatus(' in transit ', 'status')).toBe('IN_TRANSIT');
    expect(parseShipmentStatus('Out-For-Delivery', 'status')).toBe('OUT_FOR_DELIVERY');
    expect(() => parseShipmentStatus('LOST', 'milestones[2].status')).toThrow(
      `Invalid milestones[2].status: expected one of ${SHIPMENT_STATUSES.join(', ')}, received "LOST"`,
    );
    expect(isShipmentStatus('CANCELLED')).toBe(true);
    expect(isShipmentStatus('cancelled')).toBe(false);
  });
});

describe('milestones', () => {
  it('orders oldest first without modifying the input, keeping ties in given order', () => {
    const input = [
      { at: '2026-11-02T00:00:00.000Z', n: 1 },
      { at: '2026-11-01T00:00:00.000Z', n: 2 },
      { at: '2026-11-02T00:00:00.000Z', n: 3 },
    ];
    expect(orderMilestones(input).map((m) => m.n)).toEqual([2, 1, 3]);
    expect(input.map((m) => m.n)).toEqual([1, 2, 3]);
  });

  it('normalises statuses, instants, text and blank locations, oldest first', () => {
    expect(
      normalizeMilestones([
        {
          status: 'delivered',
          at: '2026-11-03T08:30:00-05:00',
          location: '  Austin, TX ',
          description: ' Left at front door ',
        },
        { status: 'label_created', at: '2026-11-01T10:00:00Z', location: '   ', description: 'Label created' },
        { status: 'IN_TRANSIT', at: '2026-11-02T10:00:00.000Z', description: 'Departed facility' },
      ]),
    ).toEqual([
      { status: 'LABEL_CREATED', at: '2026-11-01T10:00:00.000Z', location: null, description: 'Label created' },
      { status: 'IN_TRANSIT', at: '2026-11-02T10:00:00.000Z', location: null, description: 'Departed facility' },
      {
        status: 'DELIVERED',
        at: '2026-11-03T13:30:00.000Z',
        location: 'Austin, TX',
        description: 'Left at front door',
      },
    ]);
  });

  it('keeps one copy of an event a carrier re-sent verbatim', () => {
    const event = { status: 'IN_TRANSIT', at: '2026-11-02T10:00:00Z', location: 'Memphis, TN', description: 'Arrived' };
    expect(normalizeMilestones([event, { ...event, at: '2026-11-02T05:00:00-05:00' }])).toHaveLength(1);
    expect(normalizeMilestones([event, { ...event, description: 'Departed' }])).toHaveLength(2);
  });

  it('refuses a milestone whose instant cannot be read, naming its position', () => {
    expect(() => normalizeMilestones([{ status: 'IN_TRANSIT', at: 'yesterday', description: 'x' }])).toThrow(
      'Invalid milestones[0].at: expected an ISO-8601 instant, received "yesterday"',
    );
    expect(canonicalInstant('2026-11-02T10:00:00+01:00', 'createdAt')).toBe('2026-11-02T09:00:00.000Z');
  });
});

describe('tracking numbers', () => {
  it('accepts letters, digits and hyphens up to 64 characters', () => {
    expect(validTrackingNumber('1Z999AA10123456784')).toBe('1Z999AA10123456784');
    expect(validTrackingNumber('9400-1000-0000')).toBe('9400-1000-0000');
    expect(validTrackingNumber('x'.repeat(64))).toBe('x'.repeat(64));
  });

  it('refuses empty, oversized or punctuated numbers naming trackingNumber', () => {
    for (const bad of ['', 'x'.repeat(65), '1Z 999', '1Z_999', '1Z999\n', 'ÄBC']) {
      expect(() => validTrackingNumber(bad)).toThrow(
        'Invalid trackingNumber: expected 1 to 64 letters, digits or hyphens',
      );
    }
  });

  it('names the tracking number in its NOT_FOUND error', () => {
    expect(trackingNumberNotFound('1Z-404')).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Shipment with tracking number "1Z-404" was not found',
    });
  });
});

describe('shipment cursors and filters', () => {
  it('round-trips a cursor key, including an id that contains the separator', () => {
    const key = shipmentCursorKey({ _id: 'SH|7', createdAt: '2026-11-02T09:00:00.000Z' });
    expect(key).toBe('2026-11-02T09:00:00.000Z|SH|7');
    expect(parseShipmentCursorKey(key)).toEqual({ createdAt: '2026-11-02T09:00:00.000Z', id: 'SH|7' });
  });

  it('refuses a key it did not make, naming after', () => {
    for (const bad of ['SH-1', '|SH-1', '2026-11-02T09:00:00.000Z|', '2026-11-02|SH-1', 'garbage|SH-1']) {
      expect(() => parseShipmentCursorKey(bad)).toThrow('Invalid after: expected a cursor returned by an earlier page');
    }
  });

  it('builds a store filter from the client filter, ignoring absent fields', () => {
    expect(shipmentFilter(null, null)).toEqual({});
    expect(shipmentFilter({ orderId: 'O-1', locationId: null, status: 'DELIVERED', carrier: 'UPS' }, null)).toEqual({
      orderId: 'O-1',
      status: 'DELIVERED',
      carrier: 'UPS',
    });
  });

  it('continues strictly after the cursor in newest-first order', () => {
    expect(shipmentFilter({ locationId: 'DC-EAST' }, { createdAt: '2026-11-02T09:00:00.000Z', id: 'SH-3' })).toEqual({
      locationId: 'DC-EAST',
      $or: [
        { createdAt: { $lt: '2026-11-02T09:00:00.000Z' } },
        { createdAt: '2026-11-02T09:00:00.000Z', _id: { $lt: 'SH-3' } },
      ],
    });
  });
});
