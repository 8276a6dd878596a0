import {
  createControlNumberAllocator,
  createImportJobs,
  createMetricsRegistry,
  hexHmacVerifier,
  openInboundStores,
  type ControlNumberDoc,
  type ImportJobKind,
  type ImportJobs,
} from '@fulfillment-mesh/connectors';
import type { ConflictLog } from '@fulfillment-mesh/connectors';
import type { EventBus } from '@fulfillment-mesh/events';
import type { Logger, RouteHandler, Store } from '@fulfillment-mesh/runtime';
import type { ChannelConfig } from '../domain/index.js';
import { createInventoryAdvice } from './inventory-advice.js';
import type { ObservedStock } from '../workflows/observed-stock.js';
import type { Reconciler } from '../workflows/reconciliation.js';
import type { InventoryStore } from '../store/index.js';
import { createEdi846Route } from './edi-846.js';
import { createErpOnHandImport, ERP_SIGNATURE_HEADER } from './erp-onhand.js';
import { startErpMovements } from './erp-movements.js';
import { notConfigured } from './http.js';
import type { InventoryAdapterOptions } from './options.js';
import { createWmsAdapters, WMS_SNAPSHOTS_CONNECTOR } from './wms.js';
import { createChannelAtp, type ChannelAtp, type ChannelSyncDeadLetter } from './channel-atp/index.js';

export type { InventoryAdapterOptions } from './options.js';
export { adapterOptionsFromEnv } from './options.js';
export { WMS_SIGNATURE_HEADER } from './wms.js';
export { ERP_SIGNATURE_HEADER } from './erp-onhand.js';
export type { ChannelAtp, ChannelAtpOptions, ChannelSyncDeadLetter } from './channel-atp/index.js';

/** What the adapters are built from (the subgraph's own services: adapters never write around them). */
export interface InventoryAdapterDeps {
  store: Pick<Store, 'collection'>;
  inventory: InventoryStore;
  observed: ObservedStock;
  reconciler: Reconciler;
  channels: ChannelConfig;
  /** Absent: the ERP movement posting (an outbound consumer group) does not run. */
  bus: EventBus | null;
  /** The mastering conflict log (Shopify inventory levels are recorded there as drift); absent: that webhook is off. */
  conflicts?: ConflictLog;
  logger: Logger;
  now: () => Date;
  options: InventoryAdapterOptions;
}

/** The inventory's adapters: HTTP routes to mount, background work to start and stop, their counters. */
export interface InventoryAdapters {
  /** Path → handler, mounted on the subgraph's HTTP server (`SubgraphDefinition.routes`). */
  routes: Record<string, RouteHandler>;
  /** Background import jobs (large WMS snapshots), resumed at start. */
  jobs: ImportJobs;
  /** Starts the outbound consumers (ERP movement posting when `ERP_URL` is set). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `{ [connector]: { [counter]: value } }`. */
  metrics(): Record<string, Record<string, number>>;
  /** The channel ATP syncs (Shopify, WooCommerce, BigCommerce) and the Shopify inventory-levels webhook. */
  channelAtp: ChannelAtp;
  /** Re-drives a WMS dead letter (after a fix) through the connector that kept it. */
  redrive(connector: 'wms-adjustments' | 'wms-snapshots', deadLetterId: string): Promise<unknown>;
}

/** Builds every inventory adapter from its options; unconfigured ones answer 503 "adapter not configured". */
export async function createInventoryAdapters(deps: InventoryAdapterDeps): Promise<InventoryAdapters> {
  const { options, logger } = deps;
  const registry = createMetricsRegistry();
  const stores = await openInboundStores(deps.store, { domain: 'inventory' });
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024; // 10 MiB
  const routes: Record<string, RouteHandler> = {};
  // Looked up when a job runs, so the adapters below can be given the jobs they register with.
  const kinds: Record<string, ImportJobKind> = {};
  const jobs = await createImportJobs({ store: deps.store, logger, kinds });

  const wms = options.wms?.secrets.length
    ? createWmsAdapters({
        secrets: options.wms.secrets,
        inventory: deps.inventory,
        observed: deps.observed,
        stores,
        metrics: (name) => registry.connector(name),
        logger,
        maxBodyBytes,
        jobs,
        ...(options.importJobThresholdBytes !== undefined
          ? { jobThresholdBytes: options.importJobThresholdBytes }
          : {}),
      })
    : null;
  if (wms) kinds[WMS_SNAPSHOTS_CONNECTOR] = wms.snapshotJobs;
  routes['/adapters/wms/adjustments'] =
    wms?.adjustments ?? notConfigured('wms-adjustments', 'WMS_WEBHOOK_SECRET', logger);
  routes['/adapters/wms/snapshots'] = wms?.snapshots ?? notConfigured('wms-snapshots', 'WMS_WEBHOOK_SECRET', logger);

  routes['/imports/erp-onhand'] = options.erp?.secrets?.length
    ? createErpOnHandImport({
        verify: hexHmacVerifier('erp', ERP_SIGNATURE_HEADER, options.erp.secrets),
        reconciler: deps.reconciler,
        tolerance: options.erp.tolerance ?? {},
        metrics: registry.connector('erp-onhand'),
        logger,
        maxBodyBytes,
      })
    : notConfigured('erp-onhand', 'ERP_WEBHOOK_SECRET', logger);

  const edi = options.edi;
  routes['/edi/846'] = edi?.partners.length
    ? createEdi846Route({
        advice: createInventoryAdvice({
          inventory: deps.inventory,
          channels: deps.channels,
          allocator: createControlNumberAllocator({
            collection: deps.store.collection<ControlNumberDoc>('edi_control_numbers'),
          }),
          sender: edi.sender,
          now: deps.now,
        }),
        partners: edi.partners,
        metrics: registry.connector('edi-846'),
        logger,
      })
    : notConfigured('edi-846', 'EDI_PARTNERS', logger);

  const channelAtp = createChannelAtp({
    options: options.channelAtp ?? {},
    webhookSecrets: options.shopify?.secrets ?? [],
    bus: deps.bus,
    inventory: deps.inventory,
    channels: deps.channels,
    conflicts: deps.conflicts ?? null,
    stores,
    deadLetters: deps.store.collection<ChannelSyncDeadLetter>('channel_sync_dead_letters'),
    metrics: (name) => registry.connector(name),
    logger,
    now: deps.now,
  });
  Object.assign(routes, channelAtp.routes);

  let movements: { stop(): Promise<void> } | null = null;
  return {
    routes,
    jobs,
    channelAtp,
    async start() {
      await jobs.start();
      await channelAtp.start();
      if (!options.erp?.url || !deps.bus || movements) return;
      movements = await startErpMovements({
        bus: deps.bus,
        url: options.erp.url,
        metrics: registry.connector('erp-movements'),
        logger,
      });
    },
    async stop() {
      await channelAtp.stop();
      await movements?.stop();
      movements = null;
      await jobs.stop();
    },
    metrics: () => registry.snapshot(),
    async redrive(connector, deadLetterId) {
      if (!wms) throw new Error('the WMS adapter is not configured');
      return (connector === 'wms-adjustments' ? wms.adjustments : wms.snapshots).redrive(deadLetterId);
    },
  };
}
