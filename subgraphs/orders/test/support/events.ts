import { createEvent, type DeliveryMeta, type EventDefinition } from '@fulfillment-mesh/events';
import type { Collection, Doc, Store } from '@fulfillment-mesh/runtime';

/** An envelope as another subgraph would publish it. */
export function foreignEvent(def: EventDefinition, subject: string, data: unknown, source = '/subgraphs/inventory') {
  return createEvent(def, { source, subject, data });
}

/** Delivery metadata for calling a handler directly. */
export const meta: DeliveryMeta = {
  stream: 'test',
  group: 'orders',
  consumer: 'test',
  entryId: '0-1',
  attempt: 1,
  previousAttempts: [],
};

/** A store whose next `op` on `collection` fails once when armed: a crash or outage in the middle of a workflow. */
export function faultyStore(inner: Store) {
  const armed = new Map<string, string>();
  const store: Store = {
    kind: inner.kind,
    ping: () => inner.ping(),
    dropAll: () => inner.dropAll(),
    close: () => inner.close(),
    collection<T extends Doc>(name: string): Collection<T> {
      const target = inner.collection<T>(name);
      return new Proxy(target, {
        get(obj, property, receiver) {
          const value: unknown = Reflect.get(obj, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const key = `${name}.${String(property)}`;
            if (armed.has(key)) {
              const message = armed.get(key)!;
              armed.delete(key);
              return Promise.reject(new Error(message));
            }
            return (value as (...a: unknown[]) => unknown).apply(obj, args);
          };
        },
      });
    },
  };
  return { store, failNext: (op: string, message = `injected failure of ${op}`) => void armed.set(op, message) };
}
