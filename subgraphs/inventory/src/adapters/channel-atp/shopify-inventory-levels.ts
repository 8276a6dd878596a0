import {
  createWebhookHandler,
  parseJson,
  shopifyVerifier,
  UnprocessableDocumentError,
  type ConflictLog,
  type ConnectorMetrics,
  type InboundStores,
  type WebhookHandler,
} from '@fulfillment-mesh/connectors';
import type { Logger } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { positionId, type Channel } from '../../domain/index.js';
import type { InventoryStore } from '../../store/index.js';
import type { SkuAtp } from './target.js';

/** The connector name of the Shopify `inventory_levels/update` webhook. */
export const SHOPIFY_INVENTORY_LEVELS = 'shopify-inventory-levels';

const id = z.union([z.number().int(), z.string().min(1)]);
const inventoryLevelDoc = z.object({
  inventory_item_id: id,
  location_id: id,
  available: z.number().int().nullable(),
  updated_at: z.string().min(1),
});
type InventoryLevelDoc = z.output<typeof inventoryLevelDoc>;

interface Drift {
  sku: string;
  locationId: string;
  reported: number | null;
  updatedAt: string;
}

/** What the webhook answers for one level: the same as ours, or a conflict recorded (never applied). */
export type InventoryLevelResult =
  | { status: 'in-sync'; sku: string; locationId: string; available: number }
  | {
      status: 'drift-recorded';
      sku: string;
      locationId: string;
      reported: number | null;
      ours: number;
      conflictId: string;
    };

/** What the webhook needs: Shopify lookups (the ATP target's caches), our ATP, the conflict log. */
export interface ShopifyInventoryLevelsDeps {
  secrets: readonly string[];
  channel: Channel;
  skuOfInventoryItem: (id: string | number) => Promise<string | undefined>;
  locationOf: (id: string | number) => string | undefined;
  atpOf: (sku: string, channel: Channel) => Promise<SkuAtp>;
  inventory: InventoryStore;
  conflicts: ConflictLog;
  stores: InboundStores;
  metrics: ConnectorMetrics;
  logger: Logger;
}

/**
 * `POST /webhooks/shopify/inventory-levels` (topic `inventory_levels/update`, `X-Shopify-Hmac-Sha256`): the shop's
 * `available` at one location is a drift signal, never a write — the WMS/POS masters on-hand and the mesh
 * masters ATP. A level that differs from the channel's ATP we would push there is recorded as a mastering
 * conflict (`non-authoritative`, field group `onHand`; the conflict log publishes `inventory.conflict.recorded`);
 * the next push (or the periodic full push) sets Shopify straight. An inventory item or location we cannot map is
 * a dead letter naming it.
 */
export function createShopifyInventoryLevels(deps: ShopifyInventoryLevelsDeps): WebhookHandler<InventoryLevelResult> {
  return createWebhookHandler({
    name: SHOPIFY_INVENTORY_LEVELS,
    verify: shopifyVerifier(deps.secrets),
    receipts: deps.stores.receipts,
    deadLetters: deps.stores.deadLetters,
    metrics: deps.metrics,
    logger: deps.logger,
    parse: parseJson(inventoryLevelDoc),
    documentId: (doc: InventoryLevelDoc) => `${doc.inventory_item_id}@${doc.location_id}@${doc.updated_at}`,
    async map(doc): Promise<Drift> {
      const locationId = deps.locationOf(doc.location_id);
      if (!locationId)
        throw new UnprocessableDocumentError(
          `Shopify location ${doc.location_id} is not mapped to one of our locations (SHOPIFY_LOCATIONS)`,
        );
      const sku = await deps.skuOfInventoryItem(doc.inventory_item_id);
      if (!sku)
        throw new UnprocessableDocumentError(`Shopify inventory item ${doc.inventory_item_id} has no SKU we know`);
      return { sku, locationId, reported: doc.available, updatedAt: doc.updated_at };
    },
    async apply(drift): Promise<InventoryLevelResult> {
      const ours = (await deps.atpOf(drift.sku, deps.channel)).byLocation[drift.locationId] ?? 0;
      if (drift.reported === ours) {
        deps.metrics.increment('inSync');
        return { status: 'in-sync', sku: drift.sku, locationId: drift.locationId, available: ours };
      }
      const [location] = await deps.inventory.locationsByIds([drift.locationId]);
      const id = positionId(drift.sku, drift.locationId);
      const [position] = await deps.inventory.positionsByIds([id]);
      const conflict = await deps.conflicts.record({
        entity: 'positions',
        entityId: id,
        fieldGroup: 'onHand',
        incoming: { source: 'shopify', sourceVersion: drift.updatedAt, observedAt: drift.updatedAt },
        current: position?.provenance?.onHand ?? null,
        code: 'non-authoritative',
        reason:
          `Shopify reports available ${drift.reported ?? 'untracked'} for ${drift.sku} at ${drift.locationId}; ` +
          `the mesh's ${deps.channel} ATP there is ${ours} (on-hand ${position?.onHand ?? 0}). Shopify does not ` +
          'master stock: recorded as drift, not applied; the next ATP push corrects the shop.',
        context: { locationKind: location?.kind ?? null, channel: deps.channel },
      });
      deps.metrics.increment('drift');
      return {
        status: 'drift-recorded',
        sku: drift.sku,
        locationId: drift.locationId,
        reported: drift.reported,
        ours,
        conflictId: conflict._id,
      };
    },
  });
}
