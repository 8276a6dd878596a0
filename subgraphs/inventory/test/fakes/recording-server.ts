import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (or the raw text when it is not JSON; null when empty). */
  body: unknown;
  /** Milliseconds since the epoch when it arrived. */
  at: number;
}

/** What a route answers: status, JSON body and extra headers. */
export interface FakeAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route: gets the request, answers (or returns undefined to let the next matching route answer). */
export type FakeRoute = (request: RecordedRequest) => FakeAnswer | undefined | Promise<FakeAnswer | undefined>;

/** A local fake of a remote API: a real HTTP server on 127.0.0.1 recording every request. */
export interface RecordingServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /**
   * Adds a route for `method` and a path (exact string or RegExp). Routes added later are tried first, so a test
   * can override a default (a 429, a 500) or add an endpoint (another helper's `fulfillmentCreate`) without editing
   * the fake's file. Returns a function removing the route.
   */
  route(method: string, path: string | RegExp, handler: FakeRoute): () => void;
  /** Resolves with the requests once `predicate` holds for them (bounded wait, no sleeps). */
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/** Starts a recording server on a random port; unknown routes answer 404 `{ errors: "no fake route" }`. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const routes: { method: string; path: string | RegExp; handler: FakeRoute }[] = [];
  const watchers = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      let body: unknown = null;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        at: Date.now(),
      };
      requests.push(recorded);
      void answer(recorded, res).finally(() => {
        for (const watcher of watchers) watcher();
      });
    });
  });

  async function answer(request: RecordedRequest, res: ServerResponse) {
    for (const route of [...routes].reverse()) {
      if (route.method !== request.method) continue;
      const matches = typeof route.path === 'string' ? route.path === request.path : route.path.test(request.path);
      if (!matches) continue;
      const result = await route.handler(request);
      if (!result) continue;
      res.writeHead(result.status ?? 200, { 'content-type': 'application/json', ...result.headers });
      res.end(result.body === undefined ? '' : JSON.stringify(result.body));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: 'no fake route' }));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(method, path, handler) {
      const entry = { method: method.toUpperCase(), path, handler };
      routes.push(entry);
      return () => void routes.splice(routes.indexOf(entry), 1);
    },
    waitFor(predicate, timeoutMs = 10_000) {
      if (predicate(requests)) return Promise.resolve(requests);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(requests)) return;
          cleanup();
          resolve(requests);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake: condition not met after ${timeoutMs} ms (${requests.length} requests)`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
