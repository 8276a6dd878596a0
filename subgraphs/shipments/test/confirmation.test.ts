import { describe, expect, it } from 'vitest';
import { assertConfirmable, planConfirmation, remainderPosition, splitSuffix } from '../src/domain/confirmation.js';
import { releasedShipmentId, shipmentsFromRelease } from '../src/domain/release.js';

const shipment = {
  _id: 'shp-O-1-DC',
  lines: [
    { lineId: 'L1', sku: 'SKU-1', quantity: 5 },
    { lineId: 'L2', sku: 'SKU-2', quantity: 2 },
  ],
};
const booking = { carrier: ' UPS ', service: 'GROUND', trackingNumber: '1Z-1' };

describe('confirmation plan', () => {
  it('ships everything named in full and leaves nothing behind', () => {
    const plan = planConfirmation(shipment, {
      ...booking,
      lines: [
        { lineId: 'L2', quantity: 2 },
        { lineId: 'L1', quantity: 5 },
      ],
    });
    expect(plan).toEqual({
      carrier: 'UPS',
      service: 'GROUND',
      trackingNumber: '1Z-1',
      shipped: shipment.lines,
      remainder: [],
    });
  });

  it('leaves unnamed lines and missing units behind, in the shipment line order', () => {
    const plan = planConfirmation(shipment, { ...booking, lines: [{ lineId: 'L1', quantity: 3 }] });
    expect(plan.shipped).toEqual([{ lineId: 'L1', sku: 'SKU-1', quantity: 3 }]);
    expect(plan.remainder).toEqual([
      { lineId: 'L1', sku: 'SKU-1', quantity: 2 },
      { lineId: 'L2', sku: 'SKU-2', quantity: 2 },
    ]);
  });

  it.each([
    [
      [{ lineId: 'L9', quantity: 1 }],
      'Invalid lines[0].lineId: expected a line of shipment "shp-O-1-DC" (L1, L2), received "L9"',
    ],
    [
      [
        { lineId: 'L1', quantity: 1 },
        { lineId: 'L1', quantity: 1 },
      ],
      'Invalid lines[1].lineId: expected each line at most once, received "L1"',
    ],
    [
      [{ lineId: 'L2', quantity: 3 }],
      'Invalid lines[0].quantity: expected a whole number from 1 to 2 for line "L2", received 3',
    ],
    [
      [{ lineId: 'L1', quantity: 0 }],
      'Invalid lines[0].quantity: expected a whole number from 1 to 5 for line "L1", received 0',
    ],
    [
      [{ lineId: 'L1', quantity: 1.5 }],
      'Invalid lines[0].quantity: expected a whole number from 1 to 5 for line "L1", received 1.5',
    ],
    [[], 'Invalid lines: expected at least one line, received []'],
  ])('refuses bad lines with INVALID_INPUT naming the line (%j)', (lines, message) => {
    expect(() => planConfirmation(shipment, { ...booking, lines })).toThrow(message);
  });

  it('refuses a malformed tracking number and blank carrier or service naming the field', () => {
    const lines = [{ lineId: 'L1', quantity: 1 }];
    expect(() => planConfirmation(shipment, { ...booking, lines, trackingNumber: '1Z 1' })).toThrow(
      'Invalid trackingNumber',
    );
    expect(() => planConfirmation(shipment, { ...booking, lines, carrier: '  ' })).toThrow(
      'Invalid carrier: expected 1 to 64 characters',
    );
    expect(() => planConfirmation(shipment, { ...booking, lines, service: '' })).toThrow(
      'Invalid service: expected 1 to 64 characters',
    );
  });
});

describe('confirmable states', () => {
  it('accepts PENDING and LABEL_CREATED shipments without a tracking number', () => {
    expect(() => assertConfirmable({ _id: 's', status: 'PENDING' })).not.toThrow();
    expect(() => assertConfirmable({ _id: 's', status: 'LABEL_CREATED' })).not.toThrow();
  });

  it('refuses a confirmed, cancelled or moving shipment with a CONFLICT naming current and requested state', () => {
    expect(() => assertConfirmable({ _id: 's', status: 'LABEL_CREATED', trackingNumber: '1Z' })).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'Shipment "s" is already confirmed with tracking number "1Z"',
      }),
    );
    expect(() => assertConfirmable({ _id: 's', status: 'CANCELLED' })).toThrow(
      'Shipment "s" cannot move from CANCELLED to LABEL_CREATED',
    );
    expect(() => assertConfirmable({ _id: 's', status: 'IN_TRANSIT' })).toThrow(
      'Shipment "s" cannot move from IN_TRANSIT to LABEL_CREATED',
    );
  });
});

describe('split ids', () => {
  it('names splits like spreadsheet columns from B', () => {
    expect([1, 2, 25, 26, 27, 51, 52].map(splitSuffix)).toEqual(['B', 'C', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });

  it('continues the chain of the first shipment, whichever link is split', () => {
    expect(remainderPosition({ _id: 'shp-O-1-DC' })).toEqual({
      id: 'shp-O-1-DC-B',
      rootId: 'shp-O-1-DC',
      splitIndex: 1,
    });
    expect(remainderPosition({ _id: 'shp-O-1-DC-B', rootId: 'shp-O-1-DC', splitIndex: 1 })).toEqual({
      id: 'shp-O-1-DC-C',
      rootId: 'shp-O-1-DC',
      splitIndex: 2,
    });
  });
});

describe('shipments from a release', () => {
  it('derives one id per order and location and merges repeated lines and locations', () => {
    const docs = shipmentsFromRelease(
      {
        orderId: 'O-1',
        reservationId: 'R-1',
        allocations: [
          {
            locationId: 'DC',
            lines: [
              { lineId: 'L1', sku: 'A', quantity: 1 },
              { lineId: 'L1', sku: 'A', quantity: 2 },
            ],
          },
          { locationId: 'STORE', lines: [{ lineId: 'L2', sku: 'B', quantity: 1 }] },
          { locationId: 'DC', lines: [{ lineId: 'L3', sku: 'C', quantity: 4 }] },
          { locationId: 'EMPTY', lines: [] },
        ],
      },
      '2026-11-10T00:00:00.000Z',
      { eventId: 'evt-1' },
    );
    expect(
      docs.map((d) => [d._id, d.status, d.reservationId, d.lines.map((l) => `${l.lineId}x${l.quantity}`)]),
    ).toEqual([
      ['shp-O-1-DC', 'PENDING', 'R-1', ['L1x3', 'L3x4']],
      ['shp-O-1-STORE', 'PENDING', 'R-1', ['L2x1']],
    ]);
    expect(releasedShipmentId('O-1', 'DC')).toBe('shp-O-1-DC');
  });
});
