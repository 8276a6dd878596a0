import { hostname } from 'node:os';
import {
  createControlNumberAllocator,
  erpBudgetStoreFromEnv,
  erpEndpointsFromEnv,
  createMetricsRegistry,
  openInboundStores,
  outboundConsumeDefaults,
  type ControlNumberDoc,
  type EdiIdentity,
  type Secrets,
  type WebhookHandler,
} from '@fulfillment-mesh/connectors';
import { createEventRegistry, type ConsumeOptions, type Consumer, type EventBus } from '@fulfillment-mesh/events';
import type { Logger, RouteHandler, Store } from '@fulfillment-mesh/runtime';
import { orderTransitioned } from '../events/contracts.js';
import type { OrderProcess } from '../workflows/index.js';
import type { MasteredWrites } from '../workflows/mastered.js';
import type { OrderStore } from '../store/index.js';
import { createEdi855Handler } from './edi-855.js';
import { openEdiStore } from './edi-store.js';
import { createEdi850Adapter, type Edi850Adapter, type EdiOptions } from './edi.js';
import { createErpPosting, type ErpOptions } from './erp.js';
import { createBigCommerceOrdersWebhook, type BigCommerceApi } from './bigcommerce.js';
import { createShopifyOrdersWebhook } from './shopify.js';
import { notConfigured } from './support.js';
import { createWooCommerceOrdersWebhook } from './woocommerce.js';

/** Configuration of the orders adapters; an adapter without its secret (or URL) stays off. See ADAPTERS.md. */
export interface OrdersAdapterOptions {
  /** `SHOPIFY_WEBHOOK_SECRET` (comma-separated during a rotation). */
  shopifySecret?: Secrets;
  /** `WOOCOMMERCE_WEBHOOK_SECRET` (comma-separated during a rotation). */
  wooCommerceSecret?: Secrets;
  /**
   * `BIGCOMMERCE_WEBHOOK_SECRET` (the value of the webhook's custom header `BIGCOMMERCE_WEBHOOK_HEADER`, default
   * `X-FM-Webhook-Secret`) and the API the orders are fetched from; off unless secret, store hash and token are set.
   */
  bigCommerce?: { secret: Secrets; header?: string; api: BigCommerceApi };
  /** `EDI_API_TOKEN` plus the EDI settings; without a token the EDI routes answer 503 (files can still be imported). */
  edi?: Partial<EdiOptions>;
  /** `ERP_URL`/`ERP_API_TOKEN` (default business unit) and `ERP_ENDPOINTS`; without any no sales orders are posted. */
  erp?: ErpOptions;
  /** `REDIS_URL`, `REDIS_PREFIX`: where the ERP budgets are shared (opened by start(), closed by stop()). */
  erpBudgetRedis?: { REDIS_URL?: string; REDIS_PREFIX?: string };
  /** Bus settings of the outbound groups; default `outboundConsumeDefaults` (an outage queues for hours). */
  consume?: Pick<ConsumeOptions, 'maxAttempts' | 'backoff' | 'blockMs' | 'claimIdleMs'>;
}

/** Reads {@link OrdersAdapterOptions} from the environment (see ADAPTERS.md for every variable). */
export function adapterOptionsFromEnv(env: NodeJS.ProcessEnv): OrdersAdapterOptions {
  const secrets = (name: string) => {
    const list = (env[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return list.length > 0 ? list : undefined;
  };
  const endpoints = erpEndpointsFromEnv(env);
  const self: EdiIdentity | undefined = env.EDI_SELF_ID
    ? { qualifier: env.EDI_SELF_QUALIFIER ?? 'ZZ', id: env.EDI_SELF_ID }
    : undefined;
  const bigCommerceSecret = secrets('BIGCOMMERCE_WEBHOOK_SECRET');
  const storeHash = env.BIGCOMMERCE_STORE_HASH?.trim();
  const accessToken = env.BIGCOMMERCE_ACCESS_TOKEN?.trim();
  const bigCommerce =
    bigCommerceSecret && storeHash && accessToken
      ? {
          secret: bigCommerceSecret,
          ...(env.BIGCOMMERCE_WEBHOOK_HEADER?.trim() ? { header: env.BIGCOMMERCE_WEBHOOK_HEADER.trim() } : {}),
          api: {
            storeHash,
            accessToken,
            ...(env.BIGCOMMERCE_API_URL?.trim() ? { url: env.BIGCOMMERCE_API_URL.trim() } : {}),
          },
        }
      : undefined;
  return {
    ...(bigCommerce ? { bigCommerce } : {}),
    shopifySecret: secrets('SHOPIFY_WEBHOOK_SECRET'),
    wooCommerceSecret: secrets('WOOCOMMERCE_WEBHOOK_SECRET'),
    edi: {
      ...(env.EDI_API_TOKEN ? { token: env.EDI_API_TOKEN } : {}),
      ...(self ? { self } : {}),
      ...(env.EDI_DEFAULT_COUNTRY ? { defaultCountry: env.EDI_DEFAULT_COUNTRY } : {}),
      ...(env.EDI_DEFAULT_CURRENCY ? { defaultCurrency: env.EDI_DEFAULT_CURRENCY } : {}),
    },
    // A bad ERP_ENDPOINTS throws here: the service does not start (one log line naming the variable, exit 1).
    ...(Object.keys(endpoints).length > 0 ? { erp: { endpoints } } : {}),
    ...(env.REDIS_URL
      ? {
          erpBudgetRedis: { REDIS_URL: env.REDIS_URL, ...(env.REDIS_PREFIX ? { REDIS_PREFIX: env.REDIS_PREFIX } : {}) },
        }
      : {}),
  };
}

/** What the adapters are built from: the subgraph's store, bus and domain operations. */
export interface OrdersAdapterDeps {
  store: Pick<Store, 'collection'>;
  /** Null when the subgraph was built without a bus (seeding): no outbound groups then. */
  bus: EventBus | null;
  process: Pick<OrderProcess, 'placeOrder'>;
  orders: OrderStore;
  mastered: MasteredWrites;
  logger: Logger;
  now: () => Date;
  options: OrdersAdapterOptions;
}

/** The running adapters of the orders subgraph. */
export interface OrdersAdapters {
  /** Path → handler, mounted on the subgraph's HTTP server. */
  routes: Record<string, RouteHandler>;
  /** The EDI 850 adapter (file imports, re-drives). */
  edi: Edi850Adapter;
  /** The webhooks that are configured, by connector name (re-drives). */
  webhooks: Record<string, WebhookHandler>;
  /** Starts the outbound consumer groups (`orders.edi-855`, and `orders.erp` when the ERP is configured). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Counters per connector. */
  metrics(): Record<string, Record<string, number>>;
}

/** Builds every orders adapter from its options; see ADAPTERS.md. */
export async function createOrdersAdapters(deps: OrdersAdapterDeps): Promise<OrdersAdapters> {
  const { options, logger } = deps;
  const registry = createMetricsRegistry();
  const { receipts, deadLetters } = await openInboundStores(deps.store, { domain: 'orders' });
  const inbound = { process: deps.process, mastered: deps.mastered, receipts, deadLetters, metrics: registry, logger };
  const edi = await openEdiStore(deps.store);
  const allocator = createControlNumberAllocator({
    collection: deps.store.collection<ControlNumberDoc>('edi_control_numbers'),
  });
  const ediAdapter = createEdi850Adapter({
    ...inbound,
    edi,
    allocator,
    options: { token: '', ...options.edi },
    now: deps.now,
  });

  const webhooks: Record<string, WebhookHandler> = {};
  const shopify = options.shopifySecret
    ? createShopifyOrdersWebhook({ ...inbound, secret: options.shopifySecret })
    : null;
  const wooCommerce = options.wooCommerceSecret
    ? createWooCommerceOrdersWebhook({ ...inbound, secret: options.wooCommerceSecret })
    : null;
  const bigCommerce = options.bigCommerce
    ? createBigCommerceOrdersWebhook({ ...inbound, ...options.bigCommerce })
    : null;
  if (bigCommerce) webhooks[bigCommerce.connector] = bigCommerce as WebhookHandler;
  if (shopify) webhooks[shopify.connector] = shopify;
  if (wooCommerce) webhooks[wooCommerce.connector] = wooCommerce;
  const ediConfigured = Boolean(options.edi?.token);
  const routes: Record<string, RouteHandler> = {
    '/webhooks/shopify/orders': shopify ?? notConfigured('shopify-orders', 'SHOPIFY_WEBHOOK_SECRET', logger),
    '/webhooks/woocommerce/orders':
      wooCommerce ?? notConfigured('woocommerce-orders', 'WOOCOMMERCE_WEBHOOK_SECRET', logger),
    '/webhooks/bigcommerce': bigCommerce ?? notConfigured('bigcommerce-orders', 'BIGCOMMERCE_WEBHOOK_SECRET', logger),
    '/edi/inbound': ediConfigured ? ediAdapter.routes.inbound : notConfigured('edi', 'EDI_API_TOKEN', logger),
    '/edi/outbound': ediConfigured ? ediAdapter.routes.outbound : notConfigured('edi', 'EDI_API_TOKEN', logger),
  };

  const consumers: Consumer[] = [];
  const closers: (() => Promise<void>)[] = [];
  const consumer = `${hostname()}-${process.pid}`;
  const transitions = createEventRegistry([orderTransitioned]);
  const consume = { ...outboundConsumeDefaults, ...options.consume };
  return {
    routes,
    edi: ediAdapter,
    webhooks,
    async start() {
      if (!deps.bus || consumers.length > 0) return;
      const follows = (type: string) => type === orderTransitioned.type;
      const handler855 = createEdi855Handler({
        orders: deps.orders,
        edi,
        allocator,
        metrics: registry,
        logger,
        now: deps.now,
      });
      consumers.push(
        await deps.bus.consume({
          stream: 'orders',
          group: 'orders.edi-855',
          consumer,
          registry: transitions,
          follows,
          handler: handler855,
          ...consume,
        }),
      );
      if (options.erp) {
        const budgets = erpBudgetStoreFromEnv(options.erpBudgetRedis ?? {}, logger);
        closers.push(budgets.close);
        const posting = createErpPosting({
          orders: deps.orders,
          mastered: deps.mastered,
          options: { ...(budgets.store ? { budgetStore: budgets.store } : {}), ...options.erp },
          metrics: registry,
          logger,
          now: deps.now,
        });
        consumers.push(
          await deps.bus.consume({
            stream: 'orders',
            group: 'orders.erp',
            consumer,
            registry: transitions,
            follows,
            handler: posting,
            ...consume,
          }),
        );
      } else {
        logger.warn(
          { adapter: 'erp-sales-orders', envVar: 'ERP_URL' },
          'adapter not configured: set ERP_URL to post sales orders to the ERP',
        );
      }
    },
    async stop() {
      await Promise.all(consumers.splice(0).map((c) => c.stop()));
      await Promise.all(closers.splice(0).map((close) => close()));
    },
    metrics: () => registry.snapshot(),
  };
}
