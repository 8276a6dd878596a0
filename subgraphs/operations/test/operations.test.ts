import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, createMemoryEventBus, defineEvent, type EventBus } from '@fulfillment-mesh/events';
import { createLogger, openStore, subgraphTester } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { createOperationsSubgraph } from '../src/server.js';

const logger = createLogger({ service: 'operations', level: 'silent' });
const pinged = defineEvent({
  type: 'orders.order.pinged',
  version: 1,
  schema: z.object({ n: z.number() }),
  description: 'test',
});

describe('operations subgraph', () => {
  let bus: EventBus;
  let tester: Awaited<ReturnType<typeof subgraphTester>>;
  beforeAll(async () => {
    bus = createMemoryEventBus();
    await bus.publish('orders', createEvent(pinged, { source: '/test', subject: 'o-1', data: { n: 1 } }));
    const def = await createOperationsSubgraph({
      bus,
      logger,
      store: await openStore({ subgraph: 'operations', inMemory: true }),
    });
    const operator = {
      ...def,
      createContext: (base: Parameters<typeof def.createContext>[0]) => ({
        ...base,
        client: { scopes: ['operations:read', 'operations:write'] },
      }),
    };
    tester = await subgraphTester(operator);
  });
  afterAll(async () => {
    await tester.stop();
    await bus.close();
  });

  it('reports each stream with its length and counters to an operator', async () => {
    const result = await tester.run('{ integrationHealth { stream length counters { published } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.integrationHealth).toEqual([{ stream: 'orders', length: 1, counters: { published: 1 } }]);
  });

  it('refuses a caller without the operations scope even when served without the guard', async () => {
    const bare = await subgraphTester(
      await createOperationsSubgraph({
        bus,
        logger,
        store: await openStore({ subgraph: 'operations', inMemory: true }),
      }),
    );
    const result = await bare.run('{ integrationHealth { stream } }');
    await bare.stop();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
