import { describe, expect, it } from 'vitest';
import { newOrderDoc, priceLines, validatePlaceOrder, type CatalogProduct } from '../src/domain/place-order.js';
import { orderInput } from './support/harness.js';

const catalog = new Map<string, CatalogProduct>([
  ['SKU-1', { sku: 'SKU-1', status: 'ACTIVE', price: { amount: '12.50', currencyCode: 'USD' } }],
  ['SKU-2', { sku: 'SKU-2', status: 'ACTIVE', price: { amount: '3.00', currencyCode: 'USD' } }],
  ['OLD-1', { sku: 'OLD-1', status: 'DISCONTINUED', price: { amount: '1.00', currencyCode: 'USD' } }],
  ['EUR-1', { sku: 'EUR-1', status: 'ACTIVE', price: { amount: '1.00', currencyCode: 'EUR' } }],
  ['FREE-1', { sku: 'FREE-1', status: 'ACTIVE', price: null }],
]);
const three = (third: { sku: string; quantity: number }) =>
  orderInput({ lines: [{ sku: 'SKU-1', quantity: 1 }, { sku: 'SKU-2', quantity: 1 }, third] });
const priced = (input: ReturnType<typeof orderInput>) => priceLines(validatePlaceOrder(input, null), catalog);

describe('placeOrder validation', () => {
  it('names the line and the field of a quantity that is not a positive whole number', () => {
    expect(() => validatePlaceOrder(three({ sku: 'SKU-1', quantity: 0 }), null)).toThrow(
      'lines[2].quantity: expected a positive whole number, received 0',
    );
    expect(() => validatePlaceOrder(three({ sku: 'SKU-1', quantity: -4 }), null)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        details: expect.objectContaining({ field: 'lines[2].quantity' }),
      }),
    );
  });

  it('numbers lines L1, L2, … when the channel gives no line ids, and refuses a reused one', () => {
    expect(validatePlaceOrder(three({ sku: 'SKU-1', quantity: 1 }), null).map((l) => l.lineId)).toEqual([
      'L1',
      'L2',
      'L3',
    ]);
    const reused = orderInput({
      lines: [
        { lineId: 'A', sku: 'SKU-1', quantity: 1 },
        { lineId: 'A', sku: 'SKU-2', quantity: 1 },
      ],
    });
    expect(() => validatePlaceOrder(reused, null)).toThrow(
      'lines[1].lineId: expected an id no other line of the order uses, received "A"',
    );
  });

  it('refuses an order without lines, blank identifiers and a blank idempotency key', () => {
    expect(() => validatePlaceOrder(orderInput({ lines: [] }), null)).toThrow(
      'Invalid lines: expected 1 to 100 lines, received "0 lines"',
    );
    expect(() => validatePlaceOrder(orderInput({ externalId: ' ' }), null)).toThrow(
      'Invalid externalId: expected a non-blank string',
    );
    expect(() => validatePlaceOrder(orderInput(), '')).toThrow('Invalid idempotencyKey');
  });

  it('refuses a malformed submitted unit price, naming the line', () => {
    const input = orderInput({
      lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: { amount: '1e3', currencyCode: 'USD' } }],
    });
    expect(() => validatePlaceOrder(input, null)).toThrow('lines[0].unitPrice.amount: expected a decimal string');
    const currency = orderInput({
      lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: { amount: '1.00', currencyCode: 'usd' } }],
    });
    expect(() => validatePlaceOrder(currency, null)).toThrow(
      'lines[0].unitPrice.currencyCode: expected an ISO-4217 code such as USD, received "usd"',
    );
  });

  it('refuses SKUs the catalog does not know or no longer sells, naming the line', () => {
    expect(() => priced(three({ sku: 'NOPE', quantity: 1 }))).toThrow(
      'lines[2].sku: expected a SKU known to the catalog, received "NOPE"',
    );
    expect(() => priced(three({ sku: 'OLD-1', quantity: 1 }))).toThrow(
      'lines[2].sku: expected an ACTIVE product, received "OLD-1 (DISCONTINUED)"',
    );
  });

  it('refuses a line without a price anywhere, and lines in a second currency', () => {
    expect(() => priced(three({ sku: 'FREE-1', quantity: 1 }))).toThrow(
      'lines[2].unitPrice: expected a unit price (the catalog has none for FREE-1), received nothing',
    );
    expect(() => priced(three({ sku: 'EUR-1', quantity: 1 }))).toThrow(
      'lines[2].unitPrice.currencyCode: expected USD, the currency of lines[0], received "EUR"',
    );
  });

  it('prices lines from the catalog unless the channel gave a price, and opens them', () => {
    const lines = priced(
      orderInput({
        lines: [
          { sku: 'SKU-1', quantity: 2 },
          { sku: 'FREE-1', quantity: 1, unitPrice: { amount: '0.00', currencyCode: 'USD' } },
        ],
      }),
    );
    expect(lines.map((l) => [l.lineId, l.unitPrice.amount, l.status, l.shippedQuantity])).toEqual([
      ['L1', '12.50', 'OPEN', 0],
      ['L2', '0.00', 'OPEN', 0],
    ]);
  });

  it('writes a new order as PENDING_VALIDATION with its reservation key and no idempotency field without a key', () => {
    const doc = newOrderDoc({
      id: 'O-1',
      input: orderInput(),
      lines: priced(orderInput()),
      at: '2026-11-05T10:00:00.000Z',
    });
    expect(doc).toMatchObject({
      status: 'PENDING_VALIDATION',
      reservation: { key: 'order:O-1', id: null, mode: 'SYNC' },
      timeline: [{ status: 'PENDING_VALIDATION', actor: 'channel:web' }],
    });
    expect('idempotencyKey' in doc).toBe(false);
    expect(
      newOrderDoc({ id: 'O-2', input: orderInput(), lines: [], idempotencyKey: 'k-1', at: '2026-11-05T10:00:00.000Z' })
        .idempotencyKey,
    ).toBe('k-1');
  });
});
