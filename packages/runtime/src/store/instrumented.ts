import type { Collection, Doc, Store } from './port.js';

/** Per-collection operation counts, keyed `<collection>.<operation>`. */
export type StoreCounters = Map<string, number>;

/** A store whose collection calls are counted. */
export type InstrumentedStore = Store & { counters: StoreCounters; resetCounters(): void };

const COUNTED = ['findOne', 'find', 'countDocuments', 'insertOne', 'insertMany', 'updateOne', 'updateMany', 'findOneAndUpdate', 'bulkWrite', 'deleteOne', 'deleteMany'] as const;

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
            return fn(...args);
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
