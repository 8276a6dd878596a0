import type { ReplayKind } from '../bus.js';
import { parseEnvelope, type EventEnvelope } from '../envelope.js';
import type { EventRegistry } from '../registry.js';

/** One delivery of a stream entry to this consumer. */
export interface Delivery {
  /** `main/<id>` or `retry/<id>`: unique within the group. */
  ref: string;
  /** The stream key the entry lives in (the domain stream or the group's replay stream). */
  key: string;
  entryId: string;
  /** The stored envelope JSON. */
  raw: string;
  replay?: ReplayKind;
  /** `new` from the stream, `due` a scheduled retry, `claimed` taken over from an idle consumer (or our own previous run). */
  via: 'new' | 'due' | 'claimed';
}

/** What a delivery is before any state is consulted: unreadable, not followed, of a type it has no contract for, or an event to handle. */
export type PreparedDelivery =
  | { kind: 'dead-letter'; subject: string; reason: string }
  | { kind: 'skip'; subject: string }
  | { kind: 'ignore'; subject: string; type: string }
  | { kind: 'event'; envelope: EventEnvelope; event: EventEnvelope };

/** Parses and checks a delivery (pure: no I/O, so a whole batch can be prepared up front). */
export function prepareDelivery(
  delivery: Delivery,
  registry: EventRegistry,
  follows: ((type: string) => boolean) | undefined,
): PreparedDelivery {
  const parsed = parseEnvelope(delivery.raw);
  if (!parsed.ok) return { kind: 'dead-letter', subject: '', reason: parsed.reason };
  const envelope = parsed.envelope;
  if (follows && !follows(envelope.type)) return { kind: 'skip', subject: envelope.subject };
  // A type the consumer has no contract for is another consumer's business (a producer may add types at will).
  if (!registry.get(envelope.type)) return { kind: 'ignore', subject: envelope.subject, type: envelope.type };
  const checked = registry.check(envelope);
  if (!checked.ok) return { kind: 'dead-letter', subject: envelope.subject, reason: checked.reason };
  return { kind: 'event', envelope, event: checked.event };
}
