import { startRecordingServer, type RecordingServer } from './recording-server.js';

/** The fake WooCommerce REST API v3. */
export interface FakeWooCommerce extends RecordingServer {
  /** Registers a product: `GET /wp-json/wc/v3/products?sku=<sku>` finds it. */
  product(sku: string, id: number): void;
  /** The `update` arrays of every `POST /wp-json/wc/v3/products/batch`, in order. */
  batches(): { id: number; stock_quantity: number }[][];
}

/**
 * Starts a fake WooCommerce: `GET /wp-json/wc/v3/products?sku=` answers the registered product (or `[]`),
 * `POST /wp-json/wc/v3/products/batch` echoes `update` with `manage_stock: true`.
 */
export async function startFakeWooCommerce(): Promise<FakeWooCommerce> {
  const server = await startRecordingServer();
  const products = new Map<string, number>();
  server.route('GET', '/wp-json/wc/v3/products', (request) => {
    const id = products.get(request.query.sku ?? '');
    return { body: id === undefined ? [] : [{ id, sku: request.query.sku, manage_stock: true }] };
  });
  server.route('POST', '/wp-json/wc/v3/products/batch', (request) => {
    const update = ((request.body as { update?: unknown[] }).update ?? []) as Record<string, unknown>[];
    return { body: { update: update.map((u) => ({ ...u, manage_stock: true })) } };
  });
  return Object.assign(server, {
    product: (sku: string, id: number) => void products.set(sku, id),
    batches: () =>
      server.requests
        .filter((r) => r.method === 'POST' && r.path === '/wp-json/wc/v3/products/batch')
        .map((r) => (r.body as { update: { id: number; stock_quantity: number }[] }).update),
  });
}
