import { buildFunctionalAck, type FunctionalAck, type FunctionalAckOptions } from './ack997.js';
import { validateEnvelope, type InterchangeReport } from './envelope.js';
import { parseX12, type ParsedInterchange } from './parse.js';
import type { EdiIdentity, RawSegment } from './types.js';

/** A transaction set that passed envelope validation, with the envelope facts a mapper needs. */
export interface ReceivedTransaction {
  setId: string;
  controlNumber: string;
  functionalId: string;
  groupControlNumber: string;
  /** GS08, e.g. `004010VICS`. */
  version: string;
  interchangeControlNumber: string;
  sender: EdiIdentity;
  receiver: EdiIdentity;
  /** The segments between ST and SE. */
  segments: readonly RawSegment[];
}

/** One received interchange: what was parsed, what was wrong, the acknowledgement to send back, what to process. */
export interface ReceivedInterchange {
  parsed: ParsedInterchange;
  report: InterchangeReport;
  ack: FunctionalAck;
  /** Transaction sets accepted by the acknowledgement; rejected ones must not be processed. */
  accepted: ReceivedTransaction[];
}

/** Options of {@link receiveX12}. */
export interface ReceiveX12Options extends FunctionalAckOptions {
  /** Transaction sets this receiver handles; others are rejected (AK502 = 1). Default: all. */
  supportedSets?: readonly string[];
}

/**
 * Receives an EDI file: parses every interchange in it, validates the envelopes and builds the 997 (plus TA1
 * when needed) for each, and returns the transaction sets that may be processed. Throws `EdiSyntaxError` only
 * for text that is not X12 at all (no acknowledgement can be addressed then).
 */
export async function receiveX12(text: string, options: ReceiveX12Options): Promise<ReceivedInterchange[]> {
  const out: ReceivedInterchange[] = [];
  for (const parsed of parseX12(text)) out.push(await receiveInterchange(parsed, options));
  return out;
}

/** {@link receiveX12} for one parsed interchange: validate, acknowledge, list what may be processed. */
export async function receiveInterchange(
  parsed: ParsedInterchange,
  options: ReceiveX12Options,
): Promise<ReceivedInterchange> {
  const report = validateEnvelope(parsed, options.supportedSets ? { supportedSets: options.supportedSets } : {});
  const ack = await buildFunctionalAck(parsed, report, options);
  const accepted: ReceivedTransaction[] = [];
  if (report.issues.length === 0) {
    parsed.groups.forEach((group, g) => {
      const groupReport = report.groups[g]!;
      if (groupReport.issues.length > 0) return;
      group.transactions.forEach((tx, t) => {
        if (groupReport.transactions[t]!.issues.length > 0) return;
        accepted.push({
          setId: tx.setId,
          controlNumber: tx.controlNumber,
          functionalId: group.functionalId,
          groupControlNumber: group.controlNumber,
          version: group.version,
          interchangeControlNumber: parsed.controlNumber,
          sender: { ...parsed.sender, applicationCode: group.senderCode },
          receiver: { ...parsed.receiver, applicationCode: group.receiverCode },
          segments: tx.segments,
        });
      });
    });
  }
  return { parsed, report, ack, accepted };
}
