import {
  createImportJobs,
  createMetricsRegistry,
  notConfiguredRoute,
  openInboundStores,
  type ImportJobKind,
  type ImportJobs,
  type InboundStores,
  type MetricsRegistry,
  type Secrets,
  tracedFetch,
  type WebhookHandler,
} from '@fulfillment-mesh/connectors';
import { type Logger, type RouteHandler, type Store } from '@fulfillment-mesh/runtime';
import type { ProductUpdateResult, ProductUpdates } from '../workflows/product-updates.js';
import { createErpItemsAdapter, ERP_ITEMS_CONNECTOR, type ErpItemsAdapter } from './erp-items.js';
import { createPimWebhook } from './pim.js';

/** How the catalog's adapters are configured; `index.ts` fills it from the environment (see ADAPTERS.md). */
export interface CatalogAdapterOptions {
  /** `PIM_WEBHOOK_SECRET` (comma-separated during a rotation): key of `X-PIM-Signature`. Absent: the route answers 503. */
  pimWebhookSecret?: Secrets;
  /** `ERP_WEBHOOK_SECRET` (comma-separated during a rotation): key of `X-ERP-Signature` on uploads. Absent: 503. */
  erpWebhookSecret?: Secrets;
  /** `ERP_URL`: the ERP's base URL; the scheduled import fetches `GET <ERP_URL>/items.csv`. */
  erpUrl?: string;
  /** `ERP_ITEMS_IMPORT_INTERVAL_MS`: period of the scheduled import; absent or 0 = on demand only. */
  erpItemsIntervalMs?: number;
  /** Timeout of one scheduled fetch; default 60_000 // 1 minute. */
  erpFetchTimeoutMs?: number;
  /** `IMPORT_JOB_THRESHOLD_BYTES`: uploads above this size are imported as background jobs (202); default 1 MiB. */
  importJobThresholdBytes?: number;
}

/** Dependencies of {@link createCatalogAdapters}. */
export interface CatalogAdapterDeps {
  store: Pick<Store, 'collection'>;
  updates: ProductUpdates;
  logger: Logger;
  options: CatalogAdapterOptions;
}

/** The catalog's adapters, mounted on the subgraph's HTTP server and started with it. */
export interface CatalogAdapters {
  /** Path → handler (`SubgraphDefinition.routes`). */
  routes: Record<string, RouteHandler>;
  erpItems: ErpItemsAdapter;
  /** Absent when `PIM_WEBHOOK_SECRET` is not configured. */
  pim: WebhookHandler<ProductUpdateResult> | undefined;
  stores: InboundStores;
  /** Background import jobs (large item master uploads), resumed at start. */
  jobs: ImportJobs;
  /** Fetches and imports `<ERP_URL>/items.csv` once (what the schedule runs); throws when `ERP_URL` is not set. */
  importFromErp(): Promise<Awaited<ReturnType<ErpItemsAdapter['processFile']>>>;
  /** Starts the scheduled import (when configured). */
  start(): Promise<void>;
  /** Stops the schedule and waits for a running import. */
  stop(): Promise<void>;
  /** Counters per connector (`erp-items`, `pim-products`). */
  metrics(): ReturnType<MetricsRegistry['snapshot']>;
}

/** Creates the catalog's adapters: the ERP item master import and the PIM webhook. */
export async function createCatalogAdapters(deps: CatalogAdapterDeps): Promise<CatalogAdapters> {
  const { options, logger } = deps;
  const registry = createMetricsRegistry();
  const stores = await openInboundStores(deps.store, { domain: 'catalog' });
  // Looked up when a job runs, so the adapters below can be given the jobs they register with.
  const kinds: Record<string, ImportJobKind> = {};
  const jobs = await createImportJobs({ store: deps.store, logger, kinds });
  const erpItems = createErpItemsAdapter({
    updates: deps.updates,
    stores,
    metrics: registry.connector('erp-items'),
    logger,
    jobs,
    ...(options.importJobThresholdBytes !== undefined ? { jobThresholdBytes: options.importJobThresholdBytes } : {}),
    ...(options.erpWebhookSecret ? { secret: options.erpWebhookSecret } : {}),
  });
  kinds[ERP_ITEMS_CONNECTOR] = erpItems.jobKind;
  if (!options.erpWebhookSecret)
    logger.warn(
      { connector: 'erp-items', env: 'ERP_WEBHOOK_SECRET' },
      'adapter not configured: POST /imports/erp-items answers 503',
    );
  const pim = options.pimWebhookSecret
    ? createPimWebhook({
        secret: options.pimWebhookSecret,
        updates: deps.updates,
        stores,
        metrics: registry.connector('pim-products'),
        logger,
      })
    : undefined;

  const importFromErp = async () => {
    if (!options.erpUrl) throw new Error('ERP_URL is not configured');
    const url = new URL('items.csv', options.erpUrl.endsWith('/') ? options.erpUrl : `${options.erpUrl}/`);
    const response = await tracedFetch(url, { signal: AbortSignal.timeout(options.erpFetchTimeoutMs ?? 60_000) });
    if (!response.ok) throw new Error(`GET ${url.href} answered ${response.status}`);
    return erpItems.processFile(Buffer.from(await response.arrayBuffer()));
  };

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const scheduled = () => {
    running = running
      .then(importFromErp)
      .catch((error: unknown) =>
        logger.error(
          { connector: 'erp-items', err: error },
          'scheduled item master import failed; the next round retries',
        ),
      );
  };

  return {
    routes: {
      '/imports/erp-items': erpItems.route,
      '/webhooks/pim': pim ?? notConfigured('pim-products', 'PIM_WEBHOOK_SECRET', logger),
    },
    erpItems,
    pim,
    stores,
    jobs,
    importFromErp,
    async start() {
      await jobs.start();
      const interval = options.erpItemsIntervalMs ?? 0;
      if (interval > 0 && options.erpUrl) {
        timer = setInterval(scheduled, interval);
        timer.unref();
      }
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
      await jobs.stop();
    },
    metrics: () => registry.snapshot(),
  };
}

/** A route for an adapter without its secret: 503 "adapter not configured", logged once (at start-up). */
function notConfigured(connector: string, env: string, logger: Logger): RouteHandler {
  return notConfiguredRoute(connector, logger, {
    warn: { fields: { connector, env }, message: `adapter not configured: set ${env}` },
    logAt: 'creation',
    nameInBody: false,
  });
}
