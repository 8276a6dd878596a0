import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { createEvent, createEventRegistry, defineEvent, type EventEnvelope } from '../../packages/events/src/index.js';

/** The benchmark's event: a send time for latency, a counter, and padding to make the envelope about 1 KB. */
export const generated = defineEvent({
  type: 'bench.payload.generated',
  version: 1,
  schema: z.object({ sentAt: z.number(), n: z.number().int(), padding: z.string() }),
  description: 'A benchmark payload.',
});

/** What the benchmark consumers understand. */
export const benchRegistry = createEventRegistry([generated]);

const padding = 'x'.repeat(700);

/** Event number `n`, stamped now (epoch ms with sub-millisecond precision, comparable across processes). */
export function benchEvent(n: number): EventEnvelope {
  return createEvent(generated, {
    source: '/bench',
    subject: `item-${n % 1000}`,
    data: { sentAt: performance.timeOrigin + performance.now(), n, padding },
  });
}
