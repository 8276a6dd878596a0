import { partySegments } from './parties.js';
import { x12Date, type EdiParty, type SegmentInput, type TransactionInput } from './types.js';

/** The canonical warehouse shipping advice a 945 is generated from (the answer to a 940). */
export interface WarehouseShippingAdvice {
  /** W0602: the depositor's order number from the 940. */
  depositorOrderNumber: string;
  /** W0604: our shipment id. */
  shipmentId: string;
  poNumber?: string | null;
  /** ISO date (or date-time) shipped. */
  shippedAt: string;
  carrier?: { scac?: string | null; trackingNumber?: string | null; billOfLading?: string | null } | null;
  shipFrom?: EdiParty | null;
  shipTo?: EdiParty | null;
  weight?: { value: number; unit: 'LB' | 'KG' } | null;
  lines: {
    lineNumber: string;
    sku: string;
    upc?: string | null;
    uom: string;
    quantityOrdered: number;
    quantityShipped: number;
  }[];
}

/**
 * Builds the 945: W06, parties, N9 references (BM bill of lading, 2I tracking), G62*11 ship date, W27 carrier,
 * then LX + W12 per line (status CC complete or CP partial, ordered, shipped, difference) and the W03 total.
 */
export function build945(advice: WarehouseShippingAdvice): TransactionInput {
  const segments: SegmentInput[] = [
    ['W06', 'N', advice.depositorOrderNumber, x12Date(advice.shippedAt), advice.shipmentId, null, advice.poNumber],
  ];
  if (advice.shipTo) segments.push(...partySegments(advice.shipTo));
  if (advice.shipFrom) segments.push(...partySegments(advice.shipFrom));
  if (advice.carrier?.billOfLading) segments.push(['N9', 'BM', advice.carrier.billOfLading]);
  if (advice.carrier?.trackingNumber) segments.push(['N9', '2I', advice.carrier.trackingNumber]);
  segments.push(['G62', '11', x12Date(advice.shippedAt)]);
  if (advice.carrier?.scac) segments.push(['W27', 'M', advice.carrier.scac]);
  let shipped = 0;
  for (const line of advice.lines) {
    const status = line.quantityShipped >= line.quantityOrdered ? 'CC' : 'CP';
    segments.push(['LX', line.lineNumber]);
    segments.push([
      'W12',
      status,
      line.quantityOrdered,
      line.quantityShipped,
      line.quantityOrdered - line.quantityShipped,
      line.uom,
      line.upc,
      'VN',
      line.sku,
    ]);
    shipped += line.quantityShipped;
  }
  segments.push(['W03', shipped, advice.weight?.value, advice.weight?.unit]);
  return { setId: '945', functionalId: 'SW', segments };
}
