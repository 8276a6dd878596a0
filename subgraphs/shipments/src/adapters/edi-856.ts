import {
  build856,
  buildInterchange,
  type ConnectorMetrics,
  type ControlNumberAllocator,
  type EdiIdentity,
  type ShipNotice,
} from '@fulfillment-mesh/connectors';
import { requireGatewayIdentity, type Client } from '@fulfillment-mesh/access';
import type { EventEnvelope, EventHandler } from '@fulfillment-mesh/events';
import {
  DuplicateKeyError,
  isDomainError,
  sendJson,
  type Collection,
  type Doc,
  type Logger,
  type RouteHandler,
} from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { shipmentConfirmed } from '../events/contracts.js';

/** What the 856 adapter remembers of an order from the `orders` stream (collection `order_channels`). */
export interface OrderChannelDoc extends Doc {
  channel: string;
  /** The channel's order id: for EDI orders the buyer's PO number, which the 856 quotes (PRF01). */
  externalId?: string;
  /** The trading partner that placed it, when the order events name one. */
  partnerId?: string;
  /** The ship-to region (state) of `orders.order.placed`, quoted in the N4 of a 940. */
  shipToRegion?: string;
}

/** A generated outbound EDI document (collection `edi_outbound`, `_id` = `856:<shipmentId>`). */
export interface EdiOutboundDoc extends Doc {
  partner: string;
  setId: string;
  shipmentId: string;
  orderId: string;
  interchangeControlNumber: string;
  text: string;
  createdAt: string;
}

// Tolerant: only the fields the projection keeps; placed and transitioned carry a channel, released may.
const orderFacts = z.looseObject({
  orderId: z.string().min(1),
  channel: z.string().min(1).nullish(),
  externalId: z.string().min(1).nullish(),
  partnerId: z.string().min(1).nullish(),
  customerId: z.string().min(1).nullish(),
  shipToRegion: z.string().min(1).nullish(),
});

/** True for the channel of orders that came in as EDI 850s. */
export const isEdiChannel = (channel: string) => channel.trim().toUpperCase() === 'EDI';

/** Handler of `orders.order.*` events (group `shipments.edi-856` on `orders`): keeps `order_channels` up to date. */
export function createOrderChannelProjection(collection: Collection<OrderChannelDoc>): EventHandler {
  return async (event) => {
    const data = orderFacts.safeParse(event.data);
    if (!data.success || !data.data.channel) return;
    const { orderId, channel, externalId, shipToRegion } = data.data;
    const partnerId = data.data.partnerId ?? data.data.customerId;
    const known = { ...(externalId ? { externalId } : {}), ...(partnerId ? { partnerId } : {}) };
    await collection.updateOne(
      { _id: orderId },
      { $set: { channel, ...known, ...(shipToRegion ? { shipToRegion } : {}) } },
      { upsert: true },
    );
  };
}

/** The 856 of a confirmed shipment: one S level, one O level for the order's PO, one I level per line. */
export function shipNoticeOf(
  data: z.output<typeof shipmentConfirmed.schema>,
  shippedAt: string,
  poNumber: string,
): ShipNotice {
  return {
    shipmentId: data.shipmentId,
    shippedAt,
    carrier: { scac: data.carrier, trackingNumber: data.trackingNumber },
    shipFrom: { entity: 'SF', name: null, idQualifier: '92', id: data.locationId, address: null },
    orders: [
      {
        poNumber,
        lines: data.lines.map((l) => ({
          lineNumber: l.lineId,
          quantity: l.quantity,
          uom: 'EA',
          vendorPartNumber: l.sku,
        })),
      },
    ],
  };
}

/** Dependencies of {@link createAsnHandler}. */
export interface AsnDeps {
  channels: Collection<OrderChannelDoc>;
  outbound: Collection<EdiOutboundDoc>;
  allocator: ControlNumberAllocator;
  self: EdiIdentity;
  /** Receiver of 856s for EDI orders whose events name no partner. */
  defaultPartner?: EdiIdentity;
  usage?: 'P' | 'T';
  metrics: ConnectorMetrics;
  logger: Logger;
}

/**
 * Handler of `shipments.shipment.confirmed` (group `shipments.edi-856` on `shipments`): for an order of channel
 * EDI, builds the 856 and stores it in `edi_outbound` for the partner to fetch. Idempotent per shipment (a
 * redelivery finds the document and allocates no control numbers). An order whose channel is not known yet
 * (its events not projected) throws, so the bus retries, then dead-letters (re-drivable).
 */
export function createAsnHandler(deps: AsnDeps): EventHandler {
  return async (event: EventEnvelope) => {
    if (event.type !== shipmentConfirmed.type) return;
    const data = shipmentConfirmed.schema.parse(event.data);
    const channel = (event.data as { channel?: unknown }).channel;
    const order = await deps.channels.findOne({ _id: data.orderId });
    const orderChannel = typeof channel === 'string' ? channel : order?.channel;
    if (orderChannel === undefined)
      throw new Error(`channel of order ${data.orderId} is not known yet (no orders.order event seen)`);
    if (!isEdiChannel(orderChannel)) {
      deps.metrics.increment('skipped');
      return;
    }
    const id = `856:${data.shipmentId}`;
    if (await deps.outbound.findOne({ _id: id })) {
      deps.metrics.increment('duplicates');
      return;
    }
    const partner = order?.partnerId ? { qualifier: 'ZZ', id: order.partnerId } : deps.defaultPartner;
    if (!partner)
      throw new Error(`no EDI partner for order ${data.orderId}: its events name none and EDI_856_PARTNER is not set`);
    const interchange = await buildInterchange({
      sender: deps.self,
      receiver: partner,
      transactions: [build856(shipNoticeOf(data, event.time, order?.externalId ?? data.orderId))],
      allocator: deps.allocator,
      ...(deps.usage ? { usage: deps.usage } : {}),
    });
    try {
      await deps.outbound.insertOne({
        _id: id,
        partner: partner.id,
        setId: '856',
        shipmentId: data.shipmentId,
        orderId: data.orderId,
        interchangeControlNumber: interchange.interchangeControlNumber,
        text: interchange.text,
        createdAt: new Date().toISOString(),
      });
      deps.metrics.increment('sent');
    } catch (error) {
      // A concurrent redelivery stored it first; its control numbers are the ones the partner sees.
      if (!(error instanceof DuplicateKeyError)) throw error;
      deps.metrics.increment('duplicates');
    }
  };
}

/**
 * `GET /edi/outbound?partner=<id>`: the partner's outbound documents, oldest first. The caller must carry the
 * gateway's signed identity: a partner client sees only its own documents, other clients need `operations:read`.
 */
export function createOutboundListRoute(deps: {
  outbound: Collection<EdiOutboundDoc>;
  identitySecret: string | readonly string[];
}): RouteHandler {
  return async (req, res, url) => {
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return sendJson(res, 405, { error: `Method ${req.method} is not allowed; use GET` });
    }
    let client: Client;
    try {
      // The subgraphs' one identity entry point (packages/access subgraph.ts), as every resolver gets it.
      client = requireGatewayIdentity(req.headers, { secret: deps.identitySecret });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return sendJson(res, 401, { error: error.message });
    }
    const partner = url.searchParams.get('partner');
    if (!partner) return sendJson(res, 400, { error: 'query parameter "partner" is required' });
    const allowed =
      client.kind === 'partner' ? client.partnerId === partner : client.scopes.includes('operations:read');
    if (!allowed)
      return sendJson(res, 403, { error: `client ${client.id} may not read the EDI documents of partner ${partner}` });
    const docs = await deps.outbound.find({ partner }, { sort: { createdAt: 1, _id: 1 }, limit: 500 });
    sendJson(res, 200, { partner, documents: docs.map(({ _id, ...doc }) => ({ id: _id, ...doc })) });
  };
}
