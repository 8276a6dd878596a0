import type { ConnectorMetrics, InboundStores, ConflictLog } from '@fulfillment-mesh/connectors';
import type { EventBus } from '@fulfillment-mesh/events';
import type { Collection, Logger, RouteHandler } from '@fulfillment-mesh/runtime';
import type { ChannelConfig } from '../../domain/index.js';
import type { InventoryStore } from '../../store/index.js';
import { notConfigured } from '../http.js';
import { createAtpReader, stockedSkus } from './atp.js';
import { createBigCommerceAtpTarget } from './bigcommerce.js';
import type { ChannelAtpOptions } from './options.js';
import { createShopifyAtpTarget } from './shopify.js';
import { createShopifyInventoryLevels, SHOPIFY_INVENTORY_LEVELS } from './shopify-inventory-levels.js';
import { startChannelAtpSync, type ChannelAtpSync, type ChannelSyncDeadLetter } from './sync.js';
import type { AtpTarget } from './target.js';
import { createWooCommerceAtpTarget } from './woocommerce.js';

export type { ChannelAtpOptions } from './options.js';
export { channelAtpOptionsFromEnv } from './options.js';
export type { ChannelSyncDeadLetter } from './sync.js';

/** The channel syncs of the inventory: ATP out to each configured channel, Shopify inventory levels in. */
export interface ChannelAtp {
  routes: Record<string, RouteHandler>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Queues a full push of every stocked SKU to every channel (the periodic drift repair, on demand). */
  pushAll(): Promise<number>;
  /** Resolves once no ATP push is waiting or in flight. */
  idle(timeoutMs?: number): Promise<void>;
  /** Failed pushes with the remote's answers (collection `channel_sync_dead_letters`). */
  deadLetters(filter?: { connector?: string; status?: 'open' | 'resolved' }): Promise<ChannelSyncDeadLetter[]>;
}

/** Builds the channel syncs from their options; a channel without configuration is off (logged once). */
export function createChannelAtp(deps: {
  options: ChannelAtpOptions;
  webhookSecrets: readonly string[];
  bus: EventBus | null;
  inventory: InventoryStore;
  channels: ChannelConfig;
  conflicts: ConflictLog | null;
  stores: InboundStores;
  deadLetters: Collection<ChannelSyncDeadLetter>;
  metrics: (connector: string) => ConnectorMetrics;
  logger: Logger;
  now: () => Date;
}): ChannelAtp {
  const { options, logger } = deps;
  const onStale = deps.metrics('shopify-atp');
  const shopify = options.shopify
    ? createShopifyAtpTarget(options.shopify, { onStaleOverwrite: () => onStale.increment('staleOverwritten') })
    : null;
  const targets: AtpTarget[] = [
    ...(shopify ? [shopify] : []),
    ...(options.woocommerce ? [createWooCommerceAtpTarget(options.woocommerce)] : []),
    ...(options.bigcommerce ? [createBigCommerceAtpTarget(options.bigcommerce)] : []),
  ];
  const atpOf = createAtpReader(deps);
  const off = [
    !options.shopify && 'shopify-atp (SHOPIFY_ADMIN_URL, SHOPIFY_ADMIN_TOKEN)',
    !options.woocommerce && 'woocommerce-atp (WOOCOMMERCE_URL, WOOCOMMERCE_CONSUMER_KEY, WOOCOMMERCE_CONSUMER_SECRET)',
    !options.bigcommerce && 'bigcommerce-atp (BIGCOMMERCE_STORE_HASH, BIGCOMMERCE_ACCESS_TOKEN)',
  ].filter(Boolean);
  if (off.length) logger.info({ off }, 'channel ATP sync off for channels without configuration');

  const routes: Record<string, RouteHandler> = {};
  routes['/webhooks/shopify/inventory-levels'] =
    shopify && deps.webhookSecrets.length && deps.conflicts
      ? createShopifyInventoryLevels({
          secrets: deps.webhookSecrets,
          channel: shopify.channel,
          skuOfInventoryItem: (id) => shopify.skuOfInventoryItem(id),
          locationOf: (id) => shopify.locationOf(id),
          atpOf,
          inventory: deps.inventory,
          conflicts: deps.conflicts,
          stores: deps.stores,
          metrics: deps.metrics(SHOPIFY_INVENTORY_LEVELS),
          logger,
        })
      : notConfigured(
          SHOPIFY_INVENTORY_LEVELS,
          'SHOPIFY_WEBHOOK_SECRET, SHOPIFY_ADMIN_URL, SHOPIFY_ADMIN_TOKEN',
          logger,
        );

  let sync: ChannelAtpSync | null = null;
  return {
    routes,
    async start() {
      if (sync || !deps.bus || targets.length === 0) return;
      sync = await startChannelAtpSync({
        bus: deps.bus,
        targets,
        atpOf,
        skus: () => stockedSkus(deps.inventory),
        deadLetters: deps.deadLetters,
        metrics: deps.metrics,
        logger,
        now: deps.now,
        ...(options.windowMs !== undefined ? { windowMs: options.windowMs } : {}),
        ...(options.fullPushIntervalMs !== undefined ? { fullPushIntervalMs: options.fullPushIntervalMs } : {}),
        ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.backoff ? { backoff: options.backoff } : {}),
        ...(options.delivery ? { delivery: options.delivery } : {}),
        ...(options.consume ? { consume: options.consume } : {}),
      });
    },
    async stop() {
      await sync?.stop();
      sync = null;
    },
    pushAll: async () => (sync ? sync.pushAll() : 0),
    idle: async (timeoutMs) => sync?.idle(timeoutMs),
    deadLetters: (filter = {}) => deps.deadLetters.find(filter, { sort: { deadLetteredAt: 1 } }),
  };
}
