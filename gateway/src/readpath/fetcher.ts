import { Agent, request } from 'undici';

/** What Apollo's RemoteGraphQLDataSource calls as `fetcher`: (url, init) → a fetch-like response. */
export type SubgraphFetcher = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<FetcherResponse>;

/** Options of {@link createUndiciFetcher}; the defaults suit subgraphs on the same network. */
export interface UndiciFetcherOptions {
  /** Keep-alive connections per subgraph origin; default 64 connections. */
  connections?: number;
  /** How long an idle keep-alive socket stays open; default 30_000 // 30 seconds. */
  keepAliveTimeoutMs?: number;
  /** Time to the response headers before the fetch fails; default 30_000 // 30 seconds. */
  headersTimeoutMs?: number;
  /** Time between body chunks before the fetch fails; default 30_000 // 30 seconds. */
  bodyTimeoutMs?: number;
}

/** The few parts of a WHATWG `Response` the data source reads (status, headers, body as JSON or text). */
export class FetcherResponse {
  readonly ok: boolean;
  readonly statusText = '';
  readonly headers: { get(name: string): string | null; has(name: string): boolean };

  constructor(
    readonly url: string,
    readonly status: number,
    raw: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get: (name) => {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
      has: (name) => raw[name.toLowerCase()] !== undefined,
    };
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async text(): Promise<string> {
    return this.body;
  }
}

/**
 * A subgraph fetcher on undici's keep-alive pool. Apollo's default (make-fetch-happen) builds an agent, an Error
 * stack and a node-fetch Request per call, about a third of the gateway's CPU per request; undici reuses sockets
 * and parses the response in place. Bodies are read whole: subgraph responses are JSON documents, not streams.
 */
export function createUndiciFetcher(options: UndiciFetcherOptions = {}): SubgraphFetcher & { close(): Promise<void> } {
  const agent = new Agent({
    connections: options.connections ?? 64, // per origin
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000, // 30 seconds
    headersTimeout: options.headersTimeoutMs ?? 30_000, // 30 seconds
    bodyTimeout: options.bodyTimeoutMs ?? 30_000, // 30 seconds
  });
  const fetcher = async (
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) => {
    const response = await request(url, {
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      headers: init.headers ?? {},
      body: init.body ?? null,
      dispatcher: agent,
    });
    return new FetcherResponse(url, response.statusCode, response.headers, await response.body.text());
  };
  return Object.assign(fetcher, { close: () => agent.close() });
}
