import {
  createWebhookHandler,
  easyPostVerifier,
  parseJson,
  UnprocessableDocumentError,
  type ConnectorMetrics,
  type InboundStores,
  type Secrets,
  type WebhookHandler,
} from '@fulfillment-mesh/connectors';
import { isDomainError, type Logger } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { milestoneStatusOfCarrierCode } from '../domain/carrier-status.js';
import { validTrackingNumber } from '../domain/milestones.js';
import { carrierSource } from '../mastering.js';
import type { ShipmentWorkflows, TrackingOutcome } from '../workflows/index.js';
import { adapterRun } from './common.js';

const location = z
  .looseObject({
    city: z.string().nullish(),
    state: z.string().nullish(),
    country: z.string().nullish(),
    zip: z.string().nullish(),
  })
  .nullish();

const trackingDetail = z.looseObject({
  status: z.string().min(1),
  message: z.string().nullish(),
  description: z.string().nullish(),
  datetime: z.string().min(1),
  tracking_location: location,
});

/** An EasyPost Event; only `tracker.*` events (whose `result` is a Tracker) are read, others are acknowledged. */
export const easyPostEvent = z.looseObject({
  id: z.string().min(1),
  description: z.string().min(1),
  result: z.looseObject({
    object: z.string().nullish(),
    tracking_code: z.string().nullish(),
    carrier: z.string().nullish(),
    tracking_details: z.array(trackingDetail).nullish(),
  }),
});

/** A parsed EasyPost Event. */
export type EasyPostEvent = z.output<typeof easyPostEvent>;

/** The milestones of one tracker update, oldest first, ready for `trackShipment`. */
export interface TrackerUpdate {
  trackingNumber: string;
  carrier: string;
  milestones: { carrierCode: string; at: string; location: string | null; description: string }[];
}

/**
 * Maps a `tracker.created` / `tracker.updated` Event to our milestones (null for other events). A detail whose
 * status is outside the carrier-status table makes the event unmappable (a dead letter, re-driven once the
 * table knows it); `unknown` says nothing about the parcel and is skipped.
 */
export function trackerUpdateOf(event: EasyPostEvent): TrackerUpdate | null {
  if (!event.description.startsWith('tracker.')) return null;
  const tracker = event.result;
  if (!tracker.tracking_code || !tracker.carrier)
    throw new UnprocessableDocumentError('tracker without tracking_code or carrier');
  let trackingNumber: string;
  try {
    trackingNumber = validTrackingNumber(tracker.tracking_code);
  } catch (error) {
    throw new UnprocessableDocumentError((error as Error).message);
  }
  const milestones: TrackerUpdate['milestones'] = [];
  (tracker.tracking_details ?? []).forEach((detail, i) => {
    let status;
    try {
      status = milestoneStatusOfCarrierCode(detail.status, `tracking_details[${i}].status`);
    } catch (error) {
      throw new UnprocessableDocumentError((error as Error).message);
    }
    if (status === null) return;
    if (Number.isNaN(Date.parse(detail.datetime)))
      throw new UnprocessableDocumentError(
        `tracking_details[${i}].datetime is not an ISO-8601 instant: ${detail.datetime}`,
      );
    const where = detail.tracking_location;
    const place = [where?.city, where?.state].filter(Boolean).join(', ') || where?.zip || where?.country || null;
    milestones.push({
      carrierCode: detail.status,
      at: detail.datetime,
      location: place,
      description: detail.message || detail.description || detail.status,
    });
  });
  milestones.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { trackingNumber, carrier: tracker.carrier, milestones };
}

/**
 * `POST /webhooks/easypost`: verify (`X-Hmac-Signature`, NFKD secret) → parse the Event → map each tracking
 * detail through the carrier-status table → `trackShipment` with source `carrier:<name>`, oldest first. Details
 * the shipment already holds (same status and time) change nothing; older ones are history; a tracker from a
 * carrier that does not carry the shipment is refused and recorded as a conflict.
 */
export function createEasyPostAdapter(deps: {
  secret: Secrets;
  workflows: Pick<ShipmentWorkflows, 'trackShipment'>;
  stores: InboundStores;
  metrics: ConnectorMetrics;
  logger: Logger;
}): WebhookHandler<TrackingOutcome['outcome'][]> {
  return createWebhookHandler<EasyPostEvent, TrackerUpdate | null, TrackingOutcome['outcome'][]>({
    name: 'easypost-trackers',
    verify: easyPostVerifier(deps.secret),
    parse: parseJson(easyPostEvent),
    // EasyPost retries deliver the same Event id; each tracker change is a new Event.
    documentId: (event) => event.id,
    map: (event) => trackerUpdateOf(event),
    async apply(update, meta) {
      if (!update) {
        deps.metrics.increment('ignored');
        return [];
      }
      const outcomes: TrackingOutcome['outcome'][] = [];
      for (const m of update.milestones) {
        const result = await deps.workflows
          .trackShipment(
            {
              trackingNumber: update.trackingNumber,
              carrierCode: m.carrierCode,
              at: m.at,
              location: m.location,
              description: m.description,
            },
            { source: carrierSource(update.carrier), adapterRun: adapterRun(meta) },
          )
          .catch((error: unknown) => {
            // The shipment is not confirmed yet: kept as a dead letter, re-driven once it is.
            if (isDomainError(error) && error.code === 'NOT_FOUND') deps.metrics.increment('unknownTrackingNumber');
            throw error;
          });
        outcomes.push(result.outcome);
        deps.metrics.increment(`milestones.${result.outcome}`);
        if (result.outcome === 'refused') break; // same source for every detail: one conflict says it
      }
      return outcomes;
    },
    receipts: deps.stores.receipts,
    deadLetters: deps.stores.deadLetters,
    metrics: deps.metrics,
    logger: deps.logger,
  });
}
