/** An interchange party: ISA qualifier + id (e.g. `ZZ` / `ACME`), and the GS application code (default: the id). */
export interface EdiIdentity {
  qualifier: string;
  id: string;
  applicationCode?: string;
}

/** A party of an N1 loop (ship-to, buyer, ship-from, warehouse …). */
export interface EdiParty {
  /** N101 entity code: `ST` ship to, `BY` buyer, `SF` ship from, `WH` warehouse, `BT` bill to … */
  entity: string;
  name: string | null;
  /** N103 id qualifier (`92` assigned by buyer, `9` DUNS+4, `ZZ` mutually defined …). */
  idQualifier: string | null;
  id: string | null;
  address: EdiAddress | null;
}

/** N3/N4 address. */
export interface EdiAddress {
  lines: string[];
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

/** One segment as plain strings: `elements[0]` is the segment's first element (X12 position 01). */
export interface RawSegment {
  tag: string;
  elements: readonly string[];
}

/** A segment to write: empty trailing elements are dropped, null/undefined write as empty. */
export type SegmentInput = readonly [tag: string, ...elements: (string | number | null | undefined)[]];

/** A transaction set to put into an interchange: its ST01 id, its functional group (GS01) and its body. */
export interface TransactionInput {
  /** `855`, `856`, `846`, `945`, `997` … */
  setId: string;
  /** GS01: `PR` 855, `SH` 856, `IB` 846, `SW` 945, `FA` 997. */
  functionalId: string;
  /** The segments between ST and SE. */
  segments: readonly SegmentInput[];
}

/** The segment value at X12 position `n` (1-based), or '' when absent. */
export function element(segment: RawSegment, n: number): string {
  return segment.elements[n - 1] ?? '';
}

/** The value at position `n`, or null when empty. */
export function optionalElement(segment: RawSegment, n: number): string | null {
  const value = element(segment, n).trim();
  return value === '' ? null : value;
}

/** `YYYY-MM-DD` from an X12 `CCYYMMDD` (or `YYMMDD`, taken as 20YY); null when it is not a date. */
export function isoDate(value: string | null): string | null {
  if (!value) return null;
  const full = value.length === 6 ? `20${value}` : value;
  if (!/^\d{8}$/.test(full)) return null;
  return `${full.slice(0, 4)}-${full.slice(4, 6)}-${full.slice(6, 8)}`;
}

/** X12 `CCYYMMDD` of an ISO date or date-time (UTC date when a time is given). */
export function x12Date(value: string | Date): string {
  const iso =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(value).toISOString().slice(0, 10);
  return iso.replaceAll('-', '');
}

/** X12 `HHMM` (UTC) of a date-time. */
export function x12Time(value: string | Date): string {
  return new Date(value).toISOString().slice(11, 16).replace(':', '');
}
