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
import { canonicalInstant } from '../domain/milestones.js';
import type { ConfirmShipmentInput } from '../domain/confirmation.js';
import type { ConfirmOrigin, ConfirmResult, ShipmentWorkflows } from '../workflows/index.js';
import { adapterRun, HEX_SIGNATURE } from './common.js';

/** The header our WMS signs ship confirmations with: hex HMAC-SHA256 of the raw body under `WMS_WEBHOOK_SECRET`. */
export const WMS_SIGNATURE_HEADER = 'X-WMS-Signature';

/**
 * A WMS ship confirmation. `source` is the WMS of one location (`wms:<locationId>`) and `sequence` its own
 * increasing counter (integer, any size): the pair is the document id, so a re-sent confirmation is a duplicate.
 */
export const wmsShipConfirmation = z.object({
  source: z.string().regex(/^wms:[A-Za-z0-9._-]+$/, 'wms:<locationId>'),
  sequence: z.union([z.string().regex(/^\d{1,30}$/), z.number().int().nonnegative()]).transform(String),
  shipmentId: z.string().min(1),
  lines: z.array(z.object({ lineId: z.string().min(1), quantity: z.number().int().positive() })).min(1),
  carrier: z.string().min(1),
  service: z.string().min(1),
  trackingNumber: z.string().min(1),
  shippedAt: z.iso.datetime({ offset: true }),
});

/** A parsed WMS ship confirmation. */
export type WmsShipConfirmation = z.output<typeof wmsShipConfirmation>;

/**
 * `POST /adapters/wms/ship-confirmations`: verify → parse → map onto the `confirmShipment` workflow, with the
 * WMS as the confirmation's source. A confirmation from another location's WMS, or older than the one applied,
 * is refused by the mastering rules (recorded as a conflict, answered 200 so the WMS does not retry it).
 */
export function createWmsAdapter(deps: {
  secret: Secrets;
  workflows: Pick<ShipmentWorkflows, 'confirmShipment'>;
  stores: InboundStores;
  metrics: ConnectorMetrics;
  logger: Logger;
}): WebhookHandler<ConfirmResult> {
  return createWebhookHandler<
    WmsShipConfirmation,
    { input: ConfirmShipmentInput; origin: ConfirmOrigin },
    ConfirmResult
  >({
    name: 'wms-ship-confirmations',
    verify: hexHmacVerifier('wms', WMS_SIGNATURE_HEADER, deps.secret, HEX_SIGNATURE),
    parse: parseJson(wmsShipConfirmation),
    documentId: (doc) => `${doc.source}#${doc.sequence}`,
    map: (doc) => ({
      input: {
        shipmentId: doc.shipmentId,
        lines: doc.lines,
        carrier: doc.carrier,
        service: doc.service,
        trackingNumber: doc.trackingNumber,
      },
      origin: {
        source: doc.source,
        sourceVersion: doc.sequence,
        observedAt: canonicalInstant(doc.shippedAt, 'shippedAt'),
        shippedAt: doc.shippedAt,
      },
    }),
    async apply({ input, origin }, meta) {
      const result = await deps.workflows.confirmShipment(input, { ...origin, adapterRun: adapterRun(meta) });
      if (result.refused) deps.metrics.increment('refused');
      return result;
    },
    receipts: deps.stores.receipts,
    deadLetters: deps.stores.deadLetters,
    metrics: deps.metrics,
    logger: deps.logger,
  });
}
