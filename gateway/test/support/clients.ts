import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';

/** A promise with its resolve and reject exposed. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Polls `probe` (server-side state, e.g. metrics) until it holds; fails with `message` after `timeoutMs`. */
export async function waitFor(probe: () => boolean, message: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs}ms waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A GraphQL result as a client receives it. */
export interface Received {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Results of one subscription, with a way to wait for the n-th. */
export interface Collector {
  readonly results: Received[];
  /** Resolves once `count` results arrived (with all of them). */
  until(count: number): Promise<Received[]>;
  /** Resolves when the subscription completes; rejects on a subscription error. */
  readonly done: Promise<void>;
  unsubscribe(): void;
}

type Subscribe = (
  payload: { query: string; variables?: Record<string, unknown> },
  sink: { next(value: Received): void; error(error: unknown): void; complete(): void },
) => () => void;

function collect(subscribe: Subscribe, query: string, variables?: Record<string, unknown>): Collector {
  const results: Received[] = [];
  const done = deferred();
  let waiting: { count: number; resolve: (r: Received[]) => void }[] = [];
  const unsubscribe = subscribe(
    { query, ...(variables ? { variables } : {}) },
    {
      next(value) {
        results.push(value);
        waiting = waiting.filter((w) => (results.length >= w.count ? (w.resolve([...results]), false) : true));
      },
      error: (error) => done.reject(error),
      complete: () => done.resolve(),
    },
  );
  done.promise.catch(() => {});
  return {
    results,
    until(count) {
      if (results.length >= count) return Promise.resolve([...results]);
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
    done: done.promise,
    unsubscribe,
  };
}

/** A graphql-ws client (the real one, over `ws`) that does not retry, so failures surface in tests. */
export function wsClient(
  url: string,
  options: Partial<ClientOptions> = {},
): WsClient & { collect(query: string, variables?: Record<string, unknown>): Collector } {
  const client = createWsClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, ...options });
  return Object.assign(client, {
    collect: (query: string, variables?: Record<string, unknown>) =>
      collect((p, s) => client.subscribe(p, s), query, variables),
  });
}

/** A graphql-sse client in distinct-connections mode (its default). */
export function sseClient(
  url: string,
  headers: Record<string, string> = {},
): SseClient & { collect(query: string, variables?: Record<string, unknown>): Collector } {
  const client = createSseClient({ url, retryAttempts: 0, headers });
  return Object.assign(client, {
    collect: (query: string, variables?: Record<string, unknown>) =>
      collect((p, s) => client.subscribe(p, s), query, variables),
  });
}
