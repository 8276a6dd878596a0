import { hostname } from 'node:os';
import {
  createControlNumberAllocator,
  createMetricsRegistry,
  DEFAULT_BUSINESS_UNIT,
  erpBudgetStoreFromEnv,
  type ErpEndpoints,
  hexHmacVerifier,
  openInboundStores,
  outboundConsumeDefaults,
  type ConflictLog,
  type ControlNumberDoc,
  type InboundOutcome,
  type ReceivedInterchangeDoc,
} from '@fulfillment-mesh/connectors';
import { createEventRegistry, type Consumer, type ConsumeOptions, type EventBus } from '@fulfillment-mesh/events';
import type { Collection, Logger, RouteHandler, Store } from '@fulfillment-mesh/runtime';
import {
  consumedEvents,
  milestoneRecorded,
  publishedEvents,
  shipmentCancelled,
  shipmentConfirmed,
  shipmentCreated,
} from '../events/contracts.js';
import type { ShipmentStore } from '../store/index.js';
import type { ShipmentWorkflows } from '../workflows/index.js';
import { HEX_SIGNATURE, notConfigured } from './common.js';
import { createEasyPostAdapter } from './easypost.js';
import {
  createAsnHandler,
  createOrderChannelProjection,
  createOutboundListRoute,
  type EdiOutboundDoc,
  type OrderChannelDoc,
} from './edi-856.js';
import { createEdi214Adapter } from './edi-214.js';
import { createEdi856InboundAdapter } from './edi-856-inbound.js';
import { createEdi940, threePlsOf, type Edi940Doc } from './edi-940.js';
import { createEdi945Adapter } from './edi-945.js';
import { createErpFreightAdapter, createErpShipmentPosting } from './erp.js';
import type { ShipmentsAdapterOptions } from './options.js';
import { createWmsAdapter } from './wms.js';
import {
  createShopifyFulfillmentSync,
  type ChannelFulfillmentDoc,
  type ChannelFulfillmentEventDoc,
} from './shopify-fulfillment.js';

export { adapterOptionsFromEnv, type ShipmentsAdapterOptions } from './options.js';

/** What the shipments adapters are built from. */
export interface ShipmentsAdaptersDeps {
  store: Pick<Store, 'collection'>;
  /** Absent: the inbound endpoints work, the outbound groups (856, ERP) do not run. */
  bus?: EventBus;
  workflows: ShipmentWorkflows;
  shipments: ShipmentStore;
  conflicts: ConflictLog;
  logger: Logger;
  options: ShipmentsAdapterOptions;
  /** The clock of the 940 acknowledgement watch; default the system clock. */
  now?: () => Date;
}

/** The adapters of the shipments subgraph: routes to mount, background consumers, metrics. */
export interface ShipmentsAdapters {
  /** Path → handler, mounted on the subgraph's HTTP server (`SubgraphDefinition.routes`). */
  routes: Record<string, RouteHandler>;
  /** Starts the outbound consumer groups (`shipments.edi-856`, `shipments.erp`). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `{ [connector]: { [counter]: value } }`. */
  metrics(): Record<string, Record<string, number>>;
  /** Resends overdue 940s now (the sweeper does it every `EDI_940_SWEEP_MS`); returns how many it touched. */
  sweep940(): Promise<number>;
  /** Re-drives an inbound dead letter of `connector` (after a fix). */
  redrive(connector: string, deadLetterId: string): Promise<InboundOutcome>;
}

/** Builds every shipments adapter from its options; an adapter without its secret answers 503. */
export async function createShipmentsAdapters(deps: ShipmentsAdaptersDeps): Promise<ShipmentsAdapters> {
  const { options, logger, workflows } = deps;
  const registry = createMetricsRegistry();
  const stores = await openInboundStores(deps.store, { domain: 'shipments' });
  const allocator = createControlNumberAllocator({
    collection: deps.store.collection<ControlNumberDoc>('edi_control_numbers'),
  });
  const channels = deps.store.collection<OrderChannelDoc>('order_channels');
  const outbound = deps.store.collection<EdiOutboundDoc>('edi_outbound');
  await outbound.createIndex({ fields: { partner: 1, createdAt: 1 } });
  const self = options.ediSelf ?? { qualifier: 'ZZ', id: 'FULFILLMESH' };

  const edi940 = createEdi940({
    outbound: outbound as Collection<Edi940Doc>,
    channels,
    allocator,
    self,
    threePls: () => threePlsOf(options.ediWarehouses ?? {}),
    ...(options.ediUsage ? { usage: options.ediUsage } : {}),
    ...(options.edi940 ? { timing: options.edi940 } : {}),
    deadLetters: stores.deadLetters,
    metrics: registry.connector('edi-940'),
    logger,
    ...(deps.now ? { now: deps.now } : {}),
  });

  const redrivers: Record<string, (id: string) => Promise<InboundOutcome>> = {};
  const routes: Record<string, RouteHandler> = {};

  if (options.wmsSecret) {
    const wms = createWmsAdapter({
      secret: options.wmsSecret,
      workflows,
      stores,
      metrics: registry.connector('wms-ship-confirmations'),
      logger,
    });
    routes['/adapters/wms/ship-confirmations'] = wms;
    redrivers[wms.connector] = wms.redrive;
  } else
    routes['/adapters/wms/ship-confirmations'] = notConfigured('wms-ship-confirmations', 'WMS_WEBHOOK_SECRET', logger);

  if (options.easyPostSecret) {
    const easypost = createEasyPostAdapter({
      secret: options.easyPostSecret,
      workflows,
      stores,
      metrics: registry.connector('easypost-trackers'),
      logger,
    });
    routes['/webhooks/easypost'] = easypost;
    redrivers[easypost.connector] = easypost.redrive;
  } else routes['/webhooks/easypost'] = notConfigured('easypost-trackers', 'EASYPOST_WEBHOOK_SECRET', logger);

  if (options.ediSecret) {
    const ediDeps = {
      verify: hexHmacVerifier('edi', 'X-EDI-Signature', options.ediSecret, HEX_SIGNATURE),
      allocator,
      warehouses: () => options.ediWarehouses ?? {},
      ...(options.ediSelf ? { self: options.ediSelf } : {}),
      workflows,
      shipments: deps.shipments,
      stores,
      interchanges: deps.store.collection<ReceivedInterchangeDoc>('edi_interchanges'),
      logger,
    };
    const edi945 = createEdi945Adapter({ ...ediDeps, metrics: registry.connector('edi-945') });
    routes['/edi/inbound/945'] = edi945;
    redrivers['edi-945'] = edi945.redrive;
    const edi856 = createEdi856InboundAdapter({ ...ediDeps, metrics: registry.connector('edi-856-in') });
    routes['/edi/inbound/856'] = edi856;
    redrivers['edi-856-in'] = edi856.redrive;
    const edi214 = createEdi214Adapter({ ...ediDeps, metrics: registry.connector('edi-214') });
    routes['/edi/inbound/214'] = edi214;
    redrivers['edi-214'] = edi214.redrive;
    routes['/edi/inbound/997'] = edi940.ackRoute(options.ediSecret);
  } else {
    routes['/edi/inbound/997'] = notConfigured('edi-997', 'EDI_WEBHOOK_SECRET', logger);
    routes['/edi/inbound/945'] = notConfigured('edi-945', 'EDI_WEBHOOK_SECRET', logger);
    routes['/edi/inbound/856'] = notConfigured('edi-856-in', 'EDI_WEBHOOK_SECRET', logger);
    routes['/edi/inbound/214'] = notConfigured('edi-214', 'EDI_WEBHOOK_SECRET', logger);
  }

  if (options.erpSecret) {
    const freight = createErpFreightAdapter({
      secret: options.erpSecret,
      workflows,
      stores,
      metrics: registry.connector('erp-freight-costs'),
      logger,
    });
    routes['/adapters/erp/freight-costs'] = freight;
    redrivers[freight.connector] = freight.redrive;
  } else routes['/adapters/erp/freight-costs'] = notConfigured('erp-freight-costs', 'ERP_WEBHOOK_SECRET', logger);

  routes['/edi/outbound'] = options.identitySecret
    ? createOutboundListRoute({ outbound, identitySecret: options.identitySecret })
    : notConfigured('edi-outbound', 'FM_IDENTITY_SECRET', logger);

  let consumers: Consumer[] = [];
  const closers: (() => Promise<void>)[] = [];
  const consumer = options.consumerName ?? `${hostname()}-${process.pid}`;
  const patience: Pick<ConsumeOptions, 'maxAttempts' | 'backoff'> = {
    maxAttempts: options.consume?.maxAttempts ?? outboundConsumeDefaults.maxAttempts,
    backoff: options.consume?.backoff ?? outboundConsumeDefaults.backoff,
  };
  const confirmedOnly = (type: string) => type === shipmentConfirmed.type;
  const shipmentEvents = () => createEventRegistry([...publishedEvents]);

  return {
    routes,
    async start() {
      const bus = deps.bus;
      if (!bus) {
        logger.warn('shipments adapters run without an event bus: no 856s and no ERP postings are produced');
        return;
      }
      const common = {
        consumer,
        ...patience,
        ...(options.consume?.blockMs ? { blockMs: options.consume.blockMs } : {}),
      };
      // One group per outbound adapter, so a partner or ERP outage only delays its own group.
      consumers.push(
        await bus.consume({
          ...common,
          stream: 'orders',
          group: 'shipments.edi-856',
          registry: consumedEvents(),
          follows: (t) => t.startsWith('orders.order.'),
          handler: createOrderChannelProjection(channels),
        }),
        await bus.consume({
          ...common,
          stream: 'shipments',
          group: 'shipments.edi-856',
          registry: shipmentEvents(),
          follows: confirmedOnly,
          handler: createAsnHandler({
            channels,
            outbound,
            allocator,
            self,
            ...(options.asnPartner ? { defaultPartner: options.asnPartner } : {}),
            ...(options.ediUsage ? { usage: options.ediUsage } : {}),
            metrics: registry.connector('edi-856'),
            logger,
          }),
        }),
      );
      consumers.push(
        await bus.consume({
          ...common,
          stream: 'shipments',
          group: 'shipments.edi-940',
          registry: shipmentEvents(),
          follows: (t) => t === shipmentCreated.type || t === shipmentConfirmed.type || t === shipmentCancelled.type,
          handler: edi940.handler,
        }),
      );
      edi940.start();
      const endpoints: ErpEndpoints = {
        ...(options.erpUrl
          ? {
              [DEFAULT_BUSINESS_UNIT]: {
                businessUnit: DEFAULT_BUSINESS_UNIT,
                url: options.erpUrl,
                limits: {
                  ...(options.erp?.ratePerSecond !== undefined ? { ratePerSecond: options.erp.ratePerSecond } : {}),
                  ...(options.erp?.concurrency !== undefined ? { concurrency: options.erp.concurrency } : {}),
                },
              },
            }
          : {}),
        ...options.erpEndpoints,
      };
      if (Object.keys(endpoints).length > 0) {
        const budgets = options.erpBudgetStore
          ? { store: options.erpBudgetStore, close: async () => {} }
          : erpBudgetStoreFromEnv(options.erpBudgetRedis ?? {}, logger);
        closers.push(budgets.close);
        const posting = createErpShipmentPosting({
          endpoints,
          ...(budgets.store ? { budgetStore: budgets.store } : {}),
          ...(options.erp ? { limits: options.erp } : {}),
          metrics: registry.connector('erp-shipments'),
          logger,
        });
        consumers.push(
          await bus.consume({
            ...common,
            stream: 'shipments',
            group: 'shipments.erp',
            registry: shipmentEvents(),
            follows: confirmedOnly,
            handler: posting,
          }),
        );
      } else {
        logger.warn({ envVar: 'ERP_URL' }, 'ERP shipment posting is not configured (set ERP_URL or ERP_ENDPOINTS)');
      }
      if (options.shopifyFulfillment) {
        const sync = createShopifyFulfillmentSync({
          options: options.shopifyFulfillment,
          channels,
          fulfillments: deps.store.collection<ChannelFulfillmentDoc>('channel_fulfillments'),
          events: deps.store.collection<ChannelFulfillmentEventDoc>('channel_fulfillment_events'),
          metrics: registry.connector('shopify-fulfillments'),
          logger,
        });
        consumers.push(
          await bus.consume({
            ...common,
            stream: 'shipments',
            group: 'shipments.shopify-fulfillments',
            registry: shipmentEvents(),
            follows: (type) => type === shipmentConfirmed.type || type === milestoneRecorded.type,
            handler: sync,
          }),
        );
      }
    },
    async stop() {
      edi940.stop();
      const running = consumers;
      consumers = [];
      await Promise.all(running.map((c) => c.stop()));
      await Promise.all(closers.splice(0).map((close) => close()));
    },
    sweep940: () => edi940.sweep(),
    metrics: () => registry.snapshot(),
    async redrive(connector, deadLetterId) {
      const redrive = redrivers[connector];
      if (!redrive)
        throw new Error(
          `no inbound adapter "${connector}" is configured (known: ${Object.keys(redrivers).join(', ') || 'none'})`,
        );
      return redrive(deadLetterId);
    },
  };
}
