import { createMemoryEventBus, type EventBus } from '@fulfillment-mesh/events';
import { createLogger, openStore, subgraphTester } from '@fulfillment-mesh/runtime';
import { createOperationsSubgraph, type OperationsSubgraph } from '../src/server.js';

/** A test clock that moves only when told to. */
export function manualClock(start = '2026-12-01T10:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

/** The operations subgraph on an in-memory store and bus, with a tester per caller scope set. */
export async function operationsHarness(options: { bus?: EventBus; now?: () => Date } = {}) {
  const bus = options.bus ?? createMemoryEventBus();
  const store = await openStore({ subgraph: 'operations', inMemory: true });
  const subgraph: OperationsSubgraph = await createOperationsSubgraph({
    bus,
    logger: createLogger({ service: 'operations', level: 'silent' }),
    store,
    ...(options.now ? { now: options.now } : {}),
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
