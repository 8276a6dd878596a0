import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';

/** A GraphQL service stand-in on 127.0.0.1 (random port), answering from `root` like a real subgraph would. */
export interface StandIn {
  url: string;
  /** Every operation received, in order: the root field and its variables. */
  calls: { field: string; variables: Record<string, unknown> }[];
  /** Delays every answer by this much (a slow service); 0 by default. */
  delayMs: number;
  close(): Promise<void>;
}

/** Starts a stand-in serving `sdl` with resolvers from `root` (graphql-js root value functions). */
export async function startStandIn(sdl: string, root: Record<string, (args: never) => unknown>): Promise<StandIn> {
  const schema = buildSchema(sdl);
  const timers = new Set<NodeJS.Timeout>();
  const standIn: StandIn = { url: '', calls: [], delayMs: 0, close: () => Promise.resolve() };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const { query, variables = {} } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      standIn.calls.push({ field: /\{\s*(\w+)/.exec(query.slice(query.indexOf('{')))?.[1] ?? '?', variables });
      const answer = async () => {
        const result = await graphql({ schema, source: query, rootValue: root, variableValues: variables });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      };
      if (standIn.delayMs === 0) return void answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        void answer().catch(() => undefined);
      }, standIn.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  standIn.close = () =>
    new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return standIn;
}

/** The URL of a port nothing listens on (a service that is down). */
export async function deadUrl(): Promise<string> {
  const standIn = await startStandIn('type Query { ok: Boolean }', {});
  await standIn.close();
  return standIn.url;
}
