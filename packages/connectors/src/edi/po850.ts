import { UnprocessableDocumentError } from '../inbound/parse-json.js';
import { parseParties } from './parties.js';
import type { ReceivedTransaction } from './receive.js';
import { element, isoDate, optionalElement, type EdiParty, type RawSegment } from './types.js';

/** One PO1 line of a purchase order. */
export interface PurchaseOrderLine {
  /** PO101, the buyer's line number (echoed in 855/856). */
  lineNumber: string;
  quantity: number;
  uom: string;
  /** PO104 as a decimal string (money stays decimal); null when not priced. */
  unitPrice: string | null;
  /** Buyer's part (BP, IN or CB qualifier, in that preference). */
  buyerPartNumber: string | null;
  /** Vendor's part (VP or VN) — usually our SKU. */
  vendorPartNumber: string | null;
  upc: string | null;
  /** PID05 free-form description following the line. */
  description: string | null;
  /** Every PO106/107… qualifier → id pair as sent. */
  productIds: Record<string, string>;
}

/** The canonical purchase order an 850 maps to. */
export interface PurchaseOrder {
  poNumber: string;
  /** BEG01 (`00` original, `01` cancellation, …) and BEG02 (`SA` stand-alone, `DS` drop ship, …). */
  purpose: string;
  orderType: string;
  /** BEG05 as YYYY-MM-DD. */
  orderDate: string;
  /** The trading partner: its interchange identity, and its name when an N1*BY names it. */
  buyer: { qualifier: string; id: string; name: string | null };
  shipTo: EdiParty | null;
  parties: EdiParty[];
  currency: string | null;
  /** REF qualifier → value (e.g. `DP` department). */
  references: Record<string, string>;
  /** DTM qualifier → YYYY-MM-DD (e.g. `002` delivery requested, `010` requested ship). */
  dates: Record<string, string>;
  lines: PurchaseOrderLine[];
  /** For acknowledgements and audit: where this PO came from. */
  control: { interchange: string; group: string; transaction: string };
}

const BUYER_PART = ['BP', 'IN', 'CB'];
const VENDOR_PART = ['VP', 'VN'];

/**
 * Maps an accepted 850 to a {@link PurchaseOrder}. Throws {@link UnprocessableDocumentError} (a dead letter, not
 * a crash) when the document cannot stand as an order: no BEG, no lines, a non-numeric quantity, or a CTT01
 * line count that disagrees with the PO1 lines found.
 */
export function map850(tx: ReceivedTransaction): PurchaseOrder {
  if (tx.setId !== '850') throw new UnprocessableDocumentError(`expected an 850, received a ${tx.setId}`);
  const where = `850 ${tx.controlNumber}`;
  const beg = tx.segments.find((s) => s.tag === 'BEG');
  if (!beg) throw new UnprocessableDocumentError(`${where}: BEG segment is missing`);
  const poNumber = optionalElement(beg, 3);
  const orderDate = isoDate(optionalElement(beg, 5));
  if (!poNumber || !orderDate)
    throw new UnprocessableDocumentError(`${where}: BEG03 (PO number) and BEG05 (date) are required`);

  const lines: PurchaseOrderLine[] = [];
  const references: Record<string, string> = {};
  const dates: Record<string, string> = {};
  let currency: string | null = null;
  let declaredLines: number | null = null;
  for (const segment of tx.segments) {
    switch (segment.tag) {
      case 'PO1':
        lines.push(line(segment, where));
        break;
      case 'PID': {
        const last = lines.at(-1);
        if (last && !last.description) last.description = optionalElement(segment, 5);
        break;
      }
      case 'REF':
        if (lines.length === 0 && element(segment, 1))
          references[element(segment, 1)] = element(segment, 2) || element(segment, 3);
        break;
      case 'DTM': {
        const date = isoDate(optionalElement(segment, 2));
        if (lines.length === 0 && date) dates[element(segment, 1)] = date;
        break;
      }
      case 'CUR':
        currency = optionalElement(segment, 2);
        break;
      case 'CTT':
        declaredLines = Number(element(segment, 1));
        break;
    }
  }
  if (lines.length === 0) throw new UnprocessableDocumentError(`${where}: no PO1 lines`);
  if (declaredLines !== null && declaredLines !== lines.length) {
    throw new UnprocessableDocumentError(`${where}: CTT01 declares ${declaredLines} lines, found ${lines.length}`);
  }
  const parties = parseParties(tx.segments);
  return {
    poNumber,
    purpose: element(beg, 1),
    orderType: element(beg, 2),
    orderDate,
    buyer: {
      qualifier: tx.sender.qualifier,
      id: tx.sender.id,
      name: parties.find((p) => p.entity === 'BY')?.name ?? null,
    },
    shipTo: parties.find((p) => p.entity === 'ST') ?? null,
    parties,
    currency,
    references,
    dates,
    lines,
    control: { interchange: tx.interchangeControlNumber, group: tx.groupControlNumber, transaction: tx.controlNumber },
  };
}

function line(po1: RawSegment, where: string): PurchaseOrderLine {
  const lineNumber = element(po1, 1) || '';
  const quantityText = element(po1, 2);
  if (!/^\d+(\.0+)?$/.test(quantityText))
    throw new UnprocessableDocumentError(
      `${where}: PO1 line ${lineNumber}: quantity "${quantityText}" is not a whole number`,
    );
  const productIds: Record<string, string> = {};
  for (let n = 6; n + 1 <= po1.elements.length; n += 2) {
    const qualifier = element(po1, n);
    const id = element(po1, n + 1);
    if (qualifier && id && !(qualifier in productIds)) productIds[qualifier] = id;
  }
  const first = (qualifiers: string[]) => qualifiers.map((q) => productIds[q]).find((v) => v !== undefined) ?? null;
  const price = optionalElement(po1, 4);
  return {
    lineNumber,
    quantity: Number(quantityText),
    uom: element(po1, 3) || 'EA',
    unitPrice: price && /^\d*\.?\d+$/.test(price) ? price : null,
    buyerPartNumber: first(BUYER_PART),
    vendorPartNumber: first(VENDOR_PART),
    upc: first(['UP', 'UK']),
    description: null,
    productIds,
  };
}
