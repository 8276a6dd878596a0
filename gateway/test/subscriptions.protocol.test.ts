import { createMemoryEventBus, type EventBus } from '@fulfillment-mesh/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMesh, type TestGateway, type TestMesh } from './support/mesh.js';
import { rawSocket, type RawSocket } from './support/raw-socket.js';

const SUBSCRIBE = { query: 'subscription { stockChanged { sku } }' };

describe('graphql-ws protocol conformance', () => {
  let mesh: TestMesh;
  let bus: EventBus;
  let gw: TestGateway;
  const sockets: RawSocket[] = [];
  const open = (...args: Parameters<typeof rawSocket>) => {
    const socket = rawSocket(...args);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    mesh = await startTestMesh();
    bus = createMemoryEventBus();
    gw = await mesh.startGateway(bus, { websocket: { connectionInitWaitTimeoutMs: 100, keepAliveMs: 60_000 } });
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await mesh.close();
    await bus.close();
  });

  it('acknowledges connection_init and answers ping with pong, echoing the payload', async () => {
    const socket = open(gw.wsUrl);
    expect(await socket.init()).toEqual({ type: 'connection_ack' });
    socket.send({ type: 'ping', payload: { n: 1 } });
    expect(await socket.next()).toEqual({ type: 'pong', payload: { n: 1 } });
    socket.ws.close(1000);
    expect((await socket.closed).code).toBe(1000);
  });

  it('closes with 4400 on a message that is not a protocol message', async () => {
    const socket = open(gw.wsUrl);
    await socket.opened;
    socket.send('{"type":"connection_init"'); // truncated JSON
    expect(await socket.closed).toEqual({ code: 4400, reason: 'Invalid message received' });
  });

  it('closes with 4401 on a subscribe before the connection was acknowledged', async () => {
    const socket = open(gw.wsUrl);
    await socket.opened;
    socket.send({ type: 'subscribe', id: '1', payload: SUBSCRIBE });
    expect(await socket.closed).toEqual({ code: 4401, reason: 'Unauthorized' });
  });

  it('closes with 4408 when connection_init does not arrive in time', async () => {
    const socket = open(gw.wsUrl);
    await socket.opened;
    expect(await socket.closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
  });

  it('closes with 4409 when a subscription id is reused while active', async () => {
    const socket = open(gw.wsUrl);
    await socket.init();
    socket.send({ type: 'subscribe', id: 'same', payload: SUBSCRIBE });
    socket.send({ type: 'subscribe', id: 'same', payload: SUBSCRIBE });
    expect(await socket.closed).toEqual({ code: 4409, reason: 'Subscriber for same already exists' });
  });

  it('closes with 4429 on a second connection_init', async () => {
    const socket = open(gw.wsUrl);
    await socket.init();
    socket.send({ type: 'connection_init' });
    expect(await socket.closed).toEqual({ code: 4429, reason: 'Too many initialisation requests' });
  });

  it('refuses an unsupported subprotocol at the handshake, and closes 4406 when none is offered', async () => {
    const legacy = open(gw.wsUrl, 'graphql-ws'); // subscriptions-transport-ws
    await expect(legacy.opened).rejects.toThrow('Server sent no subprotocol');
    const none = open(gw.wsUrl, null);
    await none.opened;
    expect(await none.closed).toEqual({ code: 4406, reason: 'Subprotocol not acceptable' });
  });

  it('answers an upgrade on another path with 404', async () => {
    const socket = open(gw.wsUrl.replace('/graphql', '/elsewhere'));
    await expect(socket.opened).rejects.toThrow('Unexpected server response: 404');
  });

  it('completes a subscription on request and sends errors for an invalid operation', async () => {
    const socket = open(gw.wsUrl);
    await socket.init();
    socket.send({ type: 'subscribe', id: 'bad', payload: { query: 'subscription { stockChanged { nope } }' } });
    expect(await socket.next()).toMatchObject({
      type: 'error',
      id: 'bad',
      payload: [{ message: 'Cannot query field "nope" on type "StockChange".' }],
    });
    socket.send({ type: 'subscribe', id: 'ok', payload: SUBSCRIBE });
    socket.send({ type: 'complete', id: 'ok' });
    socket.send({ type: 'ping' });
    expect(await socket.next()).toEqual({ type: 'pong' });
  });

  it('ends open connections with 1001 Going Away when the gateway closes', async () => {
    const own = await mesh.startGateway(bus);
    const socket = open(own.wsUrl);
    await socket.init();
    socket.send({ type: 'subscribe', id: '1', payload: SUBSCRIBE });
    await own.close();
    expect(await socket.closed).toEqual({ code: 1001, reason: 'Going away' });
  });
});
