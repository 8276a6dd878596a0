import { X12Interchange } from 'node-x12';
import { interchangeControlNumber, transactionControlNumber, type ControlNumberAllocator } from './control-numbers.js';
import type { EdiIdentity, SegmentInput, TransactionInput } from './types.js';
import { x12Date, x12Time } from './types.js';

/** What {@link buildInterchange} needs. */
export interface BuildInterchangeInput {
  sender: EdiIdentity;
  receiver: EdiIdentity;
  /** Transaction sets; they are grouped into one functional group per GS01, in first-appearance order. */
  transactions: readonly TransactionInput[];
  allocator: ControlNumberAllocator;
  /** GS08; default `004010` (ISA12 follows: `00401`). */
  version?: string;
  /** ISA15: default `P` (production); `T` for test. */
  usage?: 'P' | 'T';
  /** ISA14: ask the partner for a TA1; default false. */
  ackRequested?: boolean;
  /** Segments between ISA and the first GS (a TA1 acknowledgement). */
  preamble?: readonly SegmentInput[];
  /** Default now. */
  at?: Date;
  /** Default `*`, `~`, `>`; the terminator is followed by a newline for readability. */
  delimiters?: { element?: string; segment?: string; subElement?: string };
}

/** A generated interchange: its text and the control numbers it consumed. */
export interface GeneratedInterchange {
  text: string;
  interchangeControlNumber: string;
  groups: { functionalId: string; controlNumber: string; transactionControlNumbers: string[] }[];
}

/**
 * Builds an interchange with node-x12 (which pads the ISA and keeps SE01, GE01 and IEA01 counts) and control
 * numbers from the persisted allocator, scoped per sender → receiver. Values containing a delimiter are
 * cleaned (X12 has no escaping, so a `*` in a product name would otherwise split the element).
 */
export async function buildInterchange(input: BuildInterchangeInput): Promise<GeneratedInterchange> {
  const element = input.delimiters?.element ?? '*';
  const segment = input.delimiters?.segment ?? '~';
  const subElement = input.delimiters?.subElement ?? '>';
  const version = input.version ?? '004010';
  const at = input.at ?? new Date();
  const scope = `${input.sender.qualifier}:${input.sender.id}>${input.receiver.qualifier}:${input.receiver.id}`;
  const clean = (value: string | number | null | undefined) =>
    (value == null ? '' : String(value)).replace(
      new RegExp(`[${escapeClass(element + segment + subElement)}\\r\\n]`, 'g'),
      ' ',
    );

  const isa13 = interchangeControlNumber(await input.allocator.next('interchange', scope));
  const interchange = new X12Interchange({
    elementDelimiter: element,
    segmentTerminator: segment,
    subElementDelimiter: subElement,
    endOfLine: '\n',
    format: true,
  });
  const isa12 = version.slice(0, 5);
  interchange.setHeader([
    '00',
    ''.padEnd(10),
    '00',
    ''.padEnd(10), // no authorization or security information
    input.sender.qualifier,
    input.sender.id,
    input.receiver.qualifier,
    input.receiver.id,
    x12Date(at).slice(2),
    x12Time(at),
    isa12 >= '00501' ? '^' : 'U',
    isa12,
    isa13,
    input.ackRequested ? '1' : '0',
    input.usage ?? 'P',
    subElement,
  ]);

  const byFunction = new Map<string, TransactionInput[]>();
  for (const tx of input.transactions)
    byFunction.set(tx.functionalId, [...(byFunction.get(tx.functionalId) ?? []), tx]);
  const groups: GeneratedInterchange['groups'] = [];
  for (const [functionalId, transactions] of byFunction) {
    const gs06 = String(await input.allocator.next('group', scope));
    const group = interchange.addFunctionalGroup();
    group.setHeader([
      functionalId,
      input.sender.applicationCode ?? input.sender.id,
      input.receiver.applicationCode ?? input.receiver.id,
      x12Date(at),
      x12Time(at),
      gs06,
      'X',
      version,
    ]);
    const numbers: string[] = [];
    for (const tx of transactions) {
      const st02 = transactionControlNumber(await input.allocator.next('transaction', scope));
      numbers.push(st02);
      const set = group.addTransaction();
      set.setHeader([tx.setId, st02]);
      for (const [tag, ...values] of tx.segments) set.addSegment(tag, trimTrailing(values.map(clean)));
    }
    groups.push({ functionalId, controlNumber: gs06, transactionControlNumbers: numbers });
  }

  let text = interchange.toString();
  if (input.preamble?.length) {
    // node-x12 has no place for segments between ISA and GS, so they are spliced in after the ISA.
    const isaEnd = text.indexOf(segment) + segment.length + 1;
    const lines = input.preamble
      .map(([tag, ...values]) => [tag, ...trimTrailing(values.map(clean))].join(element) + segment + '\n')
      .join('');
    text = text.slice(0, isaEnd) + lines + text.slice(isaEnd);
  }
  return { text: text.endsWith('\n') ? text : `${text}\n`, interchangeControlNumber: isa13, groups };
}

/** X12 forbids trailing empty elements. */
function trimTrailing(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === '') end--;
  return values.slice(0, end);
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}
