import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { externalId, parseJson, parseJsonText } from '../src/index.js';
import { hasSharedFixtures, needsShared, sharedFixture } from './support.js';

describe('JSON with 64-bit ids', () => {
  it('keeps integers beyond 2^53 exactly, as strings, and leaves everything else alone', () => {
    const text =
      '{"id":5463658123456789012,"line_items":[{"id":-9007199254740993,"qty":2}],"note":"id 5463658123456789012 \\"x\\"","price":1.5e3,"small":9007199254740991}';
    expect(parseJsonText(text)).toEqual({
      id: '5463658123456789012',
      line_items: [{ id: '-9007199254740993', qty: 2 }],
      note: 'id 5463658123456789012 "x"',
      price: 1500,
      small: 9007199254740991,
    });
  });

  it('turns big and small ids alike into strings with externalId', () => {
    const parse = parseJson(z.object({ id: externalId, lines: z.array(z.object({ id: externalId })) }));
    expect(
      parse(Buffer.from('{"id":5463658123456789012,"lines":[{"id":7},{"id":"gid://shopify/LineItem/9"}]}')),
    ).toEqual({
      id: '5463658123456789012',
      lines: [{ id: '7' }, { id: 'gid://shopify/LineItem/9' }],
    });
  });

  it.skipIf(!hasSharedFixtures)(`reads the shared Shopify order sample${needsShared}`, () => {
    const parse = parseJson(
      z.object({
        order: z.object({
          id: externalId,
          line_items: z.array(z.object({ id: externalId, sku: z.string().nullable(), quantity: z.number().int() })),
        }),
      }),
    );
    const { order } = parse(Buffer.from(sharedFixture('shopify/order.json')));
    expect(order.id).toBe('450789469');
    expect(order.line_items.length).toBeGreaterThan(0);
    expect(order.line_items.every((l) => typeof l.id === 'string')).toBe(true);
  });
});
