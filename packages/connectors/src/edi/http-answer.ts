import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InterchangeAnswer, InterchangeReceipt } from './received-interchanges.js';

/** The HTTP answer to one received EDI file, assembled from its interchanges. */
export interface EdiFileAnswer {
  /** 200 all applied (or already applied); 422 rejected or dead-lettered (see `reasons`); 409 busy. */
  status: 200 | 409 | 422;
  /** The acknowledgement interchanges, in order. */
  acks: string;
  reasons: string[];
  outcomes: string[];
  /** ISA13s of interchanges received before with the same content (answered from what was stored). */
  repeated: string[];
}

/** True when an outcome counts as applied: the document's effect is in place. */
export const isAppliedOutcome = (status: string) => status === 'applied' || status === 'duplicate';

/** The answer of one processed interchange: its ack, plus the reasons of each document that did not apply. */
export function interchangeAnswer(
  ack: { text: string; accepted: boolean; reasons: readonly string[] },
  outcomes: readonly { status: string; reason?: string; documentId?: string }[],
): InterchangeAnswer {
  const reasons = [...ack.reasons];
  for (const o of outcomes)
    if (!isAppliedOutcome(o.status) && o.reason) reasons.push(o.documentId ? `${o.documentId}: ${o.reason}` : o.reason);
  return {
    ack: ack.text,
    accepted: ack.accepted && outcomes.every((o) => isAppliedOutcome(o.status)),
    reasons,
    outcomes: outcomes.map((o) => o.status),
  };
}

/** What one interchange contributes to its file's answer. */
export interface FilePart {
  kind: InterchangeReceipt['kind'];
  answer: InterchangeAnswer | null;
  controlNumber: string;
}

/** An interchange that needs no processing (repeat, reused, busy): its counter and its part of the answer. */
export function settledPart(receipt: Exclude<InterchangeReceipt, { kind: 'new' }>): {
  counter: string;
  part: FilePart;
} {
  const counter = { repeat: 'repeatedInterchanges', reused: 'reusedControlNumbers', busy: 'busy' }[receipt.kind];
  const answer = receipt.kind === 'busy' ? null : receipt.answer;
  return { counter, part: { kind: receipt.kind, answer, controlNumber: receipt.parsed.controlNumber } };
}

/** Combines the answers of a file's interchanges (busy ones make the whole file 409: the sender resends it). */
export function fileAnswer(parts: readonly FilePart[]): EdiFileAnswer {
  const answers = parts.flatMap((p) => (p.answer ? [p.answer] : []));
  const busy = parts.some((p) => p.kind === 'busy');
  return {
    status: busy ? 409 : answers.every((a) => a.accepted) ? 200 : 422,
    acks: answers.map((a) => a.ack).join(''),
    reasons: answers.flatMap((a) => a.reasons),
    outcomes: answers.flatMap((a) => a.outcomes),
    repeated: parts.filter((p) => p.kind === 'repeat').map((p) => p.controlNumber),
  };
}

/** A header-safe JSON text: non-ASCII escaped, at most `max` characters (cut at a whole reason). */
function headerJson(values: readonly string[], max = 4_000): string {
  const kept: string[] = [];
  for (const v of values) {
    const next = JSON.stringify([...kept, v]).replace(
      /[^\x20-\x7e]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    if (next.length > max) break;
    kept.push(v);
  }
  return JSON.stringify(kept).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Sends a file's answer. The body is the acknowledgement X12 (`application/edi-x12`), byte for byte what was
 * stored; `x-edi-reasons` (JSON array) and `x-edi-outcomes` say why it was not applied. A client asking for
 * `application/json` gets `{ status, reasons, outcomes, repeated, ack }` instead.
 */
export function sendEdiAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  answer: EdiFileAnswer,
  headers: Record<string, string> = {},
): void {
  const verdict = answer.status === 200 ? 'applied' : answer.status === 409 ? 'busy' : 'rejected';
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('x-edi-outcomes', answer.outcomes.join(',') || 'none');
  res.setHeader('x-edi-reasons', headerJson(answer.reasons));
  if (answer.repeated.length > 0) res.setHeader('x-edi-repeated-interchanges', answer.repeated.join(','));
  if (answer.status === 409) res.setHeader('retry-after', '5');
  res.statusCode = answer.status;
  if ((req.headers.accept ?? '').includes('application/json')) {
    const text = JSON.stringify({
      status: verdict,
      reasons: answer.reasons,
      outcomes: answer.outcomes,
      repeated: answer.repeated,
      ack: answer.acks,
    });
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(text);
    return;
  }
  res.setHeader('content-type', 'application/edi-x12');
  res.end(answer.acks);
}
