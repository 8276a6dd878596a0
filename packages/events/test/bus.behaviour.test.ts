import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryMeta, EventBus, EventEnvelope, GroupHealth } from '../src/index.js';
import { BUSES, deferred, deleteKeys, fastConsumer, itemEvent, randomPrefix, waitFor } from './support.js';

const filePrefix = randomPrefix('behaviour');
afterAll(async () => {
  await deleteKeys(filePrefix);
});

describe.each(BUSES)('$kind event bus', ({ kind, open }) => {
  let bus: EventBus;
  let testNumber = 0;
  const stream = 'inventory';

  beforeEach(async () => {
    testNumber += 1;
    bus = await open(`${filePrefix}:${kind}${testNumber}`);
  });
  afterEach(async () => {
    await bus.close(); // stops every consumer of the test
  });

  const groupHealth = async (group: string): Promise<GroupHealth | undefined> =>
    (await bus.health()).find((s) => s.stream === stream)?.groups.find((g) => g.group === group);
  const settled = (group: string) => async () => {
    const g = await groupHealth(group);
    return g !== undefined && g.backlog === 0 && g.pending === 0;
  };

  it('redelivers an event a killed consumer never acknowledged, and applies it once', async () => {
    const started = deferred();
    const doomed = await bus.consume(
      fastConsumer({
        stream,
        group: 'atp',
        consumer: 'doomed',
        handler: () => {
          started.resolve();
          return new Promise<void>(() => {}); // hangs until the consumer is killed
        },
      }),
    );
    await bus.publish(stream, itemEvent('sku-1@dc', 5));
    await started.promise;
    await doomed.stop(); // gives up after shutdownTimeoutMs: the entry stays pending, unacknowledged
    expect((await groupHealth('atp'))?.pending).toBe(1);

    const applied: string[] = [];
    await bus.consume(
      fastConsumer({ stream, group: 'atp', consumer: 'survivor', handler: (e) => void applied.push(e.id) }),
    );
    await waitFor(settled('atp'), 'the survivor to claim and acknowledge the entry');
    expect(applied).toHaveLength(1);
    expect((await groupHealth('atp'))?.counters.processed).toBe(1);
  });

  it('resumes its own unacknowledged entries at once when restarted under the same name', async () => {
    const started = deferred();
    const options = { stream, group: 'atp', consumer: 'atp-host-1', claimIdleMs: 60_000 };
    const first = await bus.consume(
      fastConsumer({
        ...options,
        handler: () => {
          started.resolve();
          return new Promise<void>(() => {});
        },
      }),
    );
    await bus.publish(stream, itemEvent('sku-1@dc', 5));
    await started.promise;
    await first.stop();

    const applied: number[] = [];
    await bus.consume(
      fastConsumer({ ...options, handler: (e) => void applied.push((e.data as { value: number }).value) }),
    );
    await waitFor(settled('atp'), 'the restarted consumer to finish its own pending entry (long before claimIdleMs)');
    expect(applied).toEqual([5]);
  });

  it('dead-letters a poison event after maxAttempts, recording every attempt', async () => {
    let calls = 0;
    await bus.consume(
      fastConsumer({
        stream,
        group: 'atp',
        maxAttempts: 3,
        handler: () => {
          calls += 1;
          throw new Error(`database refused write #${calls}`);
        },
      }),
    );
    const poison = itemEvent('sku-1@dc', 1);
    await bus.publish(stream, poison);

    const page = await waitFor(async () => {
      const p = await bus.deadLetters(stream);
      return p.total === 1 ? p : undefined;
    }, 'the poison event in dead letters');
    const [letter] = page.items;
    expect(letter).toMatchObject({
      group: 'atp',
      reason: 'handler failed 3 times',
      lastError: 'database refused write #3',
      eventId: poison.id,
    });
    expect(letter?.attempts.map((a) => a.error)).toEqual([
      'database refused write #1',
      'database refused write #2',
      'database refused write #3',
    ]);
    expect(JSON.parse(letter?.envelope ?? '{}')).toEqual(poison);
    await waitFor(settled('atp'), 'the original to be acknowledged');
    expect((await groupHealth('atp'))?.counters).toMatchObject({ retried: 2, deadLettered: 1, processed: 0 });
    expect(calls).toBe(3);
  });

  it('sends future versions and invalid payloads of a known type straight to dead letters and keeps consuming', async () => {
    const handled: EventEnvelope[] = [];
    await bus.consume(fastConsumer({ stream, group: 'atp', handler: (e) => void handled.push(e) }));
    const good = itemEvent('sku-1@dc', 1);
    await bus.publish(stream, { ...itemEvent('sku-1@dc', 1), dataversion: 2 });
    await bus.publish(stream, { ...itemEvent('sku-1@dc', 1), data: { value: 'seven' } });
    await bus.publish(stream, good);

    await waitFor(() => handled.length === 1, 'the valid event to be handled');
    expect(handled[0]?.id).toBe(good.id);
    const page = await waitFor(async () => {
      const p = await bus.deadLetters(stream, { order: 'oldest' });
      return p.total === 2 ? p : undefined;
    }, 'two dead letters');
    expect(page.items.map((d) => d.reason)).toEqual([
      'unsupported version 2 (max 1)',
      expect.stringMatching(/^invalid data: value: /),
    ]);
    expect(page.items.every((d) => d.attempts.length === 0)).toBe(true);
  });

  it('acknowledges unread the types a group does not follow or has no contract for, and reports the unknown ones', async () => {
    const handled: string[] = [];
    const ignored: string[] = [];
    await bus.consume(
      fastConsumer({
        stream,
        group: 'atp',
        follows: (type) => type.startsWith('test.item.'),
        handler: (e) => void handled.push(e.type),
        onIgnored: (type) => void ignored.push(type),
      }),
    );
    await bus.publish(stream, { ...itemEvent('dc-east', 1), type: 'test.location.opened' });
    await bus.publish(stream, { ...itemEvent('sku-1@dc', 1), type: 'test.item.vanished' });
    await bus.publish(stream, itemEvent('sku-1@dc', 1));
    await waitFor(settled('atp'), 'every event to be acknowledged');
    expect(handled).toEqual(['test.item.changed']);
    expect(ignored).toEqual(['test.item.vanished']);
    expect((await groupHealth('atp'))?.counters).toMatchObject({ processed: 1, skipped: 2, deadLettered: 0 });
    expect((await bus.deadLetters(stream)).total).toBe(0);
  });

  it('replays a range to one group only, processing each event once more', async () => {
    const seen: Record<string, Array<{ id: string; replay: DeliveryMeta['replay'] }>> = { atp: [], audit: [] };
    for (const group of ['atp', 'audit'] as const) {
      await bus.consume(
        fastConsumer({
          stream,
          group,
          handler: (e, meta) => void seen[group]!.push({ id: e.id, replay: meta.replay }),
        }),
      );
    }
    const ids: string[] = [];
    for (const value of [1, 2, 3]) ids.push(await bus.publish(stream, itemEvent(`sku-${value}@dc`, value)));
    await waitFor(() => seen.atp!.length === 3 && seen.audit!.length === 3, 'both groups to process the three events');

    const result = await bus.replayStream(stream, 'atp', { from: ids[0]!, to: ids[2]! });
    expect(result).toEqual({ stream, groups: ['atp'], replayed: 3, missing: [] });
    await waitFor(() => seen.atp!.length === 6, 'the replayed events');
    await waitFor(settled('atp'), 'the replays to be acknowledged');
    expect(seen.atp!.slice(3).map((s) => s.replay)).toEqual(['range', 'range', 'range']);
    expect(seen.atp!.slice(3).map((s) => s.id)).toEqual(seen.atp!.slice(0, 3).map((s) => s.id));
    expect(seen.audit).toHaveLength(3);
    expect((await groupHealth('atp'))?.counters).toMatchObject({ processed: 6, replayed: 3, duplicate: 0, stale: 0 });
    await expect(bus.replayStream(stream, 'nobody', { from: ids[0]! })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const byTime = await bus.replayStream(stream, 'atp', {
      from: new Date(Date.now() - 60_000).toISOString(),
      to: new Date().toISOString(),
    });
    expect(byTime.replayed).toBe(3);
    await waitFor(() => seen.atp!.length === 9, 'the range given by ISO times');
    await expect(bus.replayStream(stream, 'atp', { from: 'yesterday-ish' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('re-drives a dead letter to the group that failed it once the handler is fixed', async () => {
    let broken = true;
    const atp: DeliveryMeta[] = [];
    const audit: string[] = [];
    await bus.consume(
      fastConsumer({
        stream,
        group: 'atp',
        maxAttempts: 2,
        handler: (_e, meta) => {
          if (broken) throw new Error('missing location mapping');
          atp.push(meta);
        },
      }),
    );
    await bus.consume(fastConsumer({ stream, group: 'audit', handler: (e) => void audit.push(e.id) }));
    const event = itemEvent('sku-1@dc', 4);
    await bus.publish(stream, event);
    const [letter] = await waitFor(async () => {
      const { items } = await bus.deadLetters(stream);
      return items.length > 0 ? items : undefined;
    }, 'a dead letter');
    await waitFor(() => audit.length === 1, 'the healthy group to process the event');

    broken = false;
    expect(await bus.replayDeadLetters(stream, [letter!.id, '1-0'])).toEqual({
      stream,
      groups: ['atp'],
      replayed: 1,
      missing: ['1-0'],
    });
    await waitFor(() => atp.length === 1, 'the re-driven event to be processed');
    expect(atp[0]).toMatchObject({ replay: 'dead-letter', group: 'atp' });
    expect((await bus.deadLetters(stream)).total).toBe(0);
    await waitFor(settled('atp'), 'the re-drive to be acknowledged');
    expect(audit).toEqual([event.id]);
  });

  it('keeps per-subject order, holding later events of a subject behind one waiting for its retry', async () => {
    const applied: string[] = [];
    let failedOnce = false;
    await bus.consume(
      fastConsumer({
        stream,
        group: 'atp',
        backoff: { baseMs: 30, maxMs: 30 },
        handler: (e) => {
          if (e.subject === 'sku-1@dc' && e.sequence === 2 && !failedOnce) {
            failedOnce = true;
            throw new Error('transient');
          }
          applied.push(`${e.subject}#${e.sequence}`);
        },
      }),
    );
    for (const sequence of [1, 2, 3, 4]) {
      await bus.publish(stream, itemEvent('sku-1@dc', sequence, sequence));
      await bus.publish(stream, itemEvent('sku-2@dc', sequence, sequence));
    }
    await waitFor(settled('atp'), 'every event to be acknowledged');
    expect(applied.filter((a) => a.startsWith('sku-1'))).toEqual([
      'sku-1@dc#1',
      'sku-1@dc#2',
      'sku-1@dc#3',
      'sku-1@dc#4',
    ]);
    expect(applied.filter((a) => a.startsWith('sku-2'))).toEqual([
      'sku-2@dc#1',
      'sku-2@dc#2',
      'sku-2@dc#3',
      'sku-2@dc#4',
    ]);
    expect((await groupHealth('atp'))?.counters).toMatchObject({ processed: 8, retried: 1, stale: 0 });
  });

  it('drops events whose sequence is not above the last one applied for their subject', async () => {
    const applied: number[] = [];
    await bus.consume(fastConsumer({ stream, group: 'atp', handler: (e) => void applied.push(e.sequence ?? -1) }));
    await bus.publish(stream, itemEvent('sku-1@dc', 30, 3));
    await bus.publish(stream, itemEvent('sku-1@dc', 20, 2));
    await bus.publish(stream, itemEvent('sku-1@dc', 31, 3));
    await bus.publish(stream, itemEvent('sku-1@dc', 40, 4));
    await waitFor(settled('atp'), 'every event to be acknowledged');
    expect(applied).toEqual([3, 4]);
    expect((await groupHealth('atp'))?.counters).toMatchObject({ processed: 2, stale: 2 });
  });

  it('appends an event published twice once (a retried publish), and processes it once', async () => {
    const applied: string[] = [];
    await bus.consume(fastConsumer({ stream, group: 'atp', handler: (e) => void applied.push(e.id) }));
    const event = itemEvent('sku-1@dc', 1);
    const first = await bus.publish(stream, event);
    expect(await bus.publish(stream, event)).toBe(first);
    await waitFor(settled('atp'), 'the event to be acknowledged');
    expect(applied).toEqual([event.id]);
    expect((await bus.read(stream)).map((r) => r.envelope.id)).toEqual([event.id]);
    expect((await groupHealth('atp'))?.counters).toMatchObject({ processed: 1, duplicate: 0 });
  });

  it('shows a backlog that grows while the consumer is stopped and drains after it restarts', async () => {
    let processed = 0;
    const options = fastConsumer({ stream, group: 'atp', handler: () => void (processed += 1) });
    const first = await bus.consume(options);
    await bus.publish(stream, itemEvent('sku-1@dc', 1));
    await waitFor(() => processed === 1, 'the first event');
    await first.stop();

    for (const value of [2, 3, 4, 5, 6]) await bus.publish(stream, itemEvent(`sku-${value}@dc`, value));
    const stopped = await groupHealth('atp');
    expect(stopped).toMatchObject({ backlog: 5, pending: 0 });
    const health = (await bus.health()).find((s) => s.stream === stream);
    expect(health).toMatchObject({ length: 6, counters: { published: 6, processed: 1 } });
    expect(health?.lastEventTime).toMatch(/^\d{4}-\d\d-\d\dT/);

    await bus.consume(options);
    await waitFor(settled('atp'), 'the backlog to drain');
    expect(processed).toBe(6);
  });

  it('tails live events and resumes after a given entry id', async () => {
    const controller = new AbortController();
    const live: string[] = [];
    const ready = deferred();
    const tailing = bus.tail({
      streams: [stream, 'orders'],
      signal: controller.signal,
      blockMs: 50,
      onReady: ready.resolve,
      handler: (e) => void live.push(e.id),
    });
    await ready.promise;
    const a = itemEvent('sku-1@dc', 1);
    const b = itemEvent('sku-2@dc', 2);
    const firstId = await bus.publish(stream, a);
    await bus.publish('orders', b);
    await waitFor(() => live.length === 2, 'both live events');
    controller.abort();
    await tailing;
    expect(live).toEqual([a.id, b.id]);

    const resumed: string[] = [];
    const again = new AbortController();
    const resuming = bus.tail({
      streams: [stream],
      fromId: '0',
      signal: again.signal,
      blockMs: 50,
      handler: (e) => void resumed.push(e.id),
    });
    await waitFor(() => resumed.length === 1, 'the stored event');
    again.abort();
    await resuming;
    expect((await bus.read(stream, { afterId: firstId })).length).toBe(0);
    expect((await bus.read(stream, { fromTime: new Date(Date.now() - 60_000) })).map((r) => r.envelope.id)).toEqual([
      a.id,
    ]);
  });

  it('pages dead letters newest first', async () => {
    await bus.consume(fastConsumer({ stream, group: 'atp', handler: () => undefined }));
    // A version from the future is unreadable: each of these goes straight to dead letters.
    for (const subject of ['sku-a@dc', 'sku-b@dc', 'sku-c@dc'])
      await bus.publish(stream, { ...itemEvent(subject, 1), dataversion: 9 });
    await waitFor(async () => (await bus.deadLetters(stream)).total === 3, 'three dead letters');
    const first = await bus.deadLetters(stream, { first: 2 });
    expect(first.items.map((d) => d.subject)).toEqual(['sku-c@dc', 'sku-b@dc']);
    const second = await bus.deadLetters(stream, { first: 2, after: first.next! });
    expect(second.items.map((d) => d.subject)).toEqual(['sku-a@dc']);
    expect(second.next).toBeNull();
  });
});
