import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryEventBus } from '@fulfillment-mesh/events';
import { directoryOf, openEmbeddedStore, serveSubgraph, subgraphTester } from '@fulfillment-mesh/runtime';
import type { OrdersAdapterOptions } from '../../src/adapters/index.js';
import { createOrdersSubgraph, type OrdersOptions } from '../../src/server.js';
import { startCatalog } from '../support/catalog-stand-in.js';
import { FAST_CLIENT, silent } from '../support/harness.js';
import { startInventory } from '../support/inventory-stand-in.js';

/** Real samples written by others (../shared/fixtures/SOURCES.md): read in place, never copied into the repo. */
export const SHARED_FIXTURES =
  process.env.SHARED_FIXTURES_DIR ??
  resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../../shared/fixtures');
export const hasSharedFixtures = existsSync(SHARED_FIXTURES);
/** Suffix for the names of tests that need the shared samples (they are skipped without them, saying why). */
export const needsShared = hasSharedFixtures ? '' : ` (skipped: ${SHARED_FIXTURES} is absent)`;
export const sharedFixture = (path: string) => readFileSync(join(SHARED_FIXTURES, path), 'utf8');

/** Secrets of the tests (never used anywhere else). */
export const SECRETS = { shopify: 'shopify-test-secret', wooCommerce: 'woo-test-secret', edi: 'edi-test-token' };

/** Fast outbound retries so that "ERP down" tests finish in well under a second per retry. */
export const FAST_CONSUME = { maxAttempts: 200, backoff: { baseMs: 10, maxMs: 50 }, blockMs: 50 };

/**
 * An orders subgraph served on a random port with the adapters configured, in front of catalog and inventory
 * stand-ins: `products` are the catalog, `stock` units at dc-east per SKU.
 */
export async function startOrders(setup: {
  products: string[];
  stock?: Record<string, number>;
  adapters?: OrdersAdapterOptions;
  options?: OrdersOptions;
}) {
  const products = setup.products.map((sku) => ({ sku }));
  const catalog = await startCatalog(products);
  const inventory = await startInventory(setup.stock ?? Object.fromEntries(setup.products.map((sku) => [sku, 1_000])));
  const bus = createMemoryEventBus({ logger: silent });
  const store = openEmbeddedStore();
  const subgraph = await createOrdersSubgraph({
    store,
    logger: silent,
    bus,
    services: directoryOf({ catalog: catalog.url, inventory: inventory.url }),
    options: {
      inventory: FAST_CLIENT,
      catalog: FAST_CLIENT,
      pollIntervalMs: 20,
      adapters: {
        shopifySecret: SECRETS.shopify,
        wooCommerceSecret: SECRETS.wooCommerce,
        edi: { token: SECRETS.edi },
        consume: FAST_CONSUME,
        ...setup.adapters,
      },
      ...setup.options,
    },
  });
  const service = await serveSubgraph(subgraph, { port: 0, host: '127.0.0.1' });
  const tester = await subgraphTester(subgraph);
  const base = `http://127.0.0.1:${service.port}`;
  return {
    subgraph,
    catalog,
    inventory,
    bus,
    store,
    tester,
    base,
    /** Adds a product to the catalog stand-in (the fix before a re-drive). */
    addProduct: (sku: string) => void products.push({ sku }),
    post: (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(base + path, { method: 'POST', body, headers }),
    get: (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers }),
    /** The order placed for a channel's id. */
    byExternalId: (channel: string, externalId: string) =>
      subgraph.orders.orders.findOne({ channel: channel as 'WEB', externalId }),
    async close() {
      await tester.stop();
      await service.close();
      await bus.close();
      await catalog.close();
      await inventory.close();
    },
  };
}

/** Polls `probe` until it returns a truthy value; fails naming `what` after `timeoutMs`. */
export { waitFor } from '../support/harness.js';
