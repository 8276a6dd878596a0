import { productIds } from './po855.js';
import { partySegments } from './parties.js';
import { x12Date, x12Time, type EdiParty, type SegmentInput, type TransactionInput } from './types.js';

/** The canonical shipment an 856 advance ship notice is generated from. */
export interface ShipNotice {
  shipmentId: string;
  /** ISO date-time the shipment left. */
  shippedAt: string;
  carrier?: { scac?: string | null; trackingNumber?: string | null; billOfLading?: string | null } | null;
  /** TD1: packaging code (e.g. `CTN25`) and how many. */
  packages?: { code: string; count: number } | null;
  weight?: { value: number; unit: 'LB' | 'KG' } | null;
  shipFrom?: EdiParty | null;
  shipTo?: EdiParty | null;
  /** One HL order level per purchase order shipped. */
  orders: {
    poNumber: string;
    poDate?: string | null;
    lines: {
      lineNumber: string;
      quantity: number;
      uom: string;
      buyerPartNumber?: string | null;
      vendorPartNumber?: string | null;
      upc?: string | null;
      description?: string | null;
    }[];
  }[];
}

/**
 * Builds the 856 with the Shipment / Order / Item hierarchy (BSN05 = 0004): HL S carries carrier, weight,
 * references, date and parties; one HL O per PO (PRF); one HL I per line (LIN, SN1, PID). CTT01 counts HL
 * segments and CTT02 is the hash total of shipped quantities.
 */
export function build856(notice: ShipNotice): TransactionInput {
  const segments: SegmentInput[] = [
    ['BSN', '00', notice.shipmentId, x12Date(notice.shippedAt), x12Time(notice.shippedAt), '0004'],
  ];
  let hl = 0;
  let hash = 0;
  const shipmentHl = ++hl;
  segments.push(['HL', shipmentHl, null, 'S']);
  if (notice.packages || notice.weight) {
    segments.push([
      'TD1',
      notice.packages?.code,
      notice.packages?.count,
      null,
      null,
      null,
      notice.weight ? 'G' : null,
      notice.weight?.value,
      notice.weight?.unit,
    ]);
  }
  if (notice.carrier?.scac) segments.push(['TD5', null, '2', notice.carrier.scac]);
  if (notice.carrier?.billOfLading) segments.push(['REF', 'BM', notice.carrier.billOfLading]);
  if (notice.carrier?.trackingNumber) segments.push(['REF', 'CN', notice.carrier.trackingNumber]);
  segments.push(['DTM', '011', x12Date(notice.shippedAt)]);
  if (notice.shipTo) segments.push(...partySegments(notice.shipTo));
  if (notice.shipFrom) segments.push(...partySegments(notice.shipFrom));
  for (const order of notice.orders) {
    const orderHl = ++hl;
    segments.push(['HL', orderHl, shipmentHl, 'O']);
    segments.push(['PRF', order.poNumber, null, null, order.poDate ? x12Date(order.poDate) : null]);
    for (const line of order.lines) {
      segments.push(['HL', ++hl, orderHl, 'I']);
      segments.push(['LIN', line.lineNumber, ...productIds(line)]);
      segments.push(['SN1', line.lineNumber, line.quantity, line.uom]);
      if (line.description) segments.push(['PID', 'F', null, null, null, line.description]);
      hash += line.quantity;
    }
  }
  segments.push(['CTT', hl, hash]);
  return { setId: '856', functionalId: 'SH', segments };
}
