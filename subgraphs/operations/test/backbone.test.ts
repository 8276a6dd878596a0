import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createEvent,
  createEventRegistry,
  createMemoryEventBus,
  defineEvent,
  type EventBus,
} from '@fulfillment-mesh/events';
import { createLogger, openStore, subgraphTester } from '@fulfillment-mesh/runtime';
import { createOperationsSubgraph } from '../src/server.js';

// The operator surface of the event backbone, served by the one schema that declares it (schema.graphql) with the
// resolvers of packages/events (createOperationsResolvers), as a client of the operations subgraph sees it.

const logger = createLogger({ service: 'operations-test', level: 'silent' });
const itemChanged = defineEvent({
  type: 'test.item.changed',
  version: 1,
  description: 'test',
  schema: z.object({ value: z.number() }),
});
const itemEvent = (subject: string, value: number) =>
  createEvent(itemChanged, { source: '/test', subject, data: { value } });

/** Polls `probe` until it is truthy, failing with `message` after 5 seconds. */
async function waitFor(probe: () => boolean | Promise<boolean>, message: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the event backbone in the graph', () => {
  let bus: EventBus;
  let testers: Array<{ stop(): Promise<void> }> = [];
  beforeEach(() => {
    bus = createMemoryEventBus({ logger });
  });
  afterEach(async () => {
    for (const tester of testers) await tester.stop();
    testers = [];
    await bus.close();
  });

  /** The operations subgraph served to a caller holding `scopes`. */
  const serve = async (scopes: string[]) => {
    const def = await createOperationsSubgraph({
      bus,
      logger,
      store: await openStore({ subgraph: 'operations', inMemory: true }),
    });
    const tester = await subgraphTester({
      ...def,
      createContext: (base: Parameters<typeof def.createContext>[0]) => ({ ...base, client: { scopes } }),
    });
    testers.push(tester);
    return tester;
  };

  it('refuses every field to a caller without the operations scopes', async () => {
    const viewer = await serve(['orders:read']);
    const queries = [
      '{ integrationHealth { stream } }',
      '{ deadLetters(stream: "inventory") { totalCount } }',
      'mutation { replayDeadLetters(stream: "inventory", ids: ["1-0"]) { replayed } }',
      'mutation { replayStream(stream: "inventory", group: "atp", from: "0") { replayed } }',
    ];
    for (const query of queries) {
      const result = await viewer.run(query);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(result.errors?.[0]?.message, query).toMatch(/operations:(read|write)/);
    }
  });

  it('reports health, pages dead letters and re-drives them for an operator', async () => {
    const operator = await serve(['operations:read', 'operations:write']);
    let broken = true;
    let handled = 0;
    await bus.consume({
      stream: 'inventory',
      group: 'atp',
      consumer: 'atp-1',
      registry: createEventRegistry([itemChanged]),
      startFrom: '0',
      maxAttempts: 1,
      blockMs: 50,
      handler: () => {
        if (broken) throw new Error('no such location');
        handled += 1;
      },
    });
    await bus.publish('inventory', itemEvent('sku-1@dc', 1));
    await bus.publish('inventory', itemEvent('sku-2@dc', 2));
    await waitFor(async () => (await bus.deadLetters('inventory')).total === 2, 'two dead letters');

    const health = await operator.run(
      '{ integrationHealth { stream length deadLetters counters { published deadLettered } groups { group backlog pending counters { deadLettered } } } }',
    );
    expect(health.data).toEqual({
      integrationHealth: [
        {
          stream: 'inventory',
          length: 2,
          deadLetters: 2,
          counters: { published: 2, deadLettered: 2 },
          groups: [{ group: 'atp', backlog: 0, pending: 0, counters: { deadLettered: 2 } }],
        },
      ],
    });

    const page = await operator.run(
      '{ deadLetters(stream: "inventory", first: 1) { totalCount nodes { id group reason lastError subject attempts { error } } pageInfo { hasNextPage endCursor } } }',
    );
    const connection = (page.data as { deadLetters: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string } } })
      .deadLetters;
    expect(connection).toMatchObject({
      totalCount: 2,
      nodes: [
        {
          group: 'atp',
          reason: 'handler failed 1 times',
          lastError: 'no such location',
          subject: 'sku-2@dc',
          attempts: [{ error: 'no such location' }],
        },
      ],
      pageInfo: { hasNextPage: true },
    });
    const rest = await operator.run(
      `{ deadLetters(stream: "inventory", after: "${connection.pageInfo.endCursor}") { nodes { id subject } pageInfo { hasNextPage } } }`,
    );
    expect(rest.data).toMatchObject({
      deadLetters: { nodes: [{ subject: 'sku-1@dc' }], pageInfo: { hasNextPage: false } },
    });

    broken = false;
    const replay = await operator.run(
      `mutation { replayDeadLetters(stream: "inventory", ids: ["${connection.nodes[0]!.id}"]) { stream groups replayed missing } }`,
    );
    expect(replay.data).toEqual({
      replayDeadLetters: { stream: 'inventory', groups: ['atp'], replayed: 1, missing: [] },
    });
    await waitFor(() => handled === 1, 'the re-driven event');

    const range = await operator.run(
      'mutation { replayStream(stream: "inventory", group: "atp", from: "2000-01-01T00:00:00Z") { replayed groups } }',
    );
    expect(range.data).toEqual({ replayStream: { replayed: 2, groups: ['atp'] } });
    await waitFor(() => handled === 3, 'the replayed range');
  });
});
