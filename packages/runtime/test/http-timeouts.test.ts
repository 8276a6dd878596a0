import { connect, type Socket } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpService, createLogger, httpTimeoutsFromEnv, type HttpService } from '../src/index.js';

/** Opens a raw connection and resolves with everything the server wrote once it closes the connection. */
function rawClient(port: number): { socket: Socket; closed: Promise<{ text: string; afterMs: number }> } {
  const socket = connect(port, '127.0.0.1');
  const started = Date.now();
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString('utf8')));
  const closed = new Promise<{ text: string; afterMs: number }>((resolve) =>
    socket.on('close', () => resolve({ text, afterMs: Date.now() - started })),
  );
  socket.on('error', () => undefined);
  return { socket, closed };
}

describe('request deadlines on every server (headersTimeout / requestTimeout)', () => {
  let service: HttpService;
  const timeouts = { headersTimeoutMs: 300, requestTimeoutMs: 500 };

  beforeAll(async () => {
    const apollo = new ApolloServer({
      typeDefs: 'type Query { ok: Boolean }',
      resolvers: { Query: { ok: () => true } },
    });
    service = await createHttpService(
      {
        name: 'timeouts',
        apollo,
        logger: createLogger({ service: 'timeouts', level: 'silent' }),
        context: async () => ({}),
        ready: async () => {},
        timeouts,
      },
      { port: 0 },
    );
  });
  afterAll(async () => {
    await service?.close();
  });

  it('cuts off a slow-loris body with 408 once the request deadline passes', async () => {
    const { socket, closed } = rawClient(service.port);
    socket.write(
      'POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"q',
    );
    // Keep trickling one byte at a time, as a slow-loris client does, until the server hangs up.
    const drip = setInterval(() => socket.writable && socket.write(' '), 50);
    const { text, afterMs } = await closed;
    clearInterval(drip);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeGreaterThanOrEqual(timeouts.requestTimeoutMs - 50);
    expect(afterMs).toBeLessThan(5_000);
  });

  it('closes a connection whose headers never finish', async () => {
    const { socket, closed } = rawClient(service.port);
    socket.write('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n');
    const { text, afterMs } = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(5_000);
  });

  it('answers a prompt request normally', async () => {
    const res = await fetch(new URL('/healthz', service.url));
    expect(res.status).toBe(200);
  });
});

describe('httpTimeoutsFromEnv', () => {
  it('defaults both deadlines to 15 seconds', () => {
    expect(httpTimeoutsFromEnv({})).toEqual({ headersTimeoutMs: 15_000, requestTimeoutMs: 15_000 });
  });

  it('reads HTTP_HEADERS_TIMEOUT_MS and HTTP_REQUEST_TIMEOUT_MS', () => {
    expect(httpTimeoutsFromEnv({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '9000' })).toEqual({
      headersTimeoutMs: 2_000,
      requestTimeoutMs: 9_000,
    });
  });

  it('refuses a zero or non-numeric deadline naming the variable', () => {
    expect(() => httpTimeoutsFromEnv({ HTTP_REQUEST_TIMEOUT_MS: '0' })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
    expect(() => httpTimeoutsFromEnv({ HTTP_HEADERS_TIMEOUT_MS: 'soon' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });
});
