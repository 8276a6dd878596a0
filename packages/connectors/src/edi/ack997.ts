import type { ControlNumberAllocator } from './control-numbers.js';
import type { InterchangeReport } from './envelope.js';
import { buildInterchange, type GeneratedInterchange } from './interchange.js';
import type { ParsedInterchange } from './parse.js';
import type { EdiIdentity, SegmentInput, TransactionInput } from './types.js';

/** Options of {@link buildFunctionalAck}. */
export interface FunctionalAckOptions {
  allocator: ControlNumberAllocator;
  /** Who acknowledges; default the received interchange's receiver (and its GS03 as application code). */
  self?: EdiIdentity;
  at?: Date;
}

/** A generated acknowledgement interchange and what it says. */
export interface FunctionalAck extends GeneratedInterchange {
  /** True when every transaction set was accepted and the envelopes were sound. */
  accepted: boolean;
  reasons: string[];
}

/**
 * The 997 transaction sets for a received interchange, one per functional group: AK1 names the group, then
 * AK2/AK5 per transaction set (A, or R with up to five AK502 codes), then AK9 (A, P partially accepted, or R with
 * up to five AK905 codes; counts declared / received / accepted). An interchange-level error rejects every
 * group: its data cannot be trusted to be complete. (AK3/AK4 segment-level syntax errors are not produced:
 * only envelopes are validated here.)
 */
export function ack997Transactions(parsed: ParsedInterchange, report: InterchangeReport): TransactionInput[] {
  const interchangeRejected = report.issues.length > 0;
  return report.groups.map((group) => {
    const groupRejected = interchangeRejected || group.issues.length > 0;
    const segments: SegmentInput[] = [
      ['AK1', group.functionalId, group.controlNumber, ...(group.version >= '005010' ? [group.version] : [])],
    ];
    let accepted = 0;
    for (const tx of group.transactions) {
      const rejected = groupRejected || tx.issues.length > 0;
      if (!rejected) accepted++;
      segments.push(['AK2', tx.setId, tx.controlNumber]);
      segments.push(['AK5', rejected ? 'R' : 'A', ...tx.issues.slice(0, 5).map((i) => i.code)]);
    }
    const status = groupRejected || accepted === 0 ? 'R' : accepted < group.transactions.length ? 'P' : 'A';
    const received = group.transactions.length;
    segments.push([
      'AK9',
      status,
      group.declaredTransactions,
      received,
      groupRejected ? 0 : accepted,
      ...group.issues.slice(0, 5).map((i) => i.code),
    ]);
    return { setId: '997', functionalId: 'FA', segments };
  });
}

/**
 * Builds the acknowledgement interchange for a received one: the 997s above, preceded by a TA1 (interchange
 * acknowledgement) when the interchange envelope itself is faulty or the sender asked for one (ISA14 = 1) — a
 * 997 has no place for ISA/IEA errors. TA104 is A or R; TA105 the first interchange note code (000 = none).
 */
export async function buildFunctionalAck(
  parsed: ParsedInterchange,
  report: InterchangeReport,
  options: FunctionalAckOptions,
): Promise<FunctionalAck> {
  const first = parsed.groups[0];
  const self = options.self ?? { ...parsed.receiver, applicationCode: first?.receiverCode ?? parsed.receiver.id };
  const partner: EdiIdentity = { ...parsed.sender, applicationCode: first?.senderCode ?? parsed.sender.id };
  const preamble: SegmentInput[] =
    report.issues.length > 0 || parsed.ackRequested
      ? [
          [
            'TA1',
            parsed.controlNumber.padStart(9, '0').slice(-9),
            parsed.date,
            parsed.time,
            report.issues.length > 0 ? 'R' : 'A',
            report.issues[0]?.code ?? '000',
          ],
        ]
      : [];
  const generated = await buildInterchange({
    sender: self,
    receiver: partner,
    transactions: ack997Transactions(parsed, report),
    allocator: options.allocator,
    version: first?.version || '004010',
    usage: parsed.usage === 'T' ? 'T' : 'P',
    preamble,
    ...(options.at ? { at: options.at } : {}),
  });
  return { ...generated, accepted: report.accepted, reasons: report.reasons };
}
