import { createMemoryEventBus, type EventBus } from '@fulfillment-mesh/events';
import { createLogger, openStore, subgraphTester } from '@fulfillment-mesh/runtime';
import { createOperationsSubgraph, type OperationsOptions, type OperationsSubgraph } from '../src/server.js';

/** A test clock that moves only when told to. */
export function manualClock(start = '2026-12-01T10:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

/** The operations subgraph on an in-memory store and bus, with a tester per caller scope set. */
export async function operationsHarness(
  options: { bus?: EventBus; now?: () => Date; options?: OperationsOptions } = {},
) {
  const bus = options.bus ?? createMemoryEventBus();
  const store = await openStore({ subgraph: 'operations', inMemory: true });
  const subgraph: OperationsSubgraph = await createOperationsSubgraph({
    bus,
    logger: createLogger({ service: 'operations', level: 'silent' }),
    store,
    ...(options.now ? { now: options.now } : {}),
    // Sweeps run when a test calls sweep(), not on a timer.
    options: { sweepIntervalMs: 3_600_000, ...options.options },
  });
  const testers: Awaited<ReturnType<typeof subgraphTester>>[] = [];
  /** Runs operations as client `id` holding `scopes` (what the subgraph guard would put on the context). */
  async function as(id: string, scopes: string[]) {
    const tester = await subgraphTester({
      ...subgraph,
      createContext: async (base) => ({ ...(await subgraph.createContext(base)), client: { id, scopes } }),
    });
    testers.push(tester);
    return tester;
  }
  return {
    bus,
    subgraph,
    as,
    async close() {
      for (const t of testers) await t.stop();
      await subgraph.close();
      if (!options.bus) await bus.close();
    },
  };
}

/** Polls `probe` until it returns something truthy (the bus delivers asynchronously); fails naming `what`. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 5_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A promise with its resolve exposed. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
