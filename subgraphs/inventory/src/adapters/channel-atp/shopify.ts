import { TransientDeliveryError } from '@fulfillment-mesh/connectors';
import type { ShopifyAtpOptions } from './options.js';
import {
  callJson,
  ChannelRefusedError,
  pause,
  UnknownSkuError,
  type AtpTarget,
  type PushedQuantities,
  type SkuAtp,
} from './target.js';

/** Resolves a SKU to its inventory item (once per SKU: the answer is cached). */
export const VARIANT_BY_SKU = `query VariantBySku($query: String!) {
  productVariants(first: 2, query: $query) { nodes { sku inventoryItem { id } } }
}`;

/** Sets `available` absolutely; `changeFromQuantity` guards each quantity, the idempotency key the whole call. */
export const SET_AVAILABLE = `mutation SetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup { id }
    userErrors { field message code }
  }
}`;

/** The SKU of an inventory item (for webhooks about items this process has not resolved yet). */
export const SKU_OF_ITEM = `query SkuOfItem($id: ID!) { inventoryItem(id: $id) { id sku } }`;

interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: {
    cost?: {
      requestedQueryCost?: number;
      throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
    };
  };
}

/** The Shopify target, plus the inventory item → SKU lookup the `inventory_levels/update` webhook needs. */
export type ShopifyAtpTarget = AtpTarget & {
  /** The SKU of an inventory item (numeric id or GID), cached or asked once; undefined when it has none. */
  skuOfInventoryItem(id: string | number): Promise<string | undefined>;
  /** Our location id of a Shopify location (numeric id or GID); undefined when not mapped. */
  locationOf(id: string | number): string | undefined;
  /** Resolves (and caches) the inventory item of `sku`; null when the shop has no variant with it. */
  inventoryItemOf(sku: string, signal: AbortSignal): Promise<string | null>;
};

const gidTail = (id: string | number) => String(id).replace(/^gid:\/\/shopify\/[A-Za-z]+\//, '');

/**
 * Shopify's GraphQL Admin API. Throttling is cost-based: every answer's `extensions.cost.throttleStatus` says
 * how many points are left and how fast they restore, so when the bucket is lower than the last request's cost
 * the next call waits until it has refilled; a THROTTLED error or a 429 (`Retry-After`) does the same and is
 * retried. A stale `changeFromQuantity` (someone else changed `available` since our last push) is settled by
 * pushing again without the guard: the mesh masters ATP, so its value wins.
 */
export function createShopifyAtpTarget(options: ShopifyAtpOptions, hooks: { onStaleOverwrite?: () => void } = {}) {
  const endpoint = `${options.url}/admin/api/${options.apiVersion}/graphql.json`;
  const items = new Map<string, string>();
  const skus = new Map<string, string>();
  const ours = new Map(Object.entries(options.locations).map(([id, gid]) => [gidTail(gid), id]));
  let notBefore = 0;
  let lastCost = 10;

  async function graphql(query: string, variables: Record<string, unknown>, signal: AbortSignal) {
    await pause(notBefore - Date.now(), signal);
    const { body, text } = await callJson(
      'shopify-atp',
      endpoint,
      { method: 'POST', headers: { 'x-shopify-access-token': options.token }, body: { query, variables }, signal },
      (ms) => (notBefore = Date.now() + ms),
    );
    const answer = body as GraphqlAnswer;
    const cost = answer.extensions?.cost;
    if (cost?.requestedQueryCost) lastCost = cost.requestedQueryCost;
    const status = cost?.throttleStatus;
    if (status && status.restoreRate > 0 && status.currentlyAvailable < lastCost)
      notBefore = Date.now() + Math.ceil(((lastCost - status.currentlyAvailable) / status.restoreRate) * 1_000);
    if (answer.errors?.some((e) => e.extensions?.code === 'THROTTLED')) {
      if (notBefore <= Date.now()) notBefore = Date.now() + 1_000; // no status given: one second's restore
      throw new TransientDeliveryError('shopify-atp: throttled (THROTTLED)', 429);
    }
    if (answer.errors?.length)
      throw new ChannelRefusedError(
        `shopify-atp: GraphQL errors: ${answer.errors.map((e) => e.message).join('; ')}`,
        200,
        text,
      );
    return { data: answer.data ?? {}, text };
  }

  async function inventoryItemOf(sku: string, signal: AbortSignal): Promise<string | null> {
    const cached = items.get(sku);
    if (cached) return cached;
    const { data } = await graphql(VARIANT_BY_SKU, { query: `sku:${JSON.stringify(sku)}` }, signal);
    const nodes =
      (data.productVariants as { nodes?: { sku: string; inventoryItem: { id: string } }[] } | undefined)?.nodes ?? [];
    const match = nodes.find((n) => n.sku === sku);
    if (!match) return null;
    items.set(sku, match.inventoryItem.id);
    skus.set(gidTail(match.inventoryItem.id), sku);
    return match.inventoryItem.id;
  }

  async function set(
    sku: string,
    item: string,
    quantities: PushedQuantities,
    previous: PushedQuantities | null,
    idempotencyKey: string,
    signal: AbortSignal,
  ) {
    const input = {
      name: 'available',
      reason: 'correction',
      referenceDocumentUri: `fulfillment-mesh://inventory/atp/${encodeURIComponent(sku)}`,
      quantities: Object.entries(quantities).map(([locationId, quantity]) => ({
        inventoryItemId: item,
        locationId,
        quantity,
        changeFromQuantity: previous?.[locationId] ?? null,
      })),
    };
    const { data, text } = await graphql(SET_AVAILABLE, { input, idempotencyKey }, signal);
    const errors =
      (data.inventorySetQuantities as { userErrors?: { code?: string; message: string }[] } | undefined)?.userErrors ??
      [];
    return { errors, text };
  }

  const target: ShopifyAtpTarget = {
    name: 'shopify-atp',
    channel: options.channel,
    quantities: (atp: SkuAtp) =>
      Object.fromEntries(Object.entries(options.locations).map(([id, gid]) => [gid, atp.byLocation[id] ?? 0])),
    async push(sku, quantities, previous, { idempotencyKey, signal }) {
      const item = await inventoryItemOf(sku, signal);
      if (!item) throw new UnknownSkuError('shopify-atp', sku, JSON.stringify({ productVariants: { nodes: [] } }));
      let result = await set(sku, item, quantities, previous, idempotencyKey, signal);
      if (previous && result.errors.length && result.errors.every((e) => e.code === 'CHANGE_FROM_QUANTITY_STALE')) {
        hooks.onStaleOverwrite?.();
        result = await set(sku, item, quantities, null, `${idempotencyKey}:overwrite`, signal);
      }
      if (result.errors.length)
        throw new ChannelRefusedError(
          `shopify-atp: inventorySetQuantities refused ${sku}: ${result.errors.map((e) => `${e.code ?? ''} ${e.message}`.trim()).join('; ')}`,
          200,
          result.text,
        );
    },
    async skuOfInventoryItem(id) {
      const tail = gidTail(id);
      const cached = skus.get(tail);
      if (cached) return cached;
      const gid = `gid://shopify/InventoryItem/${tail}`;
      const { data } = await graphql(SKU_OF_ITEM, { id: gid }, AbortSignal.timeout(5_000)); // 5 seconds
      const sku = (data.inventoryItem as { sku?: string | null } | null | undefined)?.sku ?? undefined;
      if (sku) {
        skus.set(tail, sku);
        items.set(sku, gid);
      }
      return sku;
    },
    locationOf: (id) => ours.get(gidTail(id)),
    inventoryItemOf,
  };
  return target;
}
