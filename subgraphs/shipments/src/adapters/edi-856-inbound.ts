import {
  element,
  isoDate,
  optionalElement,
  UnprocessableDocumentError,
  type RawSegment,
  type ReceivedTransaction,
} from '@fulfillment-mesh/connectors';
import { checkQuantity, cleanText } from '@fulfillment-mesh/runtime';
import type { ConfirmLineInput } from '../domain/confirmation.js';
import { wmsSource } from '../mastering.js';
import {
  createEdiConfirmationAdapter,
  type ConfirmationSet,
  type Edi945Adapter,
  type Edi945AdapterDeps,
  type Mapped945,
} from './edi-945.js';

/** Product id qualifiers of LIN pairs that carry our SKU (vendor's, seller's or buyer's part number). */
const SKU_QUALIFIERS = new Set(['VN', 'VP', 'SK', 'BP']);

/** BSN02: the shipment identification, which is our shipment id (the 940 we sent carried it, as for a 945). */
export function shipmentIdOf856(tx: ReceivedTransaction): string {
  const bsn = tx.segments.find((s) => s.tag === 'BSN');
  const id = bsn ? optionalElement(bsn, 2) : null;
  if (!id) throw new UnprocessableDocumentError('856 without BSN (or without the shipment id in BSN02)');
  return id;
}

/** `HHMM[SS]` → `HH:MM`, else midnight. */
const clock = (time: string | null) =>
  time && /^\d{4}/.test(time) ? `${time.slice(0, 2)}:${time.slice(2, 4)}` : '00:00';

/**
 * Maps a 3PL's 856 ship notice to a confirmation of the shipment in BSN02, the way a 945 is mapped: carrier from
 * TD503 (SCAC) of the shipment level, service from TD512 (default STANDARD), tracking number from REF*CN (or
 * REF*2I), ship date from DTM*011 (else BSN03/BSN04), one line per item level: LIN01 = our line id, else the one
 * line with the SKU in a VN/VP/SK/BP pair, shipped units SN102. The warehouse is the interchange sender, mapped to
 * a location by `warehouses` (`EDI_945_WAREHOUSES`). Throws UnprocessableDocumentError (a dead letter) for
 * whatever it cannot map, naming the segment.
 */
export function map856(
  tx: ReceivedTransaction,
  shipmentLines: readonly { lineId: string; sku: string }[],
  warehouses: Readonly<Record<string, string>>,
): Mapped945 {
  const locationId = warehouses[tx.sender.id];
  if (!locationId)
    throw new UnprocessableDocumentError(
      `unknown warehouse "${tx.sender.id}": map it to a location in EDI_945_WAREHOUSES`,
    );
  const shipmentId = shipmentIdOf856(tx);
  const bsn = tx.segments.find((s) => s.tag === 'BSN')!;
  // The shipment level: everything before the first order or item HL.
  const firstInner = tx.segments.findIndex((s) => s.tag === 'HL' && element(s, 3) !== 'S');
  const header = firstInner < 0 ? tx.segments : tx.segments.slice(0, firstInner);
  const find = (tag: string, qualifier?: string): RawSegment | undefined =>
    header.find((s) => s.tag === tag && (qualifier === undefined || element(s, 1) === qualifier));

  const td5 = find('TD5');
  const scac = td5 ? optionalElement(td5, 3) : null;
  if (!td5 || !scac) throw new UnprocessableDocumentError(`856 for ${shipmentId} names no carrier (TD503 SCAC)`);
  const carrier = cleanText(`856 ${shipmentId} TD503 (carrier)`, scac, 200);
  const service = cleanText(`856 ${shipmentId} TD512 (service)`, optionalElement(td5, 12) ?? 'STANDARD', 200);
  const ref = find('REF', 'CN') ?? find('REF', '2I');
  const tracked = ref ? optionalElement(ref, 2) : null;
  if (!tracked) throw new UnprocessableDocumentError(`856 for ${shipmentId} has no tracking number (REF*CN)`);
  const trackingNumber = cleanText(`856 ${shipmentId} REF02 (tracking number)`, tracked, 200);
  const dtm = find('DTM', '011');
  const date = isoDate(dtm ? optionalElement(dtm, 2) : optionalElement(bsn, 3));
  if (!date) throw new UnprocessableDocumentError(`856 for ${shipmentId} has no ship date (DTM*011 or BSN03)`);
  const shippedAt = `${date}T${clock(dtm ? optionalElement(dtm, 3) : optionalElement(bsn, 4))}:00.000Z`;

  const lines: ConfirmLineInput[] = [];
  let lin: RawSegment | null = null;
  for (const segment of tx.segments) {
    if (segment.tag === 'LIN') lin = segment;
    if (segment.tag !== 'SN1') continue;
    const lineNumber = lin ? optionalElement(lin, 1) : null;
    const shipped = Number(element(segment, 2));
    if (!Number.isInteger(shipped) || shipped < 0)
      throw new UnprocessableDocumentError(
        `SN1 of line ${lineNumber ?? '?'}: shipped quantity "${element(segment, 2)}" is not a whole number`,
      );
    checkQuantity(`856 ${shipmentId} SN102 (shipped quantity) of line ${lineNumber ?? '?'}`, shipped);
    if (shipped === 0) continue;
    const skus: string[] = [];
    if (lin)
      for (let n = 2; n + 1 <= lin.elements.length; n += 2)
        if (SKU_QUALIFIERS.has(element(lin, n))) {
          const sku = optionalElement(lin, n + 1);
          if (sku) skus.push(sku);
        }
    const bySku = shipmentLines.filter((l) => skus.includes(l.sku));
    const line = shipmentLines.find((l) => l.lineId === lineNumber) ?? (bySku.length === 1 ? bySku[0] : undefined);
    if (!line)
      throw new UnprocessableDocumentError(
        `item ${lineNumber ?? '?'} (SKU ${skus.join('/') || 'none'}) matches no single line of shipment ${shipmentId}`,
      );
    lines.push({ lineId: line.lineId, quantity: shipped });
  }
  if (lines.length === 0)
    throw new UnprocessableDocumentError(`856 for ${shipmentId} ships nothing (no SN1 with a quantity)`);
  return {
    input: { shipmentId, lines, carrier, service, trackingNumber },
    // ISA13 is the warehouse's own increasing sequence: it orders its confirmations.
    origin: {
      source: wmsSource(locationId),
      sourceVersion: tx.interchangeControlNumber,
      observedAt: shippedAt,
      shippedAt,
    },
  };
}

const SET_856: ConfirmationSet = { connector: 'edi-856-in', set: '856', shipmentIdOf: shipmentIdOf856, map: map856 };

/**
 * `POST /edi/inbound/856`: a 3PL's advance ship notice confirms the shipment it names, exactly as a 945 does
 * (same verification, exactly-once interchanges, 997/TA1 answers, 200 only when everything applied, else 422
 * with `x-edi-reasons`). Many 3PLs send an 856 where others send a 945.
 */
export function createEdi856InboundAdapter(deps: Edi945AdapterDeps): Edi945Adapter {
  return createEdiConfirmationAdapter(SET_856, deps);
}
