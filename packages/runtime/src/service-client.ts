import { currentTraceContext, inSpan, SpanKind } from '@fulfillment-mesh/telemetry';
import {
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhen,
  retry,
  ExponentialBackoff,
  timeout,
  TimeoutStrategy,
  wrap,
  BrokenCircuitError,
  TaskCancelledError,
} from 'cockatiel';
import { DomainError, isDomainError } from './errors.js';
import type { MeshManifest } from './manifest.js';

/** Where the other services are: subgraph name → GraphQL URL (from the manifest, or test ports). */
export interface ServiceDirectory {
  url(name: string): string;
  /**
   * Headers every service-to-service call to `target` carries (the caller's signed service identity, bound to
   * the target), when the mesh requires one.
   */
  headers?(target?: string): Record<string, string>;
}

/** A directory over the manifest (with `<NAME>_URL` overrides already applied by `loadManifest`). */
export function manifestDirectory(manifest: MeshManifest): ServiceDirectory {
  return directoryOf(Object.fromEntries(manifest.subgraphs.map((s) => [s.name, s.url])));
}

/** A directory over a plain name → URL map. */
export function directoryOf(urls: Record<string, string>): ServiceDirectory {
  return {
    url(name) {
      const url = urls[name];
      if (!url) throw new Error(`no URL known for service "${name}"`);
      return url;
    },
  };
}

/** Options of {@link createServiceClient}. */
export interface ServiceClientOptions {
  /** The called service, named in errors. */
  service: string;
  url: string;
  /** Per-attempt timeout; default 2_000 // 2 seconds. */
  timeoutMs?: number;
  /** Attempts after the first; default 2. Only safe for idempotent operations (callers pass an idempotency key). */
  retries?: number;
  /** Consecutive failures that open the circuit; default 5. */
  breakAfter?: number;
  /** How long an open circuit refuses calls before a trial; default 10_000 // 10 seconds. */
  halfOpenAfterMs?: number;
  /** Adds headers to every call (request id, signed identity). */
  headers?: () => Record<string, string>;
}

/** A GraphQL response's error as another service sent it. */
interface RemoteError {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

/** Thrown for a transport failure worth retrying (network error, 5xx). */
class TransientError extends Error {}

/**
 * A resilient GraphQL client for service-to-service calls (orders → inventory, orders → catalog): a timeout
 * per attempt, retries with exponential backoff on transport failures only, and a circuit breaker so that a
 * dead dependency fails fast (UNAVAILABLE) instead of piling up requests. GraphQL errors from the callee keep
 * their code and message (they are answers, not failures, and are never retried).
 */
export function createServiceClient(options: ServiceClientOptions) {
  const attemptTimeout = timeout(options.timeoutMs ?? 2_000, TimeoutStrategy.Aggressive);
  const retryPolicy = retry(
    handleWhen((e) => e instanceof TransientError || e instanceof TaskCancelledError),
    {
      maxAttempts: options.retries ?? 2,
      backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }),
    },
  );
  const breaker = circuitBreaker(
    handleWhen((e) => e instanceof TransientError || e instanceof TaskCancelledError),
    {
      halfOpenAfter: options.halfOpenAfterMs ?? 10_000,
      breaker: new ConsecutiveBreaker(options.breakAfter ?? 5),
    },
  );
  const policy = wrap(breaker, retryPolicy, attemptTimeout);

  async function once<T>(query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<T> {
    let res: Response;
    try {
      // A CLIENT span per attempt; its `traceparent` makes the callee's server span its child.
      res = await inSpan(
        `call ${options.service}`,
        { kind: SpanKind.CLIENT, attributes: { 'fm.callee': options.service } },
        () =>
          fetch(options.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(options.headers?.() ?? {}), ...currentTraceContext() },
            body: JSON.stringify({ query, variables }),
            signal,
          }),
      );
    } catch (error) {
      throw new TransientError(`${options.service} unreachable: ${(error as Error).message}`);
    }
    if (res.status >= 500) throw new TransientError(`${options.service} answered ${res.status}`);
    const body = (await res.json()) as { data?: T; errors?: RemoteError[] };
    const first = body.errors?.[0];
    if (first) {
      const code = first.extensions?.code;
      const known =
        code === 'NOT_FOUND' ||
        code === 'INVALID_INPUT' ||
        code === 'CONFLICT' ||
        code === 'FORBIDDEN' ||
        code === 'UNAVAILABLE' ||
        code === 'UNAUTHENTICATED';
      const { code: _code, ...details } = first.extensions ?? {};
      throw new DomainError(
        known ? code : 'UNAVAILABLE',
        known ? first.message : `${options.service} failed: ${first.message}`,
        details,
      );
    }
    if (!body.data) throw new TransientError(`${options.service} answered without data`);
    return body.data;
  }

  return {
    /** Runs one operation; rejects with the callee's DomainError, or UNAVAILABLE when it cannot be reached. */
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      try {
        return await policy.execute(({ signal }) => once<T>(query, variables, signal));
      } catch (error) {
        if (isDomainError(error)) throw error;
        const reason =
          error instanceof BrokenCircuitError ? 'circuit open after repeated failures' : (error as Error).message;
        throw new DomainError('UNAVAILABLE', `The ${options.service} service is unavailable (${reason})`, {
          service: options.service,
        });
      }
    },
    /** Current breaker state, for health output. */
    state: () => breaker.state,
  };
}

/** A client built by {@link createServiceClient}. */
export type ServiceClient = ReturnType<typeof createServiceClient>;
