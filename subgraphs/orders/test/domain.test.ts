import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '@fulfillment-mesh/runtime';
import {
  continueAfter,
  decimalToUnits,
  externalKey,
  orderCursorKey,
  orderFilter,
  orderTotal,
  parseExternalKey,
  parseOrderCursor,
  parseOrderStatus,
  timelineOldestFirst,
  toInstant,
  unitsToAmount,
} from '../src/domain/orders.js';
import { line } from './fixtures.js';

describe('order total', () => {
  it('sums quantity x unit price exactly where floats would drift', () => {
    // 0.1 * 3 is 0.30000000000000004 in floating point.
    expect(orderTotal({ _id: 'O-1', lines: [line('L1', 'S', 3, '0.1'), line('L2', 'S', 1, '0.20')] })).toEqual({
      amount: '0.50',
      currencyCode: 'USD',
    });
  });

  it('stays exact beyond the safe range of JavaScript numbers', () => {
    expect(orderTotal({ _id: 'O-1', lines: [line('L1', 'S', 1_000_000, '999999999999.99')] }).amount).toBe(
      '999999999999990000.00',
    );
  });

  it('keeps sub-cent unit prices exact and rounds half up once, on the total', () => {
    expect(orderTotal({ _id: 'O-1', lines: [line('L1', 'S', 1000, '0.0125')] }).amount).toBe('12.50');
    expect(orderTotal({ _id: 'O-1', lines: [line('L1', 'S', 1, '0.0050')] }).amount).toBe('0.01');
    expect(orderTotal({ _id: 'O-1', lines: [line('L1', 'S', 1, '0.0049')] }).amount).toBe('0.00');
  });

  it('totals zero quantities as zero in the order currency', () => {
    expect(orderTotal({ _id: 'O-1', lines: [line('L1', 'S', 0, '5.00', 'EUR')] })).toEqual({
      amount: '0.00',
      currencyCode: 'EUR',
    });
  });

  it('refuses mixed currencies with a CONFLICT naming the order and the currencies', () => {
    const mixed = { _id: 'O-9', lines: [line('L1', 'S', 1, '1.00', 'USD'), line('L2', 'S', 1, '1.00', 'EUR')] };
    expect(() => orderTotal(mixed)).toThrow('Order "O-9" mixes currencies EUR, USD; a total needs one currency');
    expect(() => orderTotal(mixed)).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        details: { entity: 'Order', id: 'O-9', currencies: ['EUR', 'USD'] },
      }),
    );
  });

  it('refuses an order without lines, which has no currency to total in', () => {
    expect(() => orderTotal({ _id: 'O-9', lines: [] })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'Order "O-9" has no lines, so its total has no currency' }),
    );
  });

  it('reports malformed stored amounts and quantities as data defects naming order and line', () => {
    expect(() => orderTotal({ _id: 'O-9', lines: [line('L7', 'S', 1, '1e3')] })).toThrow(
      'Order "O-9" line "L7" has unit price "1e3", not a decimal string',
    );
    expect(() => orderTotal({ _id: 'O-9', lines: [line('L7', 'S', 1.5, '1.00')] })).toThrow(
      'Order "O-9" line "L7" has quantity 1.5, not a whole number >= 0',
    );
    expect(() => orderTotal({ _id: 'O-9', lines: [line('L7', 'S', -1, '1.00')] })).toThrow('has quantity -1');
  });
});

describe('decimal amounts', () => {
  it('parses decimal strings into ten-thousandths', () => {
    expect(decimalToUnits('12.5')).toBe(125_000n);
    expect(decimalToUnits('0.0001')).toBe(1n);
    expect(decimalToUnits('7')).toBe(70_000n);
  });

  it('refuses negatives, exponents, blanks and more than four fraction digits', () => {
    for (const bad of ['-1.00', '1e3', '', '.5', '1.', '1.23456', ' 1.00', '1,00'])
      expect(decimalToUnits(bad)).toBeNull();
  });

  it('formats ten-thousandths with two places', () => {
    expect(unitsToAmount(0n)).toBe('0.00');
    expect(unitsToAmount(125_000n)).toBe('12.50');
    expect(unitsToAmount(10_050n)).toBe('1.01');
  });
});

describe('instants', () => {
  it('normalises ISO-8601 instants with a time zone to toISOString form', () => {
    expect(toInstant('2026-11-01T10:00:00Z', 'f')).toBe('2026-11-01T10:00:00.000Z');
    expect(toInstant('2026-11-01T00:30+02:00', 'f')).toBe('2026-10-31T22:30:00.000Z');
  });

  it('refuses dates without a time zone, impossible calendar days and prose, naming the field', () => {
    expect(() => toInstant('2026-02-30T00:00:00Z', 'filter.createdAfter')).toThrow(
      'Invalid filter.createdAfter: expected an ISO-8601 instant with a time zone, e.g. 2026-11-01T09:30:00Z, received "2026-02-30T00:00:00Z"',
    );
    for (const bad of ['2026-11-01', '2026-11-01T10:00:00', 'Nov 1 2026', '2026-11-01T25:00:00Z'])
      expect(() => toInstant(bad, 'f')).toThrow('Invalid f');
  });
});

describe('order filter', () => {
  it('maps channel, status, customer and a half-open creation window to a store filter', () => {
    expect(
      orderFilter({
        channel: 'WEB',
        status: 'ACCEPTED',
        customerId: 'C-1',
        createdAfter: '2026-11-01T00:00:00Z',
        createdBefore: '2026-11-02T00:00:00Z',
      }),
    ).toEqual({
      channel: 'WEB',
      status: 'ACCEPTED',
      'customer.id': 'C-1',
      createdAt: { $gte: '2026-11-01T00:00:00.000Z', $lt: '2026-11-02T00:00:00.000Z' },
    });
  });

  it('filters nothing when no filter is given, and takes either bound alone', () => {
    expect(orderFilter(null)).toEqual({});
    expect(orderFilter({ channel: null, createdBefore: '2026-11-02T00:00:00.000Z' })).toEqual({
      createdAt: { $lt: '2026-11-02T00:00:00.000Z' },
    });
    expect(orderFilter({ createdAfter: '2026-11-02T00:00:00.000Z' })).toEqual({
      createdAt: { $gte: '2026-11-02T00:00:00.000Z' },
    });
  });

  it('refuses a window whose start is not before its end, naming createdAfter', () => {
    const window = { createdAfter: '2026-11-02T00:00:00.000Z', createdBefore: '2026-11-01T00:00:00.000Z' };
    expect(() => orderFilter(window)).toThrow(
      'Invalid filter.createdAfter: expected an instant before filter.createdBefore (2026-11-01T00:00:00.000Z), received "2026-11-02T00:00:00.000Z"',
    );
    expect(() => orderFilter({ createdAfter: window.createdAfter, createdBefore: window.createdAfter })).toThrow(
      'Invalid filter.createdAfter',
    );
  });

  it('refuses a malformed bound, naming it', () => {
    expect(() => orderFilter({ createdBefore: 'yesterday' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        details: expect.objectContaining({ field: 'filter.createdBefore' }),
      }),
    );
  });

  it('continues strictly after a cursor on both sort keys, next to any creation window', () => {
    expect(continueAfter({ createdAt: { $gte: 'a' } }, { createdAt: '2026-11-02T09:00:00.000Z', id: 'O-3' })).toEqual({
      createdAt: { $gte: 'a' },
      $or: [
        { createdAt: { $lt: '2026-11-02T09:00:00.000Z' } },
        { createdAt: '2026-11-02T09:00:00.000Z', _id: { $lt: 'O-3' } },
      ],
    });
  });
});

describe('order cursors', () => {
  it('round-trips both sort keys, even an id containing the separator', () => {
    const key = orderCursorKey({ _id: 'O|7', createdAt: '2026-11-02T09:00:00.000Z' });
    expect(key).toBe('2026-11-02T09:00:00.000Z|O|7');
    expect(parseOrderCursor(decodeCursor(encodeCursor(key)))).toEqual({
      createdAt: '2026-11-02T09:00:00.000Z',
      id: 'O|7',
    });
  });

  it('refuses well-encoded keys it did not produce, naming after', () => {
    for (const forged of [
      'garbage',
      '2026-11-02T09:00:00.000Z|',
      '2026-11-02T09:00:00Z|O-1',
      '2026-02-30T00:00:00.000Z|O-1',
      '|O-1',
    ]) {
      expect(() => parseOrderCursor(forged)).toThrow(
        `Invalid after: expected a cursor returned by an earlier page, received "${encodeCursor(forged)}"`,
      );
    }
  });
});

describe('external keys, statuses and timelines', () => {
  it('round-trips an external key whose id contains a colon', () => {
    expect(externalKey('EDI', 'PO:42')).toBe('EDI:PO:42');
    expect(parseExternalKey('EDI:PO:42')).toEqual({ channel: 'EDI', externalId: 'PO:42' });
  });

  it('accepts every schema status and refuses others, naming the field', () => {
    expect(parseOrderStatus('RETURN_REQUESTED', 'status')).toBe('RETURN_REQUESTED');
    expect(() => parseOrderStatus('LOST', 'status of order "O-1"')).toThrow(
      'Invalid status of order "O-1": expected one of PENDING_VALIDATION, ACCEPTED,',
    );
    expect(() => parseOrderStatus('toString', 'status')).toThrow('Invalid status');
  });

  it('orders a timeline oldest first and keeps equal instants in their given order', () => {
    const entry = (at: string, note: string) => ({ at, status: 'ACCEPTED' as const, note, actor: 'erp' });
    const sorted = timelineOldestFirst([
      entry('2026-11-02T00:00:00.000Z', 'c'),
      entry('2026-11-01T00:00:00.000Z', 'a'),
      entry('2026-11-01T00:00:00.000Z', 'b'),
    ]);
    expect(sorted.map((e) => e.note)).toEqual(['a', 'b', 'c']);
  });
});
