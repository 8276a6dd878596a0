import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHANNELS,
  parseReserveRequest,
  parseTtl,
  sameRequest,
  type RawReserveRequest,
} from '../src/domain/index.js';

const raw = (overrides: Partial<RawReserveRequest> = {}): RawReserveRequest => ({
  key: 'k1',
  channel: 'WEB',
  lines: [{ lineId: 'L1', sku: 'A', quantity: 1 }],
  ...overrides,
});
const parse = (overrides: Partial<RawReserveRequest> = {}) => parseReserveRequest(raw(overrides), DEFAULT_CHANNELS);

describe('reservation requests', () => {
  it('fills the optional fields with null', () => {
    expect(parse()).toEqual({
      key: 'k1',
      orderId: null,
      customerId: null,
      channel: 'WEB',
      shipToRegion: null,
      lines: [{ lineId: 'L1', sku: 'A', quantity: 1 }],
      ttlSeconds: null,
      allowBackorder: null,
    });
  });

  it('names the line and its index for a bad quantity', () => {
    const lines = [
      { lineId: 'L1', sku: 'A', quantity: 1 },
      { lineId: 'L2', sku: 'B', quantity: 0 },
    ];
    expect(() => parse({ lines })).toThrow(
      'Invalid quantity of line "L2" (lines[1]): expected a whole number >= 1, received 0',
    );
  });

  it('refuses duplicate line ids, empty SKUs, no lines, a bad TTL, an empty key and an unknown channel', () => {
    expect(() =>
      parse({
        lines: [
          { lineId: 'L1', sku: 'A', quantity: 1 },
          { lineId: 'L1', sku: 'B', quantity: 1 },
        ],
      }),
    ).toThrow('Invalid lineId of line "L1" (lines[1])');
    expect(() => parse({ lines: [{ lineId: 'L1', sku: '', quantity: 1 }] })).toThrow(
      'Invalid sku of line "L1" (lines[0])',
    );
    expect(() => parse({ lines: [] })).toThrow('Invalid lines: expected 1 to 500 lines, received "0 lines"');
    expect(() => parse({ ttlSeconds: 0 })).toThrow('Invalid ttlSeconds');
    expect(() => parse({ key: ' ' })).toThrow('Invalid key');
    expect(() => parse({ channel: 'FAX' })).toThrow('Invalid channel');
    expect(() => parseTtl(1.5)).toThrow('Invalid ttlSeconds');
  });

  it('recognises a repeated request whatever the line order, TTL or backorder flag', () => {
    const a = parse({
      lines: [
        { lineId: 'L1', sku: 'A', quantity: 1 },
        { lineId: 'L2', sku: 'B', quantity: 2 },
      ],
    });
    const b = parse({
      lines: [
        { lineId: 'L2', sku: 'B', quantity: 2 },
        { lineId: 'L1', sku: 'A', quantity: 1 },
      ],
      ttlSeconds: 60,
    });
    expect(sameRequest(a, b)).toBe(true);
    expect(sameRequest(a, parse({ lines: [{ lineId: 'L1', sku: 'A', quantity: 2 }] }))).toBe(false);
    expect(sameRequest(a, { ...a, channel: 'EDI' })).toBe(false);
  });
});
