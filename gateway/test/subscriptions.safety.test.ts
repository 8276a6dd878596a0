import { request } from 'node:http';
import { createMemoryEventBus, type EventBus } from '@fulfillment-mesh/events';
import { DomainError } from '@fulfillment-mesh/runtime';
import { GraphQLError } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deferred, sseClient, waitFor, wsClient } from './support/clients.js';
import { startTestMesh, stockAdjusted, type TestGateway, type TestIdentity, type TestMesh } from './support/mesh.js';
import { rawSocket, type RawSocket } from './support/raw-socket.js';

// connectionParams { user, role } stand in for a token: "nobody" has no identity, "banned" is refused outright.
async function authenticate(
  params: Readonly<Record<string, unknown>> | undefined,
  request: { headers: Record<string, unknown> },
): Promise<TestIdentity | null> {
  const user = String(params?.user ?? request.headers['x-user'] ?? '');
  if (user === '' || user === 'nobody') return null;
  if (user === 'banned') throw new DomainError('FORBIDDEN', `User "${user}" may not subscribe`);
  // The access package's request guard throws GraphQLErrors with extensions.code, e.g. when a client is over its rate.
  if (user === 'flood')
    throw new GraphQLError('Rate limit exceeded; retry in 3 s', { extensions: { code: 'RATE_LIMITED' } });
  return { user, role: user.startsWith('admin') ? 'admin' : 'guest' };
}

describe('subscriptions: authentication, authorization and resource limits', () => {
  let mesh: TestMesh;
  let bus: EventBus;
  let gw: TestGateway;
  const closers: (() => unknown)[] = [];

  beforeAll(async () => {
    mesh = await startTestMesh();
    bus = createMemoryEventBus();
    gw = await mesh.startGateway(bus, {
      authenticate,
      authorizationKey: (identity) => identity?.role ?? 'anonymous',
      authorize: ({ identity, field }) => {
        if (field === 'parcelUpdated' && identity?.role !== 'admin')
          throw new DomainError('FORBIDDEN', 'Parcel updates are for admins');
      },
      maxQueuedPerConnection: 4,
      websocket: { keepAliveMs: 100 },
    });
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
    await waitFor(() => gw.gateway.subscriptions!.metrics().subscriptions.total === 0, 'subscriptions closed');
  });
  afterAll(async () => {
    await mesh.close();
    await bus.close();
  });
  const raw = (...args: Parameters<typeof rawSocket>): RawSocket => {
    const socket = rawSocket(...args);
    closers.push(() => socket.ws.terminate());
    return socket;
  };
  const subscribed = (n: number) =>
    waitFor(() => gw.gateway.subscriptions!.metrics().subscriptions.total === n, `${n} subscriptions`);

  it('closes with 4401 when the connection carries no identity, and 4403 when the identity is refused', async () => {
    const anonymous = raw(gw.wsUrl);
    await anonymous.opened;
    anonymous.send({ type: 'connection_init', payload: { user: 'nobody' } });
    expect(await anonymous.closed).toEqual({ code: 4401, reason: 'Unauthorized' });
    const banned = raw(gw.wsUrl);
    await banned.opened;
    banned.send({ type: 'connection_init', payload: { user: 'banned' } });
    expect(await banned.closed).toEqual({ code: 4403, reason: 'User "banned" may not subscribe' });
    expect(gw.gateway.subscriptions!.metrics().connections.ws).toBe(0);
  });

  it('asks a rate-limited client to come back later: 1013 on the socket, 429 over SSE', async () => {
    const socket = raw(gw.wsUrl);
    await socket.opened;
    socket.send({ type: 'connection_init', payload: { user: 'flood' } });
    expect(await socket.closed).toEqual({ code: 1013, reason: 'Rate limit exceeded; retry in 3 s' });
    const res = await fetch(gw.sseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-user': 'flood' },
      body: '{}',
    });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({
      errors: [{ message: 'Rate limit exceeded; retry in 3 s', extensions: { code: 'RATE_LIMITED' } }],
    });
  });

  it('answers SSE requests without an identity with 401', async () => {
    const res = await fetch(gw.sseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { stockChanged { sku } }' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('hydrates with each subscriber’s identity: fields a role may not read fail for that role only', async () => {
    const query = 'subscription { stockChanged(skus: ["Z-1"]) { sku product { name secretNote } } }';
    const admins = [
      wsClient(gw.wsUrl, { connectionParams: { user: 'admin-1' } }),
      wsClient(gw.wsUrl, { connectionParams: { user: 'admin-2' } }),
    ];
    const guest = wsClient(gw.wsUrl, { connectionParams: { user: 'guest-1' } });
    const viaSse = sseClient(gw.sseUrl, { 'x-user': 'guest-2' });
    closers.push(...[...admins, guest, viaSse].map((c) => () => c.dispose()));
    const subs = [...admins.map((c) => c.collect(query)), guest.collect(query), viaSse.collect(query)];
    await subscribed(4);
    const before = mesh.counters.stockEcho;

    await bus.publish('stock', stockAdjusted('Z-1', 'east-1', 1));
    const [admin1, admin2, guestResult, sseGuest] = await Promise.all(subs.map(async (s) => (await s.until(1))[0]));

    expect(mesh.counters.stockEcho - before).toBe(2); // one hydration per authorization key (admin, guest)
    expect(admin1).toEqual({
      data: { stockChanged: { sku: 'Z-1', product: { name: 'Product Z-1', secretNote: 'note for Z-1' } } },
    });
    expect(admin2).toEqual(admin1);
    expect(guestResult).toEqual({
      data: { stockChanged: { sku: 'Z-1', product: { name: 'Product Z-1', secretNote: null } } },
      errors: [
        {
          message: 'Only admins may read the note of product "Z-1"',
          path: ['stockChanged', 'product', 'secretNote'],
          extensions: { code: 'FORBIDDEN', serviceName: 'catalog' },
        },
      ],
      extensions: { cursor: expect.stringMatching(/^\d+-\d+$/) },
    });
    expect(sseGuest).toEqual(guestResult);
  });

  it('refuses a subscription up front when the authorize hook says no', async () => {
    const guest = wsClient(gw.wsUrl, { connectionParams: { user: 'guest-1' } });
    closers.push(() => guest.dispose());
    const refused = guest.collect('subscription { parcelUpdated { parcelId } }');
    await refused.done;
    expect(refused.results).toEqual([
      { errors: [{ message: 'Parcel updates are for admins', extensions: { code: 'FORBIDDEN' } }] },
    ]);
  });

  it('withholds events whose payload a subscriber may not read, instead of delivering errors about them', async () => {
    const query = 'subscription { stockChanged(skus: ["SECRET-1", "OPEN-1"]) { sku } }';
    const admin = wsClient(gw.wsUrl, { connectionParams: { user: 'admin-1' } });
    const guest = wsClient(gw.wsUrl, { connectionParams: { user: 'guest-1' } });
    closers.push(
      () => admin.dispose(),
      () => guest.dispose(),
    );
    const [forAdmin, forGuest] = [admin.collect(query), guest.collect(query)];
    await subscribed(2);
    const withheld = gw.gateway.subscriptions!.metrics().counters.eventsWithheld;

    await bus.publish('stock', stockAdjusted('SECRET-1', 'east-1', 1));
    await bus.publish('stock', stockAdjusted('OPEN-1', 'east-1', 2));
    expect((await forAdmin.until(2)).map((r) => r.data)).toEqual([
      { stockChanged: { sku: 'SECRET-1' } },
      { stockChanged: { sku: 'OPEN-1' } },
    ]);
    expect(await forGuest.until(1)).toEqual([{ data: { stockChanged: { sku: 'OPEN-1' } } }]);
    expect(gw.gateway.subscriptions!.metrics().counters.eventsWithheld).toBe(withheld + 1);
  });

  it('pings idle connections and drops a client that stops answering', async () => {
    const pinged = deferred();
    const alive = raw(gw.wsUrl);
    alive.ws.once('ping', () => pinged.resolve());
    await alive.init({ user: 'guest-1' });
    await pinged.promise;

    const silent = raw(gw.wsUrl, 'graphql-transport-ws', { autoPong: false });
    await silent.init({ user: 'guest-1' });
    expect((await silent.closed).code).toBe(1006); // terminated without a close frame, as a dead peer would be
    alive.ws.close();
  });

  it('closes a consumer that does not read with 1013 and a reason, instead of buffering without bound', async () => {
    const slow = raw(gw.wsUrl);
    await slow.init({ user: 'guest-1' });
    slow.send({
      type: 'subscribe',
      id: 's',
      payload: { query: 'subscription { stockChanged { sku padding(bytes: 262144) } }' },
    });
    await subscribed(1);
    slow.ws.pause(); // stop reading: the kernel buffers fill, then the gateway's queue does
    const before = gw.gateway.subscriptions!.metrics().counters.slowConsumersClosed;

    const metrics = () => gw.gateway.subscriptions!.metrics().counters;
    for (let i = 0; i < 400 && metrics().slowConsumersClosed === before; i++) {
      const received = metrics().eventsReceived;
      await bus.publish('stock', stockAdjusted('BIG', 'east-1', i));
      await waitFor(() => metrics().eventsReceived > received, 'the tail took the event');
    }
    expect(gw.gateway.subscriptions!.metrics().counters.slowConsumersClosed).toBe(before + 1);
    slow.ws.resume();
    expect(await slow.closed).toEqual({
      code: 1013,
      reason: 'Slow consumer: more than 4 results waiting; reconnect with your last cursor',
    });
  });

  it('closes an SSE stream that is not read, instead of buffering without bound', async () => {
    const metrics = () => gw.gateway.subscriptions!.metrics().counters;
    const before = metrics().slowConsumersClosed;
    const ended = deferred();
    const body = JSON.stringify({ query: 'subscription { stockChanged { sku padding(bytes: 262144) } }' });
    const req = request(
      gw.sseUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-user': 'guest-1' },
      },
      (res) => {
        res.pause(); // never read: the stream backs up
        res.on('close', () => ended.resolve());
        res.on('error', () => ended.resolve());
      },
    );
    req.on('error', () => ended.resolve());
    req.end(body);
    closers.push(() => req.destroy());
    await subscribed(1);

    for (let i = 0; i < 400 && metrics().slowConsumersClosed === before; i++) {
      const received = metrics().eventsReceived;
      await bus.publish('stock', stockAdjusted('BIG', 'east-1', i));
      await waitFor(() => metrics().eventsReceived > received, 'the tail took the event');
    }
    expect(metrics().slowConsumersClosed).toBe(before + 1);
    await ended.promise;
    await waitFor(() => gw.gateway.subscriptions!.metrics().connections.sse === 0, 'the SSE connection is gone');
  });
});
