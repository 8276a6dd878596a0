import {
  createInboundPipeline,
  element,
  optionalElement,
  UnprocessableDocumentError,
  type ConnectorMetrics,
  type ControlNumberAllocator,
  type EdiIdentity,
  type InboundOutcome,
  type InboundStores,
  type ReceivedInterchangeDoc,
  type ReceivedTransaction,
  type WebhookVerifier,
} from '@fulfillment-mesh/connectors';
import type { Collection, Logger, RouteHandler } from '@fulfillment-mesh/runtime';
import { at7Instant, at7Status } from '../domain/at7-status.js';
import { carrierSource } from '../mastering.js';
import type { ShipmentStatus } from '../store/models.js';
import type { ShipmentStore } from '../store/index.js';
import type { ShipmentWorkflows, TrackingOutcome } from '../workflows/index.js';
import { adapterRun } from './common.js';
import { createEdiInboundRoute, reportedOutcome } from './edi-inbound.js';

/** One AT7 status of a 214, normalised. */
export interface Status214 {
  /** AT701 as sent. */
  code: string;
  status: ShipmentStatus;
  at: string;
  location: string | null;
  description: string;
}

/** A 214 mapped onto recordTrackingEvent: the shipment it names, the carrier (SCAC) and its milestones, oldest first. */
export interface Mapped214 {
  shipmentId: string;
  scac: string;
  milestones: Status214[];
}

/** B10: carrier reference (B1001, the PRO / tracking number), our shipment id (B1002) and the SCAC (B1003). */
export function referencesOf214(tx: ReceivedTransaction): {
  pro: string | null;
  shipmentId: string | null;
  scac: string;
} {
  const b10 = tx.segments.find((s) => s.tag === 'B10');
  if (!b10) throw new UnprocessableDocumentError('214 without B10');
  const scac = optionalElement(b10, 3);
  if (!scac) throw new UnprocessableDocumentError('214 B10 names no carrier (B1003 SCAC)');
  const pro = optionalElement(b10, 1);
  const shipmentId = optionalElement(b10, 2);
  if (!pro && !shipmentId)
    throw new UnprocessableDocumentError('214 B10 carries neither a reference (B1001) nor a shipment id (B1002)');
  return { pro, shipmentId, scac: scac.toUpperCase() };
}

/**
 * Reads every AT7 of a 214 (each LX loop: AT7 with its MS1 place), oldest first. An AT701 outside the AT7
 * table, or a status without a readable date and time, makes the 214 unmappable (a dead letter naming the
 * code); codes that say nothing about the goods' whereabouts (estimates, acknowledgements) are skipped.
 */
export function statusesOf214(tx: ReceivedTransaction): Status214[] {
  const out: Status214[] = [];
  let pending: Status214 | null = null;
  for (const segment of tx.segments) {
    if (segment.tag === 'LX') pending = null;
    if (segment.tag === 'MS1' && pending) {
      const place = [optionalElement(segment, 1), optionalElement(segment, 2)].filter(Boolean).join(', ');
      pending.location = place || optionalElement(segment, 3);
    }
    if (segment.tag !== 'AT7') continue;
    const code = optionalElement(segment, 1);
    if (!code) {
      pending = null; // an appointment status (AT703) says nothing about where the goods are
      continue;
    }
    const entry = at7Status(code);
    if (!entry)
      throw new UnprocessableDocumentError(
        `unknown AT7 shipment status code "${code}" (AT701): add it to the AT7 table before re-driving`,
      );
    const at = at7Instant(element(segment, 5), optionalElement(segment, 6), optionalElement(segment, 7));
    if (!at)
      throw new UnprocessableDocumentError(
        `AT7 ${code}: "${element(segment, 5)}" "${element(segment, 6)}" is not a date (AT705 CCYYMMDD) and time (AT706 HHMM)`,
      );
    pending = null;
    if (entry.status === null) continue;
    const reason = optionalElement(segment, 2);
    pending = { code: code.toUpperCase(), status: entry.status, at, location: null, description: entry.meaning };
    if (reason && reason !== 'NS') pending.description = `${entry.meaning} (reason ${reason})`;
    out.push(pending);
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Options of {@link createEdi214Adapter}. */
export interface Edi214AdapterDeps {
  verify: WebhookVerifier;
  allocator: ControlNumberAllocator;
  self?: EdiIdentity;
  workflows: Pick<ShipmentWorkflows, 'trackShipment'>;
  shipments: Pick<ShipmentStore, 'get' | 'byTrackingNumber'>;
  stores: InboundStores;
  interchanges: Collection<ReceivedInterchangeDoc>;
  metrics: ConnectorMetrics;
  logger: Logger;
}

/** The EDI 214 route plus re-drive of its dead letters. */
export type Edi214Adapter = RouteHandler & {
  redrive(deadLetterId: string): Promise<InboundOutcome<TrackingOutcome['outcome'][]>>;
};

/**
 * `POST /edi/inbound/214`: the shared EDI route (signature, once per interchange, 997 back, 422 when rejected
 * or dead-lettered) with each accepted 214 mapped onto `trackShipment`, source `carrier:<scac>`. The shipment
 * is B1002 when it is one of ours, else the one whose tracking number is B1001; neither is a dead letter
 * (re-drivable once the shipment is confirmed). Dedupe id: SCAC, reference and every status with its time, so
 * an identical re-send is a duplicate and each new status a new document.
 */
export function createEdi214Adapter(deps: Edi214AdapterDeps): Edi214Adapter {
  const { metrics, logger } = deps;
  const pipeline = createInboundPipeline<ReceivedTransaction, Mapped214, TrackingOutcome['outcome'][]>({
    adapter: {
      name: 'edi-214',
      parse: (raw) => JSON.parse(raw.toString('utf8')) as ReceivedTransaction,
      documentId(tx) {
        const refs = referencesOf214(tx);
        const statuses = tx.segments
          .filter((s) => s.tag === 'AT7')
          .map((s) => [element(s, 1) || element(s, 3), element(s, 5), element(s, 6)].join('@'));
        return `${refs.scac}:${refs.shipmentId ?? refs.pro}:${statuses.join(',')}`;
      },
      async map(tx) {
        const refs = referencesOf214(tx);
        const milestones = statusesOf214(tx);
        const byId = refs.shipmentId ? await deps.shipments.get(refs.shipmentId) : null;
        const shipment =
          byId && !byId.splitPending ? byId : refs.pro ? await deps.shipments.byTrackingNumber(refs.pro) : null;
        if (!shipment) {
          metrics.increment('unknownShipment');
          const named = [
            refs.shipmentId && `shipment id "${refs.shipmentId}"`,
            refs.pro && `tracking number "${refs.pro}"`,
          ];
          throw new UnprocessableDocumentError(`214 for unknown shipment (${named.filter(Boolean).join(', ')})`);
        }
        return { shipmentId: shipment._id, scac: refs.scac, milestones };
      },
      async apply(mapped, meta) {
        const outcomes: TrackingOutcome['outcome'][] = [];
        for (const m of mapped.milestones) {
          const result = await deps.workflows.trackShipment(
            {
              shipmentId: mapped.shipmentId,
              status: m.status,
              carrierCode: m.code,
              at: m.at,
              location: m.location,
              description: m.description,
            },
            { source: carrierSource(mapped.scac), adapterRun: adapterRun(meta) },
          );
          outcomes.push(result.outcome);
          metrics.increment(`milestones.${result.outcome}`);
          if (result.outcome === 'refused') break; // one source for every status: one conflict says it
        }
        return outcomes;
      },
    },
    receipts: deps.stores.receipts,
    deadLetters: deps.stores.deadLetters,
    metrics,
    logger,
  });
  const route = createEdiInboundRoute({
    connector: 'edi-214',
    setId: '214',
    pipeline,
    report(outcome) {
      if (outcome.status === 'applied' && outcome.result.includes('refused'))
        return {
          status: 'refused',
          documentId: outcome.documentId,
          reason: 'refused by the mastering rules: the carrier does not carry this shipment',
        };
      return reportedOutcome(outcome);
    },
    verify: deps.verify,
    allocator: deps.allocator,
    ...(deps.self ? { self: deps.self } : {}),
    stores: deps.stores,
    interchanges: deps.interchanges,
    metrics,
    logger,
  });
  return Object.assign(route, { redrive: pipeline.redrive });
}
