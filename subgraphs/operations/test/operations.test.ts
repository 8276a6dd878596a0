import { buildASTSchema, parse, type GraphQLNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, createMemoryEventBus, defineEvent, operationsTypeDefs, type EventBus } from '@fulfillment-mesh/events';
import { createLogger, openStore, subgraphTester } from '@fulfillment-mesh/runtime';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createOperationsSubgraph } from '../src/server.js';

const logger = createLogger({ service: 'operations', level: 'silent' });
const pinged = defineEvent({ type: 'orders.order.pinged', version: 1, schema: z.object({ n: z.number() }), description: 'test' });

/** Field names per type of an SDL (federation directives stripped), to compare two definitions of one surface. */
function shape(sdl: string): Record<string, string[]> {
  const cleaned = sdl.replace(/extend schema[^\n]*\n/, '').replace(/@requiresScopes\([^)]*\)\)/g, '').replace(/extend type/g, 'type');
  const schema = buildASTSchema(parse(cleaned), { assumeValidSDL: true });
  const out: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
    if (type.name.startsWith('__') || !('getFields' in type)) continue;
    out[type.name] = Object.keys((type as { getFields(): Record<string, unknown> }).getFields()).sort();
  }
  return out;
}

describe('operations subgraph', () => {
  let bus: EventBus;
  let tester: Awaited<ReturnType<typeof subgraphTester>>;
  beforeAll(async () => {
    bus = createMemoryEventBus();
    await bus.publish('orders', createEvent(pinged, { source: '/test', subject: 'o-1', data: { n: 1 } }));
    const def = await createOperationsSubgraph({ bus, logger, store: await openStore({ subgraph: 'operations', inMemory: true }) });
    const operator = { ...def, createContext: (base: Parameters<typeof def.createContext>[0]) => ({ ...base, client: { scopes: ['operations:read', 'operations:write'] } }) };
    tester = await subgraphTester(operator);
  });
  afterAll(async () => {
    await tester.stop();
    await bus.close();
  });

  it('serves the operator surface that packages/events defines, field for field', () => {
    const file = shape(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
    const surface = shape(operationsTypeDefs);
    // The subgraph adds exceptions and adapter health; every type of the backbone surface is served unchanged.
    for (const [type, fields] of Object.entries(surface)) {
      if (type === 'Query' || type === 'Mutation') expect(file[type]).toEqual(expect.arrayContaining(fields));
      else expect(file[type], type).toEqual(fields);
    }
  });

  it('reports each stream with its length and counters to an operator', async () => {
    const result = await tester.run('{ integrationHealth { stream length counters { published } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.integrationHealth).toEqual([{ stream: 'orders', length: 1, counters: { published: 1 } }]);
  });

  it('refuses a caller without the operations scope even when served without the guard', async () => {
    const bare = await subgraphTester(await createOperationsSubgraph({ bus, logger, store: await openStore({ subgraph: 'operations', inMemory: true }) }));
    const result = await bare.run('{ integrationHealth { stream } }');
    await bare.stop();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
