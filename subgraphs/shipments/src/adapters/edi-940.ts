import {
  build940,
  buildInterchange,
  EdiSyntaxError,
  hexHmacVerifier,
  parseX12,
  PayloadTooLargeError,
  read997,
  readRawBody,
  validateEnvelope,
  type ConnectorMetrics,
  type ControlNumberAllocator,
  type EdiIdentity,
  type InboundDeadLetters,
  type Secrets,
  type WarehouseShippingOrder,
} from '@fulfillment-mesh/connectors';
import type { EventEnvelope, EventHandler } from '@fulfillment-mesh/events';
import {
  DuplicateKeyError,
  sendJson,
  type Collection,
  type Logger,
  type RouteHandler,
} from '@fulfillment-mesh/runtime';
import { shipmentCancelled, shipmentConfirmed, shipmentCreated } from '../events/contracts.js';
import { HEX_SIGNATURE } from './common.js';
import type { EdiOutboundDoc, OrderChannelDoc } from './edi-856.js';

/** Where a 940 stands: waiting for the 3PL's 997, acknowledged, closed by the shipment's confirmation, or given up. */
export type Edi940Status = 'awaiting-ack' | 'acknowledged' | 'rejected' | 'unacknowledged' | 'closed';

/** A 940 sent to a 3PL (collection `edi_outbound`, `_id` = `940:<shipmentId>`), with its acknowledgement tracking. */
export interface Edi940Doc extends EdiOutboundDoc {
  setId: '940';
  status: Edi940Status;
  order: WarehouseShippingOrder;
  /** GS06 of every send, oldest first: a 997 for any of them acknowledges the 940. */
  groupControlNumbers: string[];
  sends: { interchangeControlNumber: string; groupControlNumber: string; at: string }[];
  /** When the sweeper resends (or gives up) unless a 997 arrives first. */
  ackDueAt: string | null;
  acknowledgedAt?: string;
  closedAt?: string;
  closedBy?: string;
}

/** Timing of the 997 watch. */
export interface Edi940Timing {
  /** How long a 3PL has to acknowledge a 940 before it is resent; default 4 * 3_600_000 // 4 hours. */
  ackTimeoutMs?: number;
  /** Resends after the first send before the 940 is dead-lettered; default 3. */
  maxResends?: number;
  /** How often the sweeper looks for overdue 940s; default 60_000 // 1 minute. */
  sweepMs?: number;
}

/** Dependencies of {@link createEdi940}. */
export interface Edi940Deps {
  outbound: Collection<Edi940Doc>;
  channels: Collection<OrderChannelDoc>;
  allocator: ControlNumberAllocator;
  self: EdiIdentity;
  /** Read at every event: location id → the 3PL's interchange id (the inverse of `EDI_945_WAREHOUSES`). */
  threePls: () => Readonly<Record<string, string>>;
  usage?: 'P' | 'T';
  timing?: Edi940Timing;
  /** Where a 940 no 3PL acknowledged (or one it rejected) is kept for operations, with why. */
  deadLetters: InboundDeadLetters;
  metrics: ConnectorMetrics;
  logger: Logger;
  now?: () => Date;
}

/** The 3PL locations of a 945 warehouse map (`sender → location`): `location → sender`, first sender wins. */
export function threePlsOf(warehouses: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [sender, location] of Object.entries(warehouses)) out[location] ??= sender;
  return out;
}

/** The 940 of a released shipment: W05 quotes our order and shipment, N1*ST the customer, N1*WH the 3PL location. */
export function shippingOrderOf(
  data: {
    shipmentId: string;
    orderId: string;
    customerId?: string | undefined;
    locationId: string;
    lines: { sku: string; quantity: number }[];
  },
  order: OrderChannelDoc | null,
): WarehouseShippingOrder {
  const customer = data.customerId ?? order?.partnerId ?? null;
  return {
    depositorOrderNumber: data.orderId,
    poNumber: order?.externalId ?? null,
    shipmentId: data.shipmentId,
    // N1 needs a name or an id: without the customer (older events) the 3PL ships to what the order says.
    shipTo: customer
      ? {
          entity: 'ST',
          name: null,
          idQualifier: '92',
          id: customer,
          address: order?.shipToRegion
            ? { lines: [], city: null, state: order.shipToRegion, postalCode: null, country: null }
            : null,
        }
      : null,
    warehouse: { entity: 'WH', name: null, idQualifier: '92', id: data.locationId, address: null },
    lines: data.lines.map((l, i) => ({ lineNumber: i + 1, sku: l.sku, quantity: l.quantity, uom: 'EA' })),
  };
}

/** The 940 side of the shipments adapters: the event handler, the 997 route and the resend sweeper. */
export interface Edi940 {
  /** Handler of `shipments.shipment.created|confirmed|cancelled` (group `shipments.edi-940`). */
  handler: EventHandler;
  /** Resends overdue 940s and dead-letters those out of resends; returns how many it touched. */
  sweep(): Promise<number>;
  /** `POST /edi/inbound/997`, given the EDI secret. */
  ackRoute(secret: Secrets, maxBodyBytes?: number): RouteHandler;
  start(): void;
  stop(): void;
}

/**
 * EDI 940 out. A shipment created at a 3PL location gets a 940 in an interchange from `self` to that 3PL, stored
 * once in `edi_outbound` (`GET /edi/outbound` lists it) and awaiting the 3PL's 997. A 997 naming one of its
 * groups (AK102) acknowledges it (AK901 R rejects it: dead letter). With no 997 within `ackTimeoutMs`, the
 * sweeper resends it in a new interchange (new ISA13/GS06/ST02, same W05), at most `maxResends` times, then
 * dead-letters it. The shipment's confirmation (the 945) or cancellation closes it whatever the 997 state.
 */
export function createEdi940(deps: Edi940Deps): Edi940 {
  const now = deps.now ?? (() => new Date());
  const timeoutMs = deps.timing?.ackTimeoutMs ?? 4 * 3_600_000; // 4 hours
  const maxResends = deps.timing?.maxResends ?? 3;
  const sweepMs = deps.timing?.sweepMs ?? 60_000; // 1 minute
  const { metrics, logger } = deps;
  const due = (at: Date) => new Date(at.getTime() + timeoutMs).toISOString();

  const send = async (partner: string, order: WarehouseShippingOrder) => {
    const at = now();
    const interchange = await buildInterchange({
      sender: deps.self,
      receiver: { qualifier: 'ZZ', id: partner },
      transactions: [build940(order)],
      allocator: deps.allocator,
      ...(deps.usage ? { usage: deps.usage } : {}),
      at,
    });
    const groupControlNumber = interchange.groups[0]!.controlNumber;
    return {
      text: interchange.text,
      send: {
        interchangeControlNumber: interchange.interchangeControlNumber,
        groupControlNumber,
        at: at.toISOString(),
      },
      at,
    };
  };

  const deadLetter = async (doc: Edi940Doc, reason: string) => {
    await deps.deadLetters.add({
      connector: 'edi-940',
      documentId: doc._id,
      stage: 'apply',
      reason,
      raw: Buffer.from(doc.text, 'utf8'),
      headers: {},
    });
    metrics.increment('deadLettered');
    logger.warn({ connector: 'edi-940', shipmentId: doc.shipmentId, partner: doc.partner }, reason);
  };

  const created = async (event: EventEnvelope) => {
    const data = shipmentCreated.schema.parse(event.data);
    const partner = deps.threePls()[data.locationId];
    if (!partner) {
      metrics.increment('skipped');
      return;
    }
    const id = `940:${data.shipmentId}`;
    if (await deps.outbound.findOne({ _id: id })) {
      metrics.increment('duplicates');
      return;
    }
    const order = shippingOrderOf(data, await deps.channels.findOne({ _id: data.orderId }));
    const first = await send(partner, order);
    try {
      await deps.outbound.insertOne({
        _id: id,
        partner,
        setId: '940',
        shipmentId: data.shipmentId,
        orderId: data.orderId,
        interchangeControlNumber: first.send.interchangeControlNumber,
        text: first.text,
        createdAt: first.send.at,
        status: 'awaiting-ack',
        order,
        groupControlNumbers: [first.send.groupControlNumber],
        sends: [first.send],
        ackDueAt: due(first.at),
      });
      metrics.increment('sent');
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error; // a concurrent redelivery stored it first
      metrics.increment('duplicates');
    }
  };

  const close = async (shipmentId: string, by: string) => {
    const result = await deps.outbound.updateOne(
      { _id: `940:${shipmentId}`, status: { $ne: 'closed' } },
      { $set: { status: 'closed', closedAt: now().toISOString(), closedBy: by, ackDueAt: null } },
    );
    if (result.modifiedCount > 0) metrics.increment('closed');
  };

  const handler: EventHandler = async (event) => {
    if (event.type === shipmentCreated.type) return created(event);
    if (event.type === shipmentConfirmed.type)
      return close(shipmentConfirmed.schema.parse(event.data).shipmentId, event.type);
    if (event.type === shipmentCancelled.type)
      return close(shipmentCancelled.schema.parse(event.data).shipmentId, event.type);
  };

  const sweep = async () => {
    const at = now();
    const overdue = await deps.outbound.find(
      { setId: '940', status: 'awaiting-ack', ackDueAt: { $lte: at.toISOString() } },
      { sort: { ackDueAt: 1 }, limit: 100 },
    );
    let touched = 0;
    for (const doc of overdue) {
      const resendsSoFar = doc.sends.length - 1;
      if (resendsSoFar >= maxResends) {
        // Claimed by the write: another replica's sweep matches nothing.
        const claimed = await deps.outbound.updateOne(
          { _id: doc._id, status: 'awaiting-ack', ackDueAt: doc.ackDueAt },
          { $set: { status: 'unacknowledged', ackDueAt: null } },
        );
        if (claimed.modifiedCount === 0) continue;
        const groups = doc.groupControlNumbers.join(', ');
        await deadLetter(
          doc,
          `no 997 from ${doc.partner} for the 940 of shipment ${doc.shipmentId} after ${doc.sends.length} sends (groups ${groups})`,
        );
        touched++;
        continue;
      }
      const claimed = await deps.outbound.updateOne(
        { _id: doc._id, status: 'awaiting-ack', ackDueAt: doc.ackDueAt },
        { $set: { ackDueAt: due(at) } },
      );
      if (claimed.modifiedCount === 0) continue;
      const again = await send(doc.partner, doc.order);
      await deps.outbound.updateOne(
        { _id: doc._id },
        {
          $set: { text: again.text, interchangeControlNumber: again.send.interchangeControlNumber },
          $push: { sends: again.send, groupControlNumbers: again.send.groupControlNumber },
        },
      );
      metrics.increment('resent');
      touched++;
    }
    return touched;
  };

  const ackRoute = (secret: Secrets, maxBodyBytes = 5 * 1024 * 1024 /* 5 MiB */): RouteHandler => {
    const verifier = hexHmacVerifier('edi', 'X-EDI-Signature', secret, HEX_SIGNATURE);
    return async (req, res) => {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return sendJson(res, 405, { error: `Method ${req.method} is not allowed; use POST` });
      }
      let raw: Buffer;
      try {
        raw = await readRawBody(req, maxBodyBytes);
      } catch (error) {
        if (!(error instanceof PayloadTooLargeError)) throw error;
        return sendJson(res, 413, { error: error.message });
      }
      if (!verifier.verify(raw, req.headers).ok) {
        metrics.increment('invalidSignature');
        return sendJson(res, 401, { error: 'invalid signature' });
      }
      // A 997 is never acknowledged itself (X12): the answer is JSON.
      let parsed;
      try {
        parsed = parseX12(raw.toString('utf8'));
      } catch (error) {
        if (!(error instanceof EdiSyntaxError)) throw error;
        return sendJson(res, 400, { error: error.message });
      }
      const outcomes: { groupControlNumber: string; shipmentId: string | null; outcome: string; reason?: string }[] =
        [];
      for (const interchange of parsed) {
        const report = validateEnvelope(interchange, { supportedSets: ['997'] });
        if (!report.accepted) {
          for (const reason of report.reasons)
            outcomes.push({ groupControlNumber: '', shipmentId: null, outcome: 'rejected', reason });
          continue;
        }
        for (const group of interchange.groups)
          for (const tx of group.transactions) {
            let ack;
            try {
              ack = read997(tx.segments);
            } catch (error) {
              outcomes.push({
                groupControlNumber: '',
                shipmentId: null,
                outcome: 'rejected',
                reason: (error as Error).message,
              });
              continue;
            }
            if (ack.functionalId !== 'OW') {
              outcomes.push({ groupControlNumber: ack.groupControlNumber, shipmentId: null, outcome: 'ignored' });
              continue;
            }
            const doc = await deps.outbound.findOne({
              setId: '940',
              partner: interchange.sender.id,
              groupControlNumbers: ack.groupControlNumber,
            });
            if (!doc) {
              const reason = `997 from ${interchange.sender.id} acknowledges group ${ack.groupControlNumber}, which is no 940 we sent it`;
              outcomes.push({
                groupControlNumber: ack.groupControlNumber,
                shipmentId: null,
                outcome: 'unknown-group',
                reason,
              });
              metrics.increment('unknownAcks');
              continue;
            }
            const rejected = ack.status === 'R';
            const updated = await deps.outbound.updateOne(
              { _id: doc._id, status: 'awaiting-ack' },
              {
                $set: {
                  status: rejected ? 'rejected' : 'acknowledged',
                  acknowledgedAt: now().toISOString(),
                  ackDueAt: null,
                },
              },
            );
            if (updated.modifiedCount > 0 && rejected) {
              const codes = ack.transactions.map((t) => `${t.controlNumber}:${t.status}`).join(', ');
              await deadLetter(
                doc,
                `${doc.partner} rejected the 940 of shipment ${doc.shipmentId} (997 AK9 R; AK2/AK5 ${codes || 'none'})`,
              );
            }
            if (updated.modifiedCount > 0) metrics.increment(rejected ? 'rejectedByPartner' : 'acknowledged');
            outcomes.push({
              groupControlNumber: ack.groupControlNumber,
              shipmentId: doc.shipmentId,
              outcome:
                updated.modifiedCount > 0 ? (rejected ? 'rejected-by-partner' : 'acknowledged') : 'already-settled',
            });
          }
      }
      const failed = outcomes.filter((o) => o.reason);
      sendJson(res, failed.length > 0 ? 422 : 200, { outcomes, reasons: failed.map((o) => o.reason) });
    };
  };

  let timer: NodeJS.Timeout | null = null;
  return {
    handler,
    sweep,
    ackRoute,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        sweep().catch((error: unknown) => logger.error({ err: error, connector: 'edi-940' }, '940 sweep failed'));
      }, sweepMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
