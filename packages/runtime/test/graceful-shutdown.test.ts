import { ApolloServer } from '@apollo/server';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { createHttpService } from '../src/index.js';

it('on close turns /readyz 503 at once, finishes the request in flight and refuses new connections', async () => {
  let release: () => void = () => undefined;
  let arrived: () => void = () => undefined;
  const inFlight = new Promise<void>((resolve) => (arrived = resolve));
  const service = await createHttpService(
    {
      name: 'test',
      apollo: new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } }),
      logger: pino({ level: 'silent' }),
      context: async () => ({}),
      ready: async () => undefined,
      drainTimeoutMs: 5_000,
      routes: {
        '/slow': (_req, res) => {
          arrived();
          void new Promise<void>((resolve) => (release = resolve)).then(() => res.end('done'));
        },
      },
    },
    { port: 0 },
  );
  const origin = new URL(service.url).origin;
  const slow = fetch(`${origin}/slow`).then((res) => res.text());
  await inFlight;

  service.drain();
  expect((await fetch(`${origin}/readyz`)).status).toBe(503);
  const closed = service.close();
  await expect(fetch(`${origin}/healthz`, { headers: { connection: 'close' } })).rejects.toThrow();
  release();
  expect(await slow).toBe('done');
  await closed;
});
