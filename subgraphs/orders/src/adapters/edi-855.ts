import {
  build855,
  buildInterchange,
  type ControlNumberAllocator,
  type LineAckStatus,
  type MetricsRegistry,
  type PurchaseOrderAck,
} from '@fulfillment-mesh/connectors';
import type { EventEnvelope, EventHandler } from '@fulfillment-mesh/events';
import type { Logger } from '@fulfillment-mesh/runtime';
import type { OrderTransitioned } from '../events/contracts.js';
import type { OrderDoc } from '../store/models.js';
import type { OrderStore } from '../store/index.js';
import type { EdiOrderLinkDoc, EdiStore } from './edi-store.js';

/** The connector name of outbound 855s. */
export const EDI_855_CONNECTOR = 'edi-855';

/** The statuses a partner is told about: the outcome of the reservation. */
const ACKNOWLEDGED = new Set(['ACCEPTED', 'BACKORDERED', 'REJECTED']);

/**
 * The acknowledgement of a purchase order in the status an order reached: ACCEPTED is accepted as is (AD, every
 * line IA); BACKORDERED is accepted with changes (AC; lines waiting for stock IB with the backordered quantity);
 * REJECTED rejects every line (RJ, IR). Pure.
 */
export function purchaseOrderAck(
  status: string,
  order: OrderDoc,
  link: EdiOrderLinkDoc,
  ackDate: string,
): PurchaseOrderAck {
  const po = link.purchaseOrder;
  const byLineId = new Map(order.lines.map((l) => [l.lineId, l]));
  return {
    poNumber: po.poNumber,
    poDate: po.orderDate,
    ackType: status === 'REJECTED' ? 'RJ' : status === 'BACKORDERED' ? 'AC' : 'AD',
    ackDate,
    sellerOrderNumber: order._id,
    shipTo: po.shipTo,
    lines: po.lines.map((line, i) => {
      const ours = byLineId.get(line.lineNumber || `L${i + 1}`);
      const backordered = ours?.backorderedQuantity ?? 0;
      const lineStatus: LineAckStatus = status === 'REJECTED' ? 'IR' : backordered > 0 ? 'IB' : 'IA';
      return {
        lineNumber: line.lineNumber,
        quantity: line.quantity,
        uom: line.uom,
        unitPrice: ours?.unitPrice.amount ?? line.unitPrice,
        buyerPartNumber: line.buyerPartNumber,
        vendorPartNumber: line.vendorPartNumber,
        upc: line.upc,
        status: lineStatus,
        ...(lineStatus === 'IB' ? { ackQuantity: backordered } : {}),
      };
    }),
  };
}

/**
 * The handler of consumer group `orders.edi-855`: when an EDI order (one placed from an 850) is ACCEPTED,
 * BACKORDERED or REJECTED, builds the 855 and keeps it in `edi_outbound` for the partner to collect. Idempotent
 * per event (the document id is derived from it), so redelivery stores nothing twice.
 */
export function createEdi855Handler(deps: {
  orders: OrderStore;
  edi: EdiStore;
  allocator: ControlNumberAllocator;
  metrics: MetricsRegistry;
  logger: Logger;
  now: () => Date;
}): EventHandler {
  const metrics = deps.metrics.connector(EDI_855_CONNECTOR);
  return async (event: EventEnvelope) => {
    const data = event.data as OrderTransitioned;
    if (data.channel !== 'EDI' || !ACKNOWLEDGED.has(data.to)) return void metrics.increment('skipped');
    const id = `855:${event.id}`;
    if (await deps.edi.outbound.findOne({ _id: id })) return void metrics.increment('duplicates');
    const [link, order] = await Promise.all([
      deps.edi.links.findOne({ _id: data.orderId }),
      deps.orders.orders.findOne({ _id: data.orderId }),
    ]);
    if (!link || !order) {
      // placeOrder reserves (and so transitions) before the 850 adapter writes its link: an order that came from
      // an 850 (its content provenance is `channel:edi:<partner>`) may be seen here first. Throwing lets the bus
      // retry once the link exists; an EDI-channel order placed through the API has no envelope to answer.
      if (order?.provenance?.content?.source.startsWith('channel:edi:')) {
        throw new Error(`the 850 link of EDI order ${data.orderId} is not written yet; retrying the 855`);
      }
      deps.logger.info({ orderId: data.orderId }, 'no 850 behind this EDI order; no 855 sent');
      return void metrics.increment('skipped');
    }
    const at = deps.now();
    const generated = await buildInterchange({
      sender: link.self,
      receiver: link.partner,
      transactions: [build855(purchaseOrderAck(data.to, order, link, at.toISOString()))],
      allocator: deps.allocator,
      at,
    });
    await deps.edi.outbound.insertOne({
      _id: id,
      partnerId: link.partnerId,
      setId: '855',
      text: generated.text,
      interchangeControlNumber: generated.interchangeControlNumber,
      orderId: order._id,
      poNumber: link.purchaseOrder.poNumber,
      createdAt: at.toISOString(),
    });
    metrics.increment('sent');
  };
}
