import { createHmac } from 'node:crypto';
import { createMemoryEventBus, type EventBus } from '@fulfillment-mesh/events';
import { createLogger, directoryOf, serveSubgraph, subgraphTester, type HttpService } from '@fulfillment-mesh/runtime';
import type { CatalogAdapterOptions } from '../src/adapters/index.js';
import { createCatalogSubgraph, type CatalogSubgraph } from '../src/server.js';
import { storeWithProducts } from './fixtures.js';

export const silent = createLogger({ service: 'catalog-test', level: 'silent' });

/** Secrets of the tests' adapters. */
export const PIM_SECRET = 'pim-test-secret';
export const ERP_SECRET = 'erp-test-secret';
export const configured: CatalogAdapterOptions = { pimWebhookSecret: PIM_SECRET, erpWebhookSecret: ERP_SECRET };

/** A catalog over the three fixture products (SKU-1..3), its in-process GraphQL tester, and its bus. */
export async function catalogHarness(adapters: CatalogAdapterOptions = configured) {
  const bus: EventBus = createMemoryEventBus({ logger: silent });
  const subgraph: CatalogSubgraph = await createCatalogSubgraph({
    store: await storeWithProducts(),
    logger: silent,
    bus,
    services: directoryOf({}),
    adapters,
  });
  const tester = await subgraphTester(subgraph);
  let service: HttpService | undefined;
  return {
    bus,
    subgraph,
    tester,
    /** Serves the subgraph on a random port (starting its background work); returns the base URL. */
    async serve(): Promise<string> {
      service = await serveSubgraph(subgraph, { port: 0, host: '127.0.0.1' });
      return `http://127.0.0.1:${service.port}`;
    },
    async close() {
      await tester.stop();
      if (service) await service.close();
      else await subgraph.close();
      await bus.close();
    },
  };
}

/** Hex HMAC-SHA256 of `body` under `secret`: what the PIM and the ERP send. */
export function hexSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** POSTs `body` with `headers`; resolves with the status and the JSON answer. */
export async function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', body, headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** An item master CSV with the standard header. */
export function itemMaster(...rows: string[]): string {
  return ['sku,price,currency,uom,status,version,observed_at', ...rows].join('\n') + '\n';
}

/** A PIM product document. */
export function pimDocument(sku: string, version: number, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    sku,
    version,
    observedAt: `2026-11-0${Math.min(version, 9)}T10:00:00Z`,
    name: `PIM name v${version}`,
    description: 'From the PIM',
    brand: 'Northwind',
    category: 'fasteners',
    attributes: { material: 'zinc', length_mm: 40 },
    ...overrides,
  });
}

/** A promise with its resolve function outside, for waiting on callbacks without sleeps. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
