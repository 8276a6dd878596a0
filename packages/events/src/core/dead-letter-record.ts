import type { DeadLetter, DeliveryAttempt } from '../bus.js';
import { parseEnvelope } from '../envelope.js';

/** What a dead-letter entry stores (one JSON field `record`): enough to understand and to re-drive it. */
interface DeadLetterRecord {
  group: string;
  reason: string;
  attempts: DeliveryAttempt[];
  deadLetteredAt: string;
  originEntryId: string;
  /** The envelope exactly as stored, even when it is not valid JSON. */
  envelope: string;
}

/** The DLQ entry field holding the record. */
export const DEAD_LETTER_FIELD = 'record';

/** Serialises a dead-letter record, stamped now. */
export function deadLetterRecord(input: Omit<DeadLetterRecord, 'deadLetteredAt'>): string {
  const record: DeadLetterRecord = { ...input, deadLetteredAt: new Date().toISOString() };
  return JSON.stringify(record);
}

/** Turns a DLQ entry back into a {@link DeadLetter}; a damaged record yields a placeholder rather than an error. */
export function readDeadLetter(stream: string, id: string, json: string | undefined): DeadLetter {
  let record: Partial<DeadLetterRecord> = {};
  try {
    record = JSON.parse(json ?? '{}') as Partial<DeadLetterRecord>;
  } catch {
    record = { reason: 'unreadable dead-letter record' };
  }
  const envelope = record.envelope ?? '';
  const parsed = parseEnvelope(envelope);
  const attempts = Array.isArray(record.attempts) ? record.attempts : [];
  return {
    id,
    stream,
    group: record.group ?? '',
    reason: record.reason ?? 'unknown',
    lastError: attempts.at(-1)?.error ?? null,
    attempts,
    deadLetteredAt: record.deadLetteredAt ?? new Date(Number(id.split('-')[0])).toISOString(),
    originEntryId: record.originEntryId ?? '',
    envelope,
    eventId: parsed.ok ? parsed.envelope.id : null,
    eventType: parsed.ok ? parsed.envelope.type : null,
    subject: parsed.ok ? parsed.envelope.subject : null,
  };
}
