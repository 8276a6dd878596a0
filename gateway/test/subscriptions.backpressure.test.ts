import { createMemoryEventBus, type EventBus } from '@fulfillment-mesh/events';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor, wsClient } from './support/clients.js';
import { startTestMesh, stockAdjusted, type TestGateway, type TestMesh } from './support/mesh.js';
import { rawSocket } from './support/raw-socket.js';

const MAX_BUFFERED = 64 * 1024; // 64 KiB: a handful of the slow client's frames

describe('subscriptions: a subscriber that stops reading', () => {
  let mesh: TestMesh;
  let bus: EventBus;
  let gw: TestGateway;
  const closers: (() => unknown)[] = [];

  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    await mesh?.close();
    await bus?.close();
  });

  it('is closed with 1013 and a reason once its unsent bytes pass the bound, while a fast one gets every event in order', async () => {
    mesh = await startTestMesh();
    bus = createMemoryEventBus();
    gw = await mesh.startGateway(bus, {
      maxQueuedPerConnection: 1_000, // the byte bound, not the queue length, is what trips here
      websocket: { maxBufferedBytes: MAX_BUFFERED, slowCloseGraceMs: 30_000 },
    });
    const slow = rawSocket(gw.wsUrl);
    closers.push(() => slow.ws.terminate());
    await slow.init();
    for (let i = 0; i < 10; i++)
      slow.send({
        type: 'subscribe',
        id: `s${i}`,
        payload: { query: 'subscription { stockChanged { sku padding(bytes: 32768) } }' },
      });
    const fast = wsClient(gw.wsUrl);
    closers.push(() => fast.dispose());
    const received = fast.collect('subscription { stockChanged { sku onHand } }');
    const metrics = () => gw.gateway.subscriptions!.metrics();
    await waitFor(() => metrics().subscriptions.total === 11, '11 subscriptions');
    slow.ws.pause(); // stop reading: the kernel buffers fill, then the socket's bufferedAmount grows

    let published = 0;
    for (; published < 400 && metrics().counters.slowConsumersClosed === 0; published++) {
      await bus.publish('stock', stockAdjusted('BIG', 'east-1', published));
      // the fast subscriber is never held back by the stalled one: each event reaches it before the next is sent
      await received.until(published + 1);
    }
    expect(metrics().counters.slowConsumersClosed).toBe(1);
    for (let i = published; i < published + 5; i++) await bus.publish('stock', stockAdjusted('BIG', 'east-1', i));
    const all = await received.until(published + 5);
    expect(all.map((r) => (r.data?.stockChanged as { onHand: number }).onHand)).toEqual(
      Array.from({ length: published + 5 }, (_, i) => i),
    );

    slow.ws.resume();
    expect(await slow.closed).toEqual({
      code: 1013,
      reason: `Slow consumer: more than ${MAX_BUFFERED} bytes unsent on the socket; reconnect with your last cursor`,
    });
    await waitFor(() => metrics().subscriptions.total === 1, 'the slow subscriptions ended');
  });
});
