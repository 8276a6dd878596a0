import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import InMemoryLRUCache from '@graphql-mesh/cache-inmemory-lru';
import {
  createRedisUsageStore,
  createUsageRecorder,
  IDENTITY_HEADER,
  type RequestIdentity,
} from '@fulfillment-mesh/access';
import { createRedisEventBus } from '@fulfillment-mesh/events';
import { createLogger, loadManifest } from '@fulfillment-mesh/runtime';
import { createClient } from 'redis';
import { createGateway, createGatewayAccess, meshSubscriptions, readSupergraph } from '@fulfillment-mesh/gateway';
import { answerOrchestrator, config, identitySigner } from './shared.js';

/**
 * One gateway under test in its own process, over the same subgraph processes and supergraph:
 * `ours` / `ours-cached` (createGateway: access, plugins, read path; the entity cache off / on),
 * `apollo` (a bare @apollo/gateway in Apollo Server with its default fetcher), `hive` / `hive-cached` (Hive Gateway
 * 2.15 runtime, without / with its response cache). Peers sign the same identity header ours does, once per request.
 */
const cfg = config();
const peer = process.env.BENCH_PEER!;
const manifest = loadManifest();
const supergraphSdl = readSupergraph(manifest);
const logger = createLogger({ service: `gateway-${peer}`, level: 'warn' });
const sign = identitySigner(cfg);
let url = '';
let stop: () => Promise<void> = async () => {};

if (peer === 'ours' || peer === 'ours-cached' || peer === 'ours-usage') {
  const redis = createClient({ url: cfg.redisUrl });
  await redis.connect();
  const access = createGatewayAccess({
    identitySecret: cfg.identitySecret,
    redis: redis as never,
    redisPrefix: `${cfg.prefix}:access:`,
    rateLimit: false,
  });
  const bus = await createRedisEventBus({ url: cfg.redisUrl, prefix: cfg.prefix, logger });
  const gateway = createGateway({
    subgraphs: Object.entries(cfg.subgraphs).map(([name, u]) => ({ name, url: u })),
    supergraphSdl,
    logger,
    access,
    subscriptions: meshSubscriptions({ bus, root: manifest.root, access }),
    readPath: peer === 'ours-cached' ? {} : { entityCache: false },
    // `ours-usage` is `ours` with usage reporting on (issue 19): counts flushed to the bench's Redis.
    ...(peer === 'ours-usage'
      ? {
          usage: {
            recorder: createUsageRecorder({
              store: createRedisUsageStore({ redis: redis as never, prefix: `${cfg.prefix}:usage:` }),
            }),
          },
        }
      : {}),
  });
  const service = await gateway.serve({ port: 0, host: '127.0.0.1' });
  url = service.url;
  stop = async () => {
    const stats = gateway.readPathStats();
    process.send?.({ type: 'stats', stats });
    await service.close();
    await bus.close();
    await redis.quit();
  };
  process.on('message', (m: { type: string; id?: number }) => {
    if (m.type === 'stats') process.send!({ type: 'stats', id: m.id, stats: gateway.readPathStats() });
  });
} else if (peer === 'apollo') {
  const identities = new WeakMap<object, { id: string; identity: RequestIdentity }>();
  type Ctx = { requestId: string; role?: string | undefined };
  class Signing extends RemoteGraphQLDataSource<Ctx> {
    override willSendRequest({
      request,
      context,
    }: {
      request: { http?: { headers: { set(n: string, v: string): void } } };
      context: Partial<Ctx>;
    }) {
      if (!context.requestId) return;
      let entry = identities.get(context);
      if (!entry)
        identities.set(context, (entry = { id: context.requestId, identity: sign(context.requestId, context.role) }));
      request.http?.headers.set('x-request-id', entry.id);
      request.http?.headers.set(IDENTITY_HEADER, entry.identity.next());
    }
  }
  const apollo = new ApolloServer<Ctx>({
    gateway: new ApolloGateway({
      supergraphSdl,
      buildService: ({ name }) => new Signing({ url: cfg.subgraphs[name]! }),
    }),
    csrfPrevention: false,
  });
  const started = await startStandaloneServer(apollo, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ requestId: randomUUID(), role: req.headers['x-bench-as'] as string | undefined }),
  });
  url = started.url.endsWith('/') ? `${started.url}graphql` : started.url;
  stop = () => apollo.stop();
} else {
  // Hive reads subgraph URLs from the supergraph: point its join__graph entries at the benchmark's subgraphs.
  const sdl = supergraphSdl.replace(
    /join__graph\(name: "([a-z]+)", url: "[^"]*"\)/g,
    (_m, name: string) => `join__graph(name: "${name}", url: "${cfg.subgraphs[name]}")`,
  );
  const identities = new WeakMap<object, { id: string; identity: RequestIdentity }>();
  const runtime = createGatewayRuntime({
    supergraph: sdl,
    logging: false,
    landingPage: false,
    graphqlEndpoint: '/graphql',
    // The response cache as Hive documents it: in-memory LRU, one global session, the same 10 s as our availability.
    ...(peer === 'hive-cached'
      ? { cache: new InMemoryLRUCache(), responseCaching: { session: () => null, ttl: 10_000 } }
      : {}),
    plugins: () => [
      {
        onFetch({ options, setOptions, context }) {
          if (!context || !('request' in context)) return;
          let entry = identities.get(context);
          if (!entry) {
            const id = randomUUID();
            identities.set(
              context,
              (entry = { id, identity: sign(id, (context as { request: Request }).request.headers.get('x-bench-as')) }),
            );
          }
          const { id } = entry;
          setOptions({
            ...options,
            headers: {
              ...(options.headers as Record<string, string>),
              'x-request-id': id,
              [IDENTITY_HEADER]: entry.identity.next(),
            },
          });
        },
      },
    ],
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await runtime.dispose();
  };
}
answerOrchestrator(() => stop());
process.send!({ type: 'ready', url });
