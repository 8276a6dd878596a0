import { startRecordingServer, type RecordingServer } from './recording-server.js';

/** One item of an absolute inventory adjustment. */
export interface BigCommerceAdjustmentItem {
  location_id: number;
  sku: string;
  quantity: number;
}

/** The fake BigCommerce API (`https://api.bigcommerce.com/stores/<hash>/...`). */
export interface FakeBigCommerce extends RecordingServer {
  /** Registers a SKU the store knows; adjustments naming others answer 422. */
  sku(sku: string): void;
  /** The bodies of every `PUT /stores/<hash>/v3/inventory/adjustments/absolute`, in order. */
  adjustments(): { reason: string; items: BigCommerceAdjustmentItem[] }[];
}

/**
 * Starts a fake BigCommerce store `storeHash`: absolute adjustments answer `{ transaction_id }`, or 422 with
 * BigCommerce's error shape when an item names a SKU the store does not know.
 */
export async function startFakeBigCommerce(storeHash = 'abc123'): Promise<FakeBigCommerce> {
  const server = await startRecordingServer();
  const skus = new Set<string>();
  let transactions = 0;
  server.route('PUT', `/stores/${storeHash}/v3/inventory/adjustments/absolute`, (request) => {
    const items = ((request.body as { items?: BigCommerceAdjustmentItem[] }).items ??
      []) as BigCommerceAdjustmentItem[];
    const unknown = items.filter((i) => !skus.has(i.sku));
    if (unknown.length)
      return {
        status: 422,
        body: {
          status: 422,
          title: 'Inventory adjustment failed',
          errors: Object.fromEntries(unknown.map((i) => [i.sku, `SKU ${i.sku} not found`])),
        },
      };
    return { body: { transaction_id: `txn-${++transactions}` } };
  });
  return Object.assign(server, {
    sku: (sku: string) => void skus.add(sku),
    adjustments: () =>
      server.requests
        .filter((r) => r.method === 'PUT' && r.path.endsWith('/v3/inventory/adjustments/absolute'))
        .map((r) => r.body as { reason: string; items: BigCommerceAdjustmentItem[] }),
  });
}
