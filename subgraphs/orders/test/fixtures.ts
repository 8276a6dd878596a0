import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import type { OrderDoc, OrderLineDoc } from '../src/store/models.js';

const at = '2026-11-05T00:00:00.000Z';
const provenance = { source: 'test', sourceVersion: '1', observedAt: at };

/** One order line; price in USD unless overridden. */
export function line(
  lineId: string,
  sku: string,
  quantity: number,
  amount: string,
  currencyCode = 'USD',
): OrderLineDoc {
  return { lineId, sku, quantity, unitPrice: { amount, currencyCode } };
}

/** A small valid order; tests override what they are about. */
export function order(id: string, overrides: Partial<OrderDoc> = {}): OrderDoc {
  const createdAt = overrides.createdAt ?? '2026-11-01T10:00:00.000Z';
  return {
    _id: id,
    channel: 'WEB',
    externalId: `EXT-${id}`,
    customer: { id: 'C-1', name: 'Ada Buyer', email: 'ada@example.com' },
    shipTo: {
      name: 'Ada Buyer',
      address: {
        line1: '1 Main St',
        line2: null,
        city: 'Springfield',
        region: 'IL',
        postalCode: '62701',
        country: 'US',
      },
    },
    lines: [line('L1', 'SKU-1', 1, '1.25')],
    status: 'ACCEPTED',
    createdAt,
    updatedAt: at,
    timeline: [{ at: createdAt, status: 'ACCEPTED', note: 'accepted', actor: 'system' }],
    version: 1,
    provenance: { content: provenance, status: provenance },
    ...overrides,
  };
}

/**
 * Five orders, newest first: O-3 and O-2 share a creation instant (the id breaks the tie), O-1 and O-3 share
 * the external id W-100 on different channels, and O-5 mixes currencies.
 */
export const orders: OrderDoc[] = [
  order('O-1', {
    externalId: 'W-100',
    lines: [line('L1', 'SKU-1', 3, '1.25'), line('L2', 'SKU-2', 1, '42.10')],
    timeline: [
      { at: '2026-11-01T10:00:00.000Z', status: 'PENDING_VALIDATION', note: 'received from web', actor: 'channel:web' },
      { at: '2026-11-01T10:05:00.000Z', status: 'ACCEPTED', note: 'credit check passed', actor: 'erp' },
    ],
  }),
  order('O-2', {
    channel: 'MARKETPLACE',
    externalId: 'M-200',
    customer: { id: 'C-2', name: 'Bo Trader', email: null },
    status: 'SHIPPED',
    createdAt: '2026-11-02T09:00:00.000Z',
  }),
  order('O-3', { channel: 'EDI', externalId: 'W-100', status: 'ACCEPTED', createdAt: '2026-11-02T09:00:00.000Z' }),
  order('O-4', {
    customer: { id: 'C-3', name: 'Cy Shopper', email: null },
    status: 'CANCELLED',
    createdAt: '2026-10-30T08:00:00.000Z',
  }),
  order('O-5', {
    channel: 'STORE',
    createdAt: '2026-10-01T12:00:00.000Z',
    lines: [line('L1', 'SKU-1', 1, '1.00'), line('L2', 'SKU-2', 1, '2.00', 'EUR')],
  }),
];

/** An in-memory store holding the fixture orders. */
export async function storeWithOrders() {
  const store = openEmbeddedStore();
  await store.collection<OrderDoc>('orders').insertMany(orders);
  return store;
}
