import { createHash, randomUUID } from 'node:crypto';
import { DuplicateKeyError, type Collection, type Doc } from '@fulfillment-mesh/runtime';
import { buildFunctionalAck } from './ack997.js';
import { validateEnvelope, type InterchangeReport } from './envelope.js';
import { parseX12, type ParsedInterchange } from './parse.js';
import { receiveInterchange, type ReceivedInterchange, type ReceiveX12Options } from './receive.js';

/** What was answered for one interchange: kept so that a resend gets the very same answer. */
export interface InterchangeAnswer {
  /** The acknowledgement interchange (997, with TA1 when there was one), byte for byte as sent. */
  ack: string;
  /** True when the envelope was sound and every accepted document applied. */
  accepted: boolean;
  /** Why the envelope was rejected or a document was dead-lettered or refused; empty when all applied. */
  reasons: string[];
  /** How each accepted transaction set ended (`applied`, `duplicate`, `dead-lettered`, `refused`). */
  outcomes: string[];
}

/**
 * One received interchange (collection `edi_interchanges`, `_id` = `<sender>|<receiver>|<ISA13>` with
 * `qualifier:id` parties): the X12 rule is one acknowledgement per interchange control number and sender.
 */
export interface ReceivedInterchangeDoc extends Doc {
  connector: string;
  sender: string;
  receiver: string;
  controlNumber: string;
  /** `sha256:<hex>` of the interchange's segments: tells a resend from a reused control number. */
  contentHash: string;
  status: 'processing' | 'answered';
  claim: string;
  claimedAt: string;
  answer?: InterchangeAnswer;
  answeredAt?: string;
}

/** How one interchange of a received file is to be handled. */
export type InterchangeReceipt =
  /** First time: process `received.accepted`, then `settle` with the answer (or `release` on a transient failure). */
  | {
      kind: 'new';
      received: ReceivedInterchange;
      settle(answer: InterchangeAnswer): Promise<void>;
      release(): Promise<void>;
    }
  /** Received before with the same content: answer `answer` again, apply nothing. */
  | { kind: 'repeat'; parsed: ParsedInterchange; answer: InterchangeAnswer }
  /** The control number was used before for other content: rejected with TA1 note 025 (not kept). */
  | { kind: 'reused'; parsed: ParsedInterchange; answer: InterchangeAnswer; ackControlNumber: string }
  /** The same interchange is being processed by another delivery right now: retry later. */
  | { kind: 'busy'; parsed: ParsedInterchange };

/** Options of {@link receiveX12Once}. */
export interface ReceiveOnceOptions extends ReceiveX12Options {
  /** Who receives (metrics, logs): e.g. `edi-850`. */
  connector: string;
  /** Usually `store.collection('edi_interchanges')`. */
  collection: Collection<ReceivedInterchangeDoc>;
  /** A claim older than this is presumed abandoned by a crashed process; default 60_000 // 1 minute. */
  leaseMs?: number;
  clock?: () => Date;
}

const party = (p: { qualifier: string; id: string }) => `${p.qualifier}:${p.id}`;

/** The key of an interchange: sender, receiver and ISA13 (each party as `qualifier:id`). */
export function interchangeKey(parsed: Pick<ParsedInterchange, 'sender' | 'receiver' | 'controlNumber'>): string {
  return `${party(parsed.sender)}|${party(parsed.receiver)}|${parsed.controlNumber}`;
}

/** The report of an interchange whose control number was already used for other content: TA1 note 025 first. */
function duplicateReport(parsed: ParsedInterchange, options: ReceiveX12Options, receivedAt: string): InterchangeReport {
  const report = validateEnvelope(parsed, options.supportedSets ? { supportedSets: options.supportedSets } : {});
  const message =
    `ISA13 ${parsed.controlNumber} from ${party(parsed.sender)} to ${party(parsed.receiver)} was already used by a ` +
    `different interchange (received ${receivedAt}); nothing of it was applied ` +
    '(TA1 note 025, duplicate interchange control number)';
  const issues = [{ level: 'interchange' as const, code: '025', message }, ...report.issues];
  return { ...report, issues, accepted: false, reasons: [message, ...report.reasons.filter((r) => r !== message)] };
}

/**
 * Receives an EDI file exactly once per interchange (X12 duplicate-interchange handling): each interchange is
 * claimed under (sender, receiver, ISA13) before anything is built or applied. A resend of the same content gets
 * the stored answer back (the same 997/TA1 bytes, no new control numbers, nothing applied, no dead letter); other
 * content under a used control number is rejected with TA1 note 025. Throws `EdiSyntaxError` like `receiveX12`.
 */
export async function receiveX12Once(text: string, options: ReceiveOnceOptions): Promise<InterchangeReceipt[]> {
  const { collection } = options;
  const leaseMs = options.leaseMs ?? 60_000; // 1 minute
  const clock = options.clock ?? (() => new Date());
  const out: InterchangeReceipt[] = [];
  for (const parsed of parseX12(text)) {
    const _id = interchangeKey(parsed);
    const contentHash = `sha256:${createHash('sha256').update(parsed.text).digest('hex')}`;
    const claim = randomUUID();
    const now = clock().toISOString();
    const fresh: ReceivedInterchangeDoc = {
      _id,
      connector: options.connector,
      sender: party(parsed.sender),
      receiver: party(parsed.receiver),
      controlNumber: parsed.controlNumber,
      contentHash,
      status: 'processing',
      claim,
      claimedAt: now,
    };
    let claimed = false;
    try {
      await collection.insertOne(fresh);
      claimed = true;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    if (!claimed) {
      const existing = await collection.findOne({ _id });
      if (!existing) {
        out.push({ kind: 'busy', parsed }); // released between our insert and read: the sender retries
        continue;
      }
      if (existing.contentHash !== contentHash) {
        const report = duplicateReport(parsed, options, existing.answeredAt ?? existing.claimedAt);
        const ack = await buildFunctionalAck(parsed, report, options);
        const answer = { ack: ack.text, accepted: false, reasons: report.reasons, outcomes: [] };
        out.push({ kind: 'reused', parsed, answer, ackControlNumber: ack.interchangeControlNumber });
        continue;
      }
      if (existing.status === 'answered' && existing.answer) {
        out.push({ kind: 'repeat', parsed, answer: existing.answer });
        continue;
      }
      const expired = Date.parse(existing.claimedAt) < clock().getTime() - leaseMs;
      const taken = expired
        ? await collection.findOneAndUpdate(
            { _id, claim: existing.claim, status: 'processing' },
            { $set: { claim, claimedAt: now } },
          )
        : null;
      if (!taken) {
        out.push({ kind: 'busy', parsed });
        continue;
      }
    }
    const received = await receiveInterchange(parsed, options);
    out.push({
      kind: 'new',
      received,
      async settle(answer) {
        await collection.updateOne(
          { _id, claim },
          { $set: { status: 'answered', answer, answeredAt: clock().toISOString() } },
        );
      },
      async release() {
        await collection.deleteOne({ _id, claim });
      },
    });
  }
  return out;
}
