import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, exactly as sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `body` parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** The fake's answer to one request. */
export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Answers a request; `calls` counts earlier requests on the same route (0 for the first). */
export type FakeRoute = (request: RecordedRequest, calls: number) => FakeAnswer | Promise<FakeAnswer>;

/**
 * A channel's fulfillment API as a real HTTP server on 127.0.0.1 (random port): every request is recorded
 * (method, path, headers, raw body) and answered by the route table, keyed `METHOD /path`; for GraphQL
 * endpoints the key may name the operation: `POST /graphql FulfillmentCreate`. Unknown routes answer 404.
 */
export async function startChannelFulfillmentFake(routes: Record<string, FakeRoute>) {
  const requests: RecordedRequest[] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const path = (req.url ?? '/').split('?')[0]!;
        const request: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, json };
        requests.push(request);
        const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(
          (json as { query?: string } | undefined)?.query ?? '',
        )?.[1];
        const key = [`${request.method} ${path} ${operation}`, `${request.method} ${path}`].find((k) => routes[k]);
        const route = key ? routes[key] : undefined;
        const calls = key ? (counts.get(key) ?? 0) : 0;
        if (key) counts.set(key, calls + 1);
        const answer: FakeAnswer = route ? await route(request, calls) : { status: 404, body: { errors: 'Not Found' } };
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** The recorded GraphQL operations, by operation name. */
    operations: (name: string) =>
      requests.filter((r) =>
        new RegExp(`^\\s*(?:query|mutation)\\s+${name}\\b`).test((r.json as { query?: string })?.query ?? ''),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
