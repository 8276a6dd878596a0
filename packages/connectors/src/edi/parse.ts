import { X12Parser, type X12Interchange, type X12Segment } from 'node-x12';
import type { EdiIdentity, RawSegment } from './types.js';

/** Thrown when a text is not readable as X12 at all (no ISA, wrong ISA width, broken nesting). */
export class EdiSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EdiSyntaxError';
  }
}

/** The delimiters an interchange declares in its ISA segment. */
export interface Delimiters {
  element: string;
  segment: string;
  subElement: string;
}

/** A transaction set (ST … SE); `segments` excludes ST and SE. */
export interface ParsedTransaction {
  setId: string;
  controlNumber: string;
  segments: RawSegment[];
  /** SE01 (declared segment count) and SE02; null when SE is missing. */
  trailer: { segmentCount: string; controlNumber: string } | null;
}

/** A functional group (GS … GE). */
export interface ParsedGroup {
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  /** GS04 CCYYMMDD and GS05 HHMM. */
  date: string;
  time: string;
  controlNumber: string;
  /** GS08, e.g. `004010`. */
  version: string;
  transactions: ParsedTransaction[];
  /** GE01 (declared transaction count) and GE02; null when GE is missing. */
  trailer: { transactionCount: string; controlNumber: string } | null;
}

/** One interchange (ISA … IEA) as plain data. */
export interface ParsedInterchange {
  sender: EdiIdentity;
  receiver: EdiIdentity;
  /** ISA09 YYMMDD and ISA10 HHMM. */
  date: string;
  time: string;
  /** ISA12, e.g. `00401`. */
  version: string;
  /** ISA13 exactly as sent (9 digits when well-formed). */
  controlNumber: string;
  /** ISA14 = 1: the sender asks for a TA1. */
  ackRequested: boolean;
  /** ISA15: `P` production, `T` test. */
  usage: string;
  delimiters: Delimiters;
  groups: ParsedGroup[];
  /** IEA01 (declared group count) and IEA02 (node-x12 strips its leading zeros); null when IEA is missing. */
  trailer: { groupCount: string; controlNumber: string } | null;
  /** What node-x12 noticed while parsing (informational; the envelope validator decides). */
  diagnostics: string[];
  /** The interchange's segments (ISA … IEA) joined by its terminator, without line breaks between them. */
  text: string;
}

/**
 * Parses a text holding one or more interchanges with node-x12 (non-strict, so a broken envelope is reported by
 * `validateEnvelope` instead of aborting). Delimiters are read from the fixed-width ISA. A final segment
 * without its terminator (common in files saved by editors) is completed, since node-x12 would drop it.
 */
export function parseX12(text: string): ParsedInterchange[] {
  const source = text.replace(/^\uFEFF/, '').replace(/^\s+/, '');
  if (!source.startsWith('ISA') || source.length < 106)
    throw new EdiSyntaxError('not an X12 interchange: it must start with a 106-character ISA segment');
  const delimiters: Delimiters = {
    element: source.charAt(3),
    segment: source.charAt(105),
    subElement: source.charAt(104),
  };
  if (source.charAt(103) !== delimiters.element)
    throw new EdiSyntaxError('the ISA segment is not 106 characters long (fixed width, terminator included)');

  const segments = source
    .split(delimiters.segment)
    .map((s) => s.replace(/^\s+/, ''))
    .filter((s) => s.length > 0);
  const chunks: string[][] = [];
  for (const segment of segments) {
    if (segment.startsWith(`ISA${delimiters.element}`) || chunks.length === 0) chunks.push([]);
    chunks.at(-1)!.push(segment);
  }
  return chunks.map((chunk) => toInterchange(chunk, delimiters));
}

function toInterchange(chunk: string[], delimiters: Delimiters): ParsedInterchange {
  const isa = chunk[0]!.split(delimiters.element).slice(1);
  if (!chunk[0]!.startsWith('ISA') || isa.length < 16)
    throw new EdiSyntaxError('an interchange must start with an ISA segment of 16 elements');
  const parser = new X12Parser(false); // one parser per interchange: node-x12 keeps state between parse() calls
  let parsed: X12Interchange;
  try {
    const result = parser.parse(chunk.join(delimiters.segment) + delimiters.segment);
    parsed = Array.isArray(result) ? (result[0] as X12Interchange) : (result as X12Interchange);
  } catch (error) {
    throw new EdiSyntaxError(`unreadable interchange: ${(error as Error).message}`);
  }
  const values = (segment: X12Segment): string[] => segment.elements.map((e) => e.value);
  const at = (list: readonly string[], n: number) => (list[n - 1] ?? '').trim();
  return {
    text: chunk.join(delimiters.segment) + delimiters.segment,
    sender: { qualifier: at(isa, 5), id: at(isa, 6) },
    receiver: { qualifier: at(isa, 7), id: at(isa, 8) },
    date: at(isa, 9),
    time: at(isa, 10),
    version: at(isa, 12),
    controlNumber: at(isa, 13),
    ackRequested: at(isa, 14) === '1',
    usage: at(isa, 15),
    delimiters,
    trailer: parsed.trailer
      ? { groupCount: at(values(parsed.trailer), 1), controlNumber: at(values(parsed.trailer), 2) }
      : null,
    diagnostics: parser.diagnostics.map((d) => d.message),
    groups: parsed.functionalGroups.map((group) => {
      const gs = values(group.header);
      return {
        functionalId: at(gs, 1),
        senderCode: at(gs, 2),
        receiverCode: at(gs, 3),
        date: at(gs, 4),
        time: at(gs, 5),
        controlNumber: at(gs, 6),
        version: at(gs, 8),
        trailer: group.trailer
          ? { transactionCount: at(values(group.trailer), 1), controlNumber: at(values(group.trailer), 2) }
          : null,
        transactions: group.transactions.map((tx) => ({
          setId: at(values(tx.header), 1),
          controlNumber: at(values(tx.header), 2),
          segments: tx.segments.map((s) => ({ tag: s.tag, elements: values(s) })),
          trailer: tx.trailer
            ? { segmentCount: at(values(tx.trailer), 1), controlNumber: at(values(tx.trailer), 2) }
            : null,
        })),
      };
    }),
  };
}
