import {
  createWebhookHandler,
  hexHmacVerifier,
  parseJson,
  type ConnectorMetrics,
  type InboundStores,
  type Secrets,
  type WebhookHandler,
} from '@fulfillment-mesh/connectors';
import type { Logger } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import type { ProductChanges, SourceStamp } from '../domain/products.js';
import type { ProductUpdateResult, ProductUpdates } from '../workflows/product-updates.js';

/** The header the PIM signs its webhooks with: hex HMAC-SHA256 of the raw body under `PIM_WEBHOOK_SECRET`. */
export const PIM_SIGNATURE_HEADER = 'X-PIM-Signature';

/** The source name PIM writes carry (see mastering.ts). */
export const PIM_SOURCE = 'pim';

const text = (max: number) => z.string().trim().max(max);

/**
 * A PIM product document. `version` is the PIM's integer revision of the product (it orders writes);
 * `price` is optional and only mapped so that the mastering rules can refuse it (the ERP masters prices).
 */
export const pimProductSchema = z.object({
  sku: text(64).min(1),
  version: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String),
  observedAt: z.iso.datetime({ offset: true }),
  name: text(200).min(1),
  description: text(10_000)
    .nullish()
    .transform((v) => v || null),
  brand: text(200)
    .nullish()
    .transform((v) => v || null),
  category: text(200).min(1),
  attributes: z
    .union([
      z.array(
        z.object({ name: text(100).min(1), value: z.union([z.string(), z.number(), z.boolean()]).transform(String) }),
      ),
      z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    ])
    .default([])
    .transform((a) =>
      Array.isArray(a) ? a : Object.entries(a).map(([name, value]) => ({ name, value: String(value) })),
    ),
  price: z.object({ amount: z.string(), currencyCode: z.string() }).optional(),
});

/** One PIM document as parsed. */
export type PimProduct = z.output<typeof pimProductSchema>;

/** What the PIM document maps to: a mastered update of one product. */
export interface PimUpdate {
  sku: string;
  stamp: SourceStamp;
  changes: ProductChanges;
}

/** Maps a PIM document to the canonical update: content always, price when the PIM sent one (refused by mastering). */
export function mapPimProduct(doc: PimProduct): PimUpdate {
  const content = {
    name: doc.name,
    description: doc.description,
    brand: doc.brand,
    category: doc.category,
    attributes: doc.attributes,
  };
  return {
    sku: doc.sku,
    stamp: { source: PIM_SOURCE, sourceVersion: doc.version, observedAt: doc.observedAt },
    changes: { content, ...(doc.price ? { price: doc.price } : {}) },
  };
}

/** Dependencies of {@link createPimWebhook}. */
export interface PimWebhookDeps {
  secret: Secrets;
  updates: ProductUpdates;
  stores: InboundStores;
  metrics: ConnectorMetrics;
  logger: Logger;
}

/**
 * `POST /webhooks/pim`: verify → parse → dedupe on `<sku>@<version>` → map → `ProductUpdates.update` (content;
 * the PIM never creates products: an unknown SKU is NOT_FOUND, kept as a dead letter and re-drivable once the
 * ERP item master has created it). A write the mastering rules refuse is processed (200) and logged as a conflict.
 */
export function createPimWebhook(deps: PimWebhookDeps): WebhookHandler<ProductUpdateResult> {
  return createWebhookHandler<PimProduct, PimUpdate, ProductUpdateResult>({
    name: 'pim-products',
    verify: hexHmacVerifier('pim', PIM_SIGNATURE_HEADER, deps.secret),
    parse: parseJson(pimProductSchema),
    documentId: (doc) => `${doc.sku}@${doc.version}`,
    map: mapPimProduct,
    apply: (update, meta) =>
      deps.updates.update(
        update.sku,
        { ...update.stamp, adapterRun: meta.redriveOf ? `pim-redrive:${meta.redriveOf}` : `pim:${meta.documentId}` },
        update.changes,
      ),
    receipts: deps.stores.receipts,
    deadLetters: deps.stores.deadLetters,
    metrics: deps.metrics,
    logger: deps.logger,
  });
}
