import { partySegments } from './parties.js';
import { x12Date, x12Time, type EdiParty, type SegmentInput, type TransactionInput } from './types.js';

/** The canonical inventory advice an 846 is generated from (one location per document). */
export interface InventoryAdvice {
  reportId: string;
  /** ISO date-time the quantities were true. */
  asOf: string;
  /** BIA02; default `DD` (distributor inventory report). */
  reportType?: string;
  /** The stocking location, as an N1*WH (or other entity) party. */
  location?: EdiParty | null;
  items: {
    sku: string;
    upc?: string | null;
    buyerPartNumber?: string | null;
    description?: string | null;
    uom: string;
    /** Available to sell (QTY*33). */
    available: number;
    /** Physically on hand (QTY*17), when shared. */
    onHand?: number | null;
    /** When more arrives (DTM*018), YYYY-MM-DD. */
    nextAvailableDate?: string | null;
  }[];
}

/** Builds the 846: BIA, the location's N1 loop, then LIN / PID / QTY (/ DTM) per item and CTT. */
export function build846(advice: InventoryAdvice): TransactionInput {
  const segments: SegmentInput[] = [
    ['BIA', '00', advice.reportType ?? 'DD', advice.reportId, x12Date(advice.asOf), x12Time(advice.asOf)],
  ];
  if (advice.location) segments.push(...partySegments(advice.location));
  advice.items.forEach((item, index) => {
    const ids = [
      'SK',
      item.sku,
      ...(item.upc ? ['UP', item.upc] : []),
      ...(item.buyerPartNumber ? ['BP', item.buyerPartNumber] : []),
    ];
    segments.push(['LIN', index + 1, ...ids]);
    if (item.description) segments.push(['PID', 'F', null, null, null, item.description]);
    segments.push(['QTY', '33', item.available, item.uom]);
    if (item.onHand != null) segments.push(['QTY', '17', item.onHand, item.uom]);
    if (item.nextAvailableDate) segments.push(['DTM', '018', x12Date(item.nextAvailableDate)]);
  });
  segments.push(['CTT', advice.items.length]);
  return { setId: '846', functionalId: 'IB', segments };
}
