import {
  createInboundPipeline,
  element,
  type ReceivedInterchangeDoc,
  isoDate,
  optionalElement,
  UnprocessableDocumentError,
  type ControlNumberAllocator,
  type ConnectorMetrics,
  type EdiIdentity,
  type InboundOutcome,
  type InboundStores,
  type RawSegment,
  type ReceivedTransaction,
  type WebhookVerifier,
} from '@fulfillment-mesh/connectors';
import { checkQuantity, cleanText } from '@fulfillment-mesh/runtime';
import type { Collection, Logger, RouteHandler } from '@fulfillment-mesh/runtime';
import type { ConfirmLineInput, ConfirmShipmentInput } from '../domain/confirmation.js';
import { wmsSource } from '../mastering.js';
import type { ShipmentStore } from '../store/index.js';
import type { ConfirmOrigin, ConfirmResult, ShipmentWorkflows } from '../workflows/index.js';
import { adapterRun } from './common.js';
import { createEdiInboundRoute, reportedOutcome, type ReportedOutcome } from './edi-inbound.js';

/** A 945 mapped onto confirmShipment: the confirmation and its origin (the warehouse's WMS). */
export interface Mapped945 {
  input: ConfirmShipmentInput;
  origin: ConfirmOrigin;
}

const segmentsOf = (tx: ReceivedTransaction, tag: string) => tx.segments.filter((s) => s.tag === tag);
const first = (tx: ReceivedTransaction, tag: string, qualifier?: string): RawSegment | undefined =>
  segmentsOf(tx, tag).find((s) => qualifier === undefined || element(s, 1) === qualifier);

/** W0604: our shipment id, which the 940 we sent carried; the document id of a 945 is sender + shipment. */
export function shipmentIdOf945(tx: ReceivedTransaction): string {
  const w06 = first(tx, 'W06');
  const id = w06 ? optionalElement(w06, 4) : null;
  if (!id) throw new UnprocessableDocumentError('945 without W06 (or without the shipment id in W0604)');
  return id;
}

/**
 * Maps an accepted 945 to a confirmation of the shipment in W0604: N9*2I tracking number, W27 carrier (W2702
 * SCAC) and service (W2705, default STANDARD), G62*11 ship date (and time in G6204, else midnight UTC), and one
 * line per LX/W12 with shipped units (W1203), matched to the shipment's lines by LX01 = line id, else by SKU
 * (W1208 with W1207 = VN). The warehouse is the interchange sender, mapped to a location by `warehouses`.
 * Throws UnprocessableDocumentError (a dead letter) for whatever it cannot map.
 */
export function map945(
  tx: ReceivedTransaction,
  shipmentLines: readonly { lineId: string; sku: string }[],
  warehouses: Readonly<Record<string, string>>,
): Mapped945 {
  const locationId = warehouses[tx.sender.id];
  if (!locationId)
    throw new UnprocessableDocumentError(
      `unknown warehouse "${tx.sender.id}": map it to a location in EDI_945_WAREHOUSES`,
    );
  const shipmentId = shipmentIdOf945(tx);
  const tracked = optionalElement(first(tx, 'N9', '2I') ?? { tag: 'N9', elements: [] }, 2);
  if (!tracked) throw new UnprocessableDocumentError(`945 for ${shipmentId} has no tracking number (N9*2I)`);
  const trackingNumber = cleanText(`945 ${shipmentId} N902 (tracking number)`, tracked, 200);
  const w27 = first(tx, 'W27');
  const named = w27 ? optionalElement(w27, 2) : null;
  if (!named || !w27) throw new UnprocessableDocumentError(`945 for ${shipmentId} names no carrier (W2702)`);
  const carrier = cleanText(`945 ${shipmentId} W2702 (carrier)`, named, 200);
  const service = cleanText(`945 ${shipmentId} W2705 (service)`, optionalElement(w27, 5) ?? 'STANDARD', 200);
  const g62 = first(tx, 'G62', '11');
  const date = isoDate(g62 ? optionalElement(g62, 2) : null);
  if (!date || !g62) throw new UnprocessableDocumentError(`945 for ${shipmentId} has no ship date (G62*11)`);
  const time = optionalElement(g62, 4);
  const shippedAt = `${date}T${time && /^\d{4}/.test(time) ? `${time.slice(0, 2)}:${time.slice(2, 4)}` : '00:00'}:00.000Z`;

  const lines: ConfirmLineInput[] = [];
  let lineNumber: string | null = null;
  for (const segment of tx.segments) {
    if (segment.tag === 'LX') lineNumber = optionalElement(segment, 1);
    if (segment.tag !== 'W12') continue;
    const shipped = Number(element(segment, 3));
    if (!Number.isInteger(shipped) || shipped < 0)
      throw new UnprocessableDocumentError(
        `W12 of line ${lineNumber ?? '?'}: shipped quantity "${element(segment, 3)}" is not a whole number`,
      );
    checkQuantity(`945 ${shipmentId} W1203 (shipped quantity) of line ${lineNumber ?? '?'}`, shipped);
    if (shipped === 0) continue;
    const sku = element(segment, 7) === 'VN' ? optionalElement(segment, 8) : null;
    const bySku = shipmentLines.filter((l) => l.sku === sku);
    const line = shipmentLines.find((l) => l.lineId === lineNumber) ?? (bySku.length === 1 ? bySku[0] : undefined);
    if (!line)
      throw new UnprocessableDocumentError(
        `W12 of line ${lineNumber ?? '?'} (SKU ${sku ?? 'none'}) matches no single line of shipment ${shipmentId}`,
      );
    lines.push({ lineId: line.lineId, quantity: shipped });
  }
  if (lines.length === 0)
    throw new UnprocessableDocumentError(`945 for ${shipmentId} ships nothing (no W12 with a quantity)`);
  return {
    input: { shipmentId, lines, carrier, service, trackingNumber },
    // ISA13 is the warehouse's own increasing sequence: it orders its confirmations.
    origin: {
      source: wmsSource(locationId),
      sourceVersion: tx.interchangeControlNumber,
      observedAt: shippedAt,
      shippedAt,
    },
  };
}

/** An outcome as the answer reports it: a confirmation the mastering rules refused is `refused`, with why. */
function outcomeOf(outcome: InboundOutcome<ConfirmResult>): ReportedOutcome {
  if (outcome.status === 'applied' && outcome.result.refused) {
    const reason = `refused by the mastering rules: ${outcome.result.refused.reason}`;
    return { status: 'refused', documentId: outcome.documentId, reason };
  }
  return reportedOutcome(outcome);
}

/** Options of {@link createEdi945Adapter}. */
export interface Edi945AdapterDeps {
  verify: WebhookVerifier;
  allocator: ControlNumberAllocator;
  /** Read at every document, so a mapping added later lets dead letters be re-driven. */
  warehouses: () => Readonly<Record<string, string>>;
  self?: EdiIdentity;
  workflows: Pick<ShipmentWorkflows, 'confirmShipment'>;
  shipments: Pick<ShipmentStore, 'get'>;
  stores: InboundStores;
  /** Received interchanges (`edi_interchanges`): each (sender, receiver, ISA13) is answered once. */
  interchanges: Collection<ReceivedInterchangeDoc>;
  metrics: ConnectorMetrics;
  logger: Logger;
  /** Default 5 * 1024 * 1024 // 5 MiB. */
  maxBodyBytes?: number;
}

/** The EDI 945 route plus re-drive of its dead letters. */
export type Edi945Adapter = RouteHandler & { redrive(deadLetterId: string): Promise<InboundOutcome<ConfirmResult>> };

/** A transaction set a warehouse confirms shipments with (945, or an 856 ship notice): how to read it. */
export interface ConfirmationSet {
  /** Connector name (`edi-945`, `edi-856-in`): receipts, dead letters and metrics are keyed by it. */
  connector: string;
  set: string;
  shipmentIdOf(tx: ReceivedTransaction): string;
  map(
    tx: ReceivedTransaction,
    shipmentLines: readonly { lineId: string; sku: string }[],
    warehouses: Readonly<Record<string, string>>,
  ): Mapped945;
}

const SET_945: ConfirmationSet = { connector: 'edi-945', set: '945', shipmentIdOf: shipmentIdOf945, map: map945 };

/**
 * `POST /edi/inbound/945`: verify (`X-EDI-Signature`) → `receiveX12Once` (each interchange answered once per
 * sender, receiver and ISA13; envelope validation) → each accepted 945 through an inbound pipeline (dedupe on
 * sender + shipment, dead letters) onto confirmShipment. Answers the 997 (and TA1) as `application/edi-x12`:
 * 200 only when every 945 applied; 422 with `x-edi-reasons` when the envelope was rejected or a 945 was
 * dead-lettered or refused (nothing of a rejected envelope is applied). A resend of an interchange gets its
 * stored answer again. 400 for text that is not X12 (kept as a dead letter), 415 for a content type that is not
 * X12 text, 409 while the same interchange is being processed, 503 when a document failed transiently.
 */
export function createEdi945Adapter(deps: Edi945AdapterDeps): Edi945Adapter {
  return createEdiConfirmationAdapter(SET_945, deps);
}

/** The route of {@link createEdi945Adapter} for any {@link ConfirmationSet}. */
export function createEdiConfirmationAdapter(kind: ConfirmationSet, deps: Edi945AdapterDeps): Edi945Adapter {
  const { metrics, logger } = deps;
  const { connector, set } = kind;
  const pipeline = createInboundPipeline<ReceivedTransaction, Mapped945, ConfirmResult>({
    adapter: {
      name: connector,
      parse: (raw) => JSON.parse(raw.toString('utf8')) as ReceivedTransaction,
      documentId: (tx) => `${tx.sender.id}:${kind.shipmentIdOf(tx)}`,
      async map(tx) {
        const id = kind.shipmentIdOf(tx);
        const shipment = await deps.shipments.get(id);
        if (!shipment || shipment.splitPending)
          throw new UnprocessableDocumentError(`${set} for unknown shipment "${id}"`);
        return kind.map(tx, shipment.lines, deps.warehouses());
      },
      // The confirmation, not the envelope: the same 945 resent in a new interchange has a new ISA13.
      content: ({ input, origin }) => ({ input, shippedAt: origin.shippedAt }),
      async apply({ input, origin }, meta) {
        const result = await deps.workflows.confirmShipment(input, { ...origin, adapterRun: adapterRun(meta) });
        if (result.refused) metrics.increment('refused');
        return result;
      },
    },
    receipts: deps.stores.receipts,
    deadLetters: deps.stores.deadLetters,
    metrics,
    logger,
  });

  const route = createEdiInboundRoute<ConfirmResult>({
    connector,
    setId: set,
    pipeline,
    report: outcomeOf,
    verify: deps.verify,
    allocator: deps.allocator,
    ...(deps.self ? { self: deps.self } : {}),
    stores: deps.stores,
    interchanges: deps.interchanges,
    metrics,
    logger,
    ...(deps.maxBodyBytes !== undefined ? { maxBodyBytes: deps.maxBodyBytes } : {}),
  });
  return Object.assign(route, { redrive: pipeline.redrive });
}
