import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createInboundPipeline,
  EdiSyntaxError,
  fileAnswer,
  interchangeAnswer,
  map850,
  settledPart,
  PayloadTooLargeError,
  readRawBody,
  receiveX12Once,
  sendEdiAnswer,
  UnprocessableDocumentError,
  unsupportedMediaType,
  X12_MEDIA_TYPES,
  type EdiFileAnswer,
  type FilePart,
  type ControlNumberAllocator,
  type EdiIdentity,
  type InboundOutcome,
  type InboundPipeline,
  type PurchaseOrder,
  type ReceivedTransaction,
} from '@fulfillment-mesh/connectors';
import { sendJson, type RouteHandler } from '@fulfillment-mesh/runtime';
import { readFile } from 'node:fs/promises';
import type { PlaceOrderInput } from '../domain/place-order.js';
import type { PlaceOrderResult } from '../workflows/place-order.js';
import type { EdiStore } from './edi-store.js';
import type { InboundAdapterDeps } from './support.js';

/** The connector name of inbound 850s: metrics, receipts and dead letters are keyed by it. */
export const EDI_850_CONNECTOR = 'edi-850';

/** Options of the EDI adapter. */
export interface EdiOptions {
  /** Bearer token the EDI gateway (AS2/SFTP bridge) presents on /edi/inbound and /edi/outbound (`EDI_API_TOKEN`). */
  token: string;
  /** Our identity in 997/855 envelopes; default the receiver each 850 was addressed to. */
  self?: EdiIdentity;
  /** Ship-to country when the 850's N4 has none (US partners often omit it); default `US`. */
  defaultCountry?: string;
  /** Currency when the 850 has no CUR segment; default `USD`. */
  defaultCurrency?: string;
  /** Largest accepted interchange; default 5 * 1024 * 1024 // 5 MiB. */
  maxBodyBytes?: number;
}

/** A document of the interchange failed transiently: nothing of the interchange is remembered, the partner resends. */
class TransientEdiError extends Error {}

/** What one received EDI file produced. */
export interface EdiImportResult {
  /** 200 when everything applied (or had been), 422 when something was rejected or dead-lettered, 409 busy. */
  status: 200 | 409 | 422;
  /** ISA13s received before with the same content: answered from what was stored, nothing applied again. */
  repeated: string[];
  /** The HTTP answer (acks, reasons, outcomes). */
  file: EdiFileAnswer;
  /** The acknowledgement interchange (997, with TA1 when needed) of each interchange in the file. */
  acks: string[];
  /** True when every interchange's envelope was sound (as first answered, for a repeat). */
  accepted: boolean;
  /** Envelope problems, as the 997 states them, and why documents were dead-lettered. */
  reasons: string[];
  /** How each accepted 850 ended (applied, duplicate, dead-lettered …). */
  orders: InboundOutcome<PlaceOrderResult>[];
}

/** The EDI 850 adapter: file and HTTP entry points over one inbound pipeline. */
export interface Edi850Adapter {
  /** Receives an X12 file's text: validates, answers 997s (kept for the partner) and places each accepted 850. */
  receive(text: string): Promise<EdiImportResult>;
  /** `receive` on a file drop. */
  importFile(path: string): Promise<EdiImportResult>;
  /** Re-drives a dead-lettered 850 (after a fix, e.g. a SKU added to the catalog). */
  redrive(deadLetterId: string): ReturnType<InboundPipeline<PlaceOrderResult>['redrive']>;
  routes: { inbound: RouteHandler; outbound: RouteHandler };
}

/** The partner id of an interchange sender: its ISA06 id (the customer id of the orders it places). */
export function partnerIdOf(sender: EdiIdentity): string {
  return sender.id.trim();
}

/** Maps a purchase order onto placeOrder: channel EDI, externalId = PO number, customer = the partner. */
export function mapPurchaseOrder(
  po: PurchaseOrder,
  partnerId: string,
  options: Pick<EdiOptions, 'defaultCountry' | 'defaultCurrency'> = {},
): PlaceOrderInput {
  const where = `850 PO ${po.poNumber} from ${partnerId}`;
  const ship = po.shipTo;
  const street = ship?.address?.lines ?? [];
  const { city, state, postalCode } = ship?.address ?? { city: null, state: null, postalCode: null };
  if (!ship || !street[0] || !city || !state || !postalCode)
    throw new UnprocessableDocumentError(`${where}: no complete ship-to (N1*ST with N3/N4)`);
  const currencyCode = po.currency ?? options.defaultCurrency ?? 'USD';
  return {
    channel: 'EDI',
    externalId: po.poNumber,
    customer: { id: partnerId, name: po.buyer.name ?? partnerId, email: null },
    shipTo: {
      name: ship.name ?? partnerId,
      address: {
        line1: street[0],
        line2: street[1] ?? null,
        city,
        region: state,
        postalCode,
        country: ship.address?.country ?? options.defaultCountry ?? 'US',
      },
    },
    lines: po.lines.map((line, i) => {
      // VP/VN is the vendor's (our) part number; a buyer's own part number means nothing to the catalog.
      if (!line.vendorPartNumber)
        throw new UnprocessableDocumentError(
          `${where}: PO1 line ${line.lineNumber || i + 1} has no vendor part number (VP/VN)`,
        );
      return {
        lineId: line.lineNumber || `L${i + 1}`,
        sku: line.vendorPartNumber,
        quantity: line.quantity,
        ...(line.unitPrice ? { unitPrice: { amount: line.unitPrice, currencyCode } } : {}),
      };
    }),
  };
}

/** Creates the EDI 850 adapter. */
export function createEdi850Adapter(
  deps: InboundAdapterDeps & { edi: EdiStore; allocator: ControlNumberAllocator; options: EdiOptions; now: () => Date },
): Edi850Adapter {
  const { options, logger } = deps;
  // Each accepted transaction set travels as JSON: a dead letter keeps exactly what map850 needs to run again.
  const pipeline = createInboundPipeline<
    ReceivedTransaction,
    { input: PlaceOrderInput; tx: ReceivedTransaction; po: PurchaseOrder },
    PlaceOrderResult
  >({
    adapter: {
      name: EDI_850_CONNECTOR,
      parse: (raw) => JSON.parse(raw.toString('utf8')) as ReceivedTransaction,
      documentId: (tx) => {
        const beg = tx.segments.find((s) => s.tag === 'BEG');
        return `${partnerIdOf(tx.sender)}:${beg?.elements[2] ?? `no-BEG-${tx.interchangeControlNumber}-${tx.controlNumber}`}`;
      },
      map: (tx) => {
        const po = map850(tx);
        return { input: mapPurchaseOrder(po, partnerIdOf(tx.sender), options), tx, po };
      },
      // The order, not the envelope: the same PO resent in a new interchange has new control numbers.
      content: ({ input }) => input,
      apply: async ({ input, tx, po }, meta) => {
        const partnerId = partnerIdOf(tx.sender);
        const origin = {
          source: `channel:edi:${partnerId}`,
          sourceVersion: tx.interchangeControlNumber,
          observedAt: deps.now().toISOString(),
          adapterRun: `${EDI_850_CONNECTOR}:${meta.documentId}`,
        };
        const placed = await deps.process.placeOrder(input, null, origin);
        // Written after the order (idempotent upsert): the 855 consumer looks the partner up by order id.
        const link = { partnerId, partner: tx.sender, self: options.self ?? tx.receiver, purchaseOrder: po };
        await deps.edi.links.updateOne({ _id: placed.order._id }, { $set: link }, { upsert: true });
        return placed;
      },
    },
    receipts: deps.receipts,
    deadLetters: deps.deadLetters,
    metrics: deps.metrics.connector(EDI_850_CONNECTOR),
    logger,
  });

  const keepAck = async (partnerId: string, ack: { text: string; interchangeControlNumber: string }) => {
    await deps.edi.outbound.insertOne({
      _id: `997:${partnerId}:${ack.interchangeControlNumber}`,
      partnerId,
      setId: '997',
      text: ack.text,
      interchangeControlNumber: ack.interchangeControlNumber,
      orderId: null,
      poNumber: null,
      createdAt: deps.now().toISOString(),
    });
  };

  const receive = async (text: string): Promise<EdiImportResult> => {
    const receipts = await receiveX12Once(text, {
      connector: EDI_850_CONNECTOR,
      collection: deps.edi.interchanges,
      allocator: deps.allocator,
      supportedSets: ['850'],
      ...(options.self ? { self: options.self } : {}),
    });
    const result: Pick<EdiImportResult, 'accepted' | 'orders'> = { accepted: true, orders: [] };
    const parts: FilePart[] = [];
    for (const receipt of receipts) {
      if (receipt.kind !== 'new') {
        const partnerId = partnerIdOf(receipt.parsed.sender);
        const { counter, part } = settledPart(receipt);
        deps.metrics.connector(EDI_850_CONNECTOR).increment(counter);
        if (receipt.kind === 'reused') {
          // The TA1 025 rejection is a new acknowledgement: the partner fetches it like any other.
          await keepAck(partnerId, { text: receipt.answer.ack, interchangeControlNumber: receipt.ackControlNumber });
          const interchange = receipt.parsed.controlNumber;
          logger.warn({ partnerId, interchange }, 'EDI interchange control number reused with other content');
        }
        if (part.answer) result.accepted &&= part.answer.accepted;
        parts.push(part);
        continue;
      }
      const received = receipt.received;
      result.accepted &&= received.ack.accepted;
      const partnerId = partnerIdOf(received.parsed.sender);
      if (!received.ack.accepted)
        logger.warn(
          { partnerId, interchange: received.parsed.controlNumber, reasons: received.ack.reasons },
          'EDI interchange rejected',
        );
      const outcomes: InboundOutcome<PlaceOrderResult>[] = [];
      for (const tx of received.accepted) {
        outcomes.push(await pipeline.process(Buffer.from(JSON.stringify(tx), 'utf8'), {}));
      }
      result.orders.push(...outcomes);
      if (outcomes.some((o) => o.status === 'failed' || o.status === 'busy')) {
        // Nothing is remembered of this interchange: its resend is processed again (what applied is a duplicate).
        await receipt.release();
        throw new TransientEdiError('a purchase order could not be placed for now; resend the interchange later');
      }
      const answer = interchangeAnswer(
        received.ack,
        outcomes.map((o) =>
          o.status === 'dead-lettered'
            ? { status: o.status, reason: `${o.reason} (dead letter ${o.deadLetterId})` }
            : { status: o.status },
        ),
      );
      await receipt.settle(answer);
      // Kept for the partner once answered: a transient failure above leaves no 997 behind for the resend to repeat.
      await keepAck(partnerId, received.ack);
      parts.push({ kind: 'new', answer, controlNumber: received.parsed.controlNumber });
    }
    const file = fileAnswer(parts);
    const acks = parts.flatMap((p) => (p.answer ? [p.answer.ack] : []));
    return { ...result, acks, reasons: file.reasons, status: file.status, repeated: file.repeated, file };
  };

  const authorized = (req: IncomingMessage) => {
    const given = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''), 'utf8');
    const expected = Buffer.from(options.token, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const refuse = (res: ServerResponse) => {
    deps.metrics.connector(EDI_850_CONNECTOR).increment('invalidSignature');
    sendJson(res, 401, { error: 'invalid credentials' });
  };
  const sendX12 = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/edi-x12; charset=utf-8', ...headers }).end(text);
  };

  const inbound: RouteHandler = async (req, res) => {
    if (req.method !== 'POST') return methodNotAllowed(res, req.method, 'POST');
    if (!authorized(req)) return refuse(res);
    const unsupported = unsupportedMediaType(req, X12_MEDIA_TYPES);
    if (unsupported) return sendJson(res, 415, { error: unsupported });
    let text: string;
    try {
      text = (await readRawBody(req, options.maxBodyBytes ?? 5 * 1024 * 1024)).toString('utf8'); // 5 MiB
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return sendJson(res, 413, { error: error.message });
      throw error;
    }
    try {
      const result = await receive(text);
      const deadLettered = result.orders.filter((o) => o.status === 'dead-lettered').length;
      // The 997 is the answer either way; the status says whether everything applied (200) or not (422, reasons).
      const counts = { 'x-edi-orders': String(result.orders.length), 'x-edi-dead-lettered': String(deadLettered) };
      sendEdiAnswer(req, res, result.file, counts);
    } catch (error) {
      if (error instanceof EdiSyntaxError) return sendJson(res, 400, { error: error.message });
      if (!(error instanceof TransientEdiError)) logger.error({ err: error }, 'EDI interchange could not be received');
      res.setHeader('retry-after', '30');
      sendJson(res, 503, { error: 'temporarily unable to receive the interchange; retry later' });
    }
  };

  const outbound: RouteHandler = async (req, res, url) => {
    if (req.method !== 'GET') return methodNotAllowed(res, req.method, 'GET');
    if (!authorized(req)) return refuse(res);
    const partner = url.searchParams.get('partner');
    if (!partner)
      return sendJson(res, 400, { error: 'query parameter "partner" (the partner id, its ISA sender id) is required' });
    const docs = await deps.edi.outboundFor(partner, url.searchParams.get('type'));
    sendX12(res, 200, docs.map((d) => d.text).join(''), { 'x-edi-documents': String(docs.length) });
  };

  return {
    receive,
    importFile: async (path) => receive(await readFile(path, 'utf8')),
    redrive: pipeline.redrive,
    routes: { inbound, outbound },
  };
}

function methodNotAllowed(res: ServerResponse, method: string | undefined, allowed: string): void {
  res.setHeader('allow', allowed);
  sendJson(res, 405, { error: `Method ${method} is not allowed; use ${allowed}` });
}
