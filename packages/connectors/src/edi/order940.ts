import { partySegments } from './parties.js';
import type { EdiParty, RawSegment, SegmentInput, TransactionInput } from './types.js';
import { element, optionalElement } from './types.js';

/** The canonical warehouse shipping order a 940 is generated from (answered by the 3PL's 945). */
export interface WarehouseShippingOrder {
  /** W0502: the depositor's order number (ours), which the 945 quotes back in W0602. */
  depositorOrderNumber: string;
  /** W0503: the customer's purchase order number, when the order came with one. */
  poNumber?: string | null;
  /** W0504: our shipment id, so the 945 can name it (W0604) and one order may ship from several 3PLs. */
  shipmentId: string;
  shipTo?: EdiParty | null;
  /** The 3PL warehouse shipping it (N1*WH). */
  warehouse?: EdiParty | null;
  /** W6601 shipment method of payment (default `PP` prepaid by us) and W6602 transportation method (default `M` motor). */
  transport?: { payment?: string | null; method?: string | null; scac?: string | null } | null;
  lines: { lineNumber: number; sku: string; quantity: number; uom: string; upc?: string | null }[];
}

/**
 * Builds the 940 (004010): W05 (N original; depositor order, PO, shipment), the N1/N3/N4 parties (ship-to
 * first, then the warehouse), W66 (payment, transportation method, SCAC in W6610), then LX + W01 per line
 * (quantity, unit, UPC in W0103, `VN` + SKU in W0104/W0105) and W76 with the total quantity (hash total).
 */
export function build940(order: WarehouseShippingOrder): TransactionInput {
  const segments: SegmentInput[] = [['W05', 'N', order.depositorOrderNumber, order.poNumber, order.shipmentId]];
  if (order.shipTo) segments.push(...partySegments(order.shipTo));
  if (order.warehouse) segments.push(...partySegments(order.warehouse));
  const t = order.transport;
  segments.push([
    'W66',
    t?.payment ?? 'PP',
    t?.method ?? 'M',
    ...(t?.scac ? [null, null, null, null, null, null, null, t.scac] : []),
  ]);
  let total = 0;
  for (const line of order.lines) {
    segments.push(['LX', line.lineNumber]);
    segments.push(['W01', line.quantity, line.uom, line.upc, 'VN', line.sku]);
    total += line.quantity;
  }
  segments.push(['W76', total]);
  return { setId: '940', functionalId: 'OW', segments };
}

/** What one received 997 says about one of our functional groups. */
export interface GroupAcknowledgement {
  /** AK101 and AK102: the acknowledged group's GS01 and GS06. */
  functionalId: string;
  groupControlNumber: string;
  /** AK901: A accepted, E accepted with errors, P partially accepted, R rejected. */
  status: 'A' | 'E' | 'P' | 'R';
  /** AK2/AK5 per transaction set: ST02 and its AK501. */
  transactions: { controlNumber: string; status: string }[];
}

/**
 * Reads the segments of a received 997 (between ST and SE): AK1 names the group it acknowledges, AK2/AK5
 * each transaction set, AK9 the group verdict. Throws a plain Error naming what is missing or wrong.
 */
export function read997(segments: readonly RawSegment[]): GroupAcknowledgement {
  const ak1 = segments.find((s) => s.tag === 'AK1');
  const ak9 = segments.find((s) => s.tag === 'AK9');
  const groupControlNumber = ak1 ? optionalElement(ak1, 2) : null;
  if (!ak1 || !groupControlNumber) throw new Error('997 without AK1 (or without the group control number in AK102)');
  const status = ak9 ? element(ak9, 1) : '';
  if (!['A', 'E', 'P', 'R'].includes(status))
    throw new Error(`997 for group ${groupControlNumber}: AK901 "${status}" is not one of A, E, P, R`);
  const transactions: GroupAcknowledgement['transactions'] = [];
  for (const s of segments) {
    if (s.tag === 'AK2') transactions.push({ controlNumber: element(s, 2), status: '' });
    if (s.tag === 'AK5' && transactions.length > 0) transactions.at(-1)!.status = element(s, 1);
  }
  return {
    functionalId: element(ak1, 1),
    groupControlNumber,
    status: status as GroupAcknowledgement['status'],
    transactions,
  };
}
