import { currentTraceContext, inSpan, SpanKind, trace } from '@fulfillment-mesh/telemetry';
import type { Collection, Doc, Store } from './port.js';

/** Per-collection operation counts, keyed `<collection>.<operation>`. */
export type StoreCounters = Map<string, number>;

/** A store whose collection calls are counted. */
export type InstrumentedStore = Store & { counters: StoreCounters; resetCounters(): void };

const COUNTED = [
  'findOne',
  'find',
  'countDocuments',
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'bulkWrite',
  'deleteOne',
  'deleteMany',
] as const;

/**
 * Wraps a store so that every collection call is counted: the N+1 tests read these counters, and /metrics
 * can expose them. Counting is a map increment, cheap enough to leave on in production.
 */
export function instrumentStore(store: Store): InstrumentedStore {
  const counters: StoreCounters = new Map();
  const wrapped = new Map<string, Collection<Doc>>();
  return {
    kind: store.kind,
    counters,
    resetCounters: () => counters.clear(),
    collection<T extends Doc>(name: string): Collection<T> {
      let c = wrapped.get(name);
      if (!c) {
        const inner = store.collection<Doc>(name);
        const proxy: Record<string, unknown> = { name, createIndex: inner.createIndex.bind(inner) };
        for (const op of COUNTED) {
          const fn = (inner[op] as (...args: unknown[]) => unknown).bind(inner);
          proxy[op] = (...args: unknown[]) => {
            // Outbox relay polls are background traffic, counted apart so request-path counts stay exact.
            const background = op === 'bulkWrite' ? relayBulk(args[0]) : touchesOutbox(args[0]);
            const key = background ? `${name}.${op}[outbox]` : `${name}.${op}`;
            counters.set(key, (counters.get(key) ?? 0) + 1);
            const events = OUTBOX_WRITES.has(op) ? outboxEntries(args[1]) : undefined;
            return events ? outboxWrite(name, op, events, args, fn) : fn(...args);
          };
        }
        c = proxy as unknown as Collection<Doc>;
        wrapped.set(name, c);
      }
      return c as unknown as Collection<T>;
    },
    ping: () => store.ping(),
    dropAll: () => store.dropAll(),
    close: () => store.close(),
  };
}

// Writes whose update may append to a document's outbox (`withEvents`).
const OUTBOX_WRITES: ReadonlySet<string> = new Set(['updateOne', 'updateMany', 'findOneAndUpdate']);

interface OutboxEntry {
  id?: unknown;
  type?: unknown;
  traceparent?: string;
  tracestate?: string;
}

/** The envelopes an update appends to the outbox (`$push: { outbox: { $each } }`), if any. */
function outboxEntries(update: unknown): OutboxEntry[] | undefined {
  const push = (update as { $push?: { outbox?: { $each?: unknown } } } | undefined)?.$push?.outbox?.$each;
  return Array.isArray(push) && push.length > 0 ? (push as OutboxEntry[]) : undefined;
}

/**
 * The outbox write as a messaging "create" span (PRODUCER): the change and its events are written in one update.
 * While tracing, the entries are re-stamped with this span's trace context, so the relay's `send` span and every
 * consumer's `process` span hang below the write that created the event. Off, this is the plain call.
 */
async function outboxWrite(
  collection: string,
  op: string,
  events: OutboxEntry[],
  args: unknown[],
  fn: (...a: unknown[]) => unknown,
) {
  if (!trace.getActiveSpan()?.isRecording()) return fn(...args);
  const attributes = {
    'messaging.system': 'fulfillment-mesh',
    'messaging.operation.type': 'create',
    'messaging.operation.name': 'outbox write',
    'messaging.batch.message_count': events.length,
    'db.collection.name': collection,
    'db.operation.name': op,
    ...(events.length === 1 && typeof events[0]!.type === 'string' ? { 'fm.event.type': events[0]!.type } : {}),
  };
  return inSpan(`outbox write ${collection}`, { kind: SpanKind.PRODUCER, attributes }, () => {
    const stamp = currentTraceContext();
    const update = args[1] as { $push: { outbox: { $each: OutboxEntry[] } } };
    const stamped = {
      ...update,
      $push: { ...update.$push, outbox: { ...update.$push.outbox, $each: events.map((e) => ({ ...e, ...stamp })) } },
    };
    return fn(args[0], stamped, ...args.slice(2));
  });
}

function touchesOutbox(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).some((k) => k.startsWith('outbox'));
}

/** A bulk write of the outbox relay: it pulls published entries (`$pull: { outbox }`) and drops the flag. */
function relayBulk(operations: unknown): boolean {
  if (!Array.isArray(operations) || operations.length === 0) return false;
  return operations.every((o: { updateOne?: { update?: Record<string, unknown> } }) =>
    Object.values(o.updateOne?.update ?? {}).some((fields) => touchesOutbox(fields)),
  );
}
