import { partySegments } from './parties.js';
import { x12Date, type EdiParty, type SegmentInput, type TransactionInput } from './types.js';

/** ACK01 line status: accepted, backordered, rejected, quantity changed, price changed, item changed. */
export type LineAckStatus = 'IA' | 'IB' | 'IR' | 'IQ' | 'IP' | 'IC';

/** The canonical PO acknowledgement an 855 is generated from. */
export interface PurchaseOrderAck {
  poNumber: string;
  /** The PO's date (YYYY-MM-DD), echoed in BAK04. */
  poDate: string;
  /** BAK02: `AD` accepted as is, `AC` accepted with changes, `RJ` rejected. */
  ackType: 'AD' | 'AC' | 'RJ';
  /** Default today. */
  ackDate?: string;
  /** Our order number for the PO (BAK08). */
  sellerOrderNumber?: string | null;
  shipTo?: EdiParty | null;
  lines: {
    lineNumber: string;
    /** As ordered. */
    quantity: number;
    uom: string;
    unitPrice?: string | null;
    buyerPartNumber?: string | null;
    vendorPartNumber?: string | null;
    upc?: string | null;
    status: LineAckStatus;
    /** The quantity the status applies to; default the ordered quantity. */
    ackQuantity?: number;
    /** When it will ship (YYYY-MM-DD), as ACK04 = 068 (current schedule ship). */
    scheduledShipDate?: string | null;
  }[];
}

/** Builds the 855 transaction set: BAK, optional N1 ship-to, then PO1 + ACK per line and CTT. */
export function build855(ack: PurchaseOrderAck): TransactionInput {
  const segments: SegmentInput[] = [
    [
      'BAK',
      '00',
      ack.ackType,
      ack.poNumber,
      x12Date(ack.poDate),
      null,
      null,
      null,
      ack.sellerOrderNumber,
      x12Date(ack.ackDate ?? new Date()),
    ],
  ];
  if (ack.shipTo) segments.push(...partySegments(ack.shipTo));
  for (const line of ack.lines) {
    segments.push(['PO1', line.lineNumber, line.quantity, line.uom, line.unitPrice, null, ...productIds(line)]);
    segments.push([
      'ACK',
      line.status,
      line.ackQuantity ?? line.quantity,
      line.uom,
      ...(line.scheduledShipDate ? ['068', x12Date(line.scheduledShipDate)] : []),
    ]);
  }
  segments.push(['CTT', ack.lines.length]);
  return { setId: '855', functionalId: 'PR', segments };
}

/** PO106… qualifier/id pairs for the part numbers that are known. */
export function productIds(line: {
  buyerPartNumber?: string | null;
  vendorPartNumber?: string | null;
  upc?: string | null;
}): string[] {
  const ids: string[] = [];
  if (line.buyerPartNumber) ids.push('BP', line.buyerPartNumber);
  if (line.vendorPartNumber) ids.push('VP', line.vendorPartNumber);
  if (line.upc) ids.push('UP', line.upc);
  return ids;
}
