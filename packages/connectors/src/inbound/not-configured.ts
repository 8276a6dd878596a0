import { sendJson, type Logger, type RouteHandler } from '@fulfillment-mesh/runtime';

/** Options of {@link notConfiguredRoute}. */
export interface NotConfiguredRouteOptions {
  /** The operator's warning: logged once — on the first request (default) or when the route is created. */
  warn: { fields: Record<string, unknown>; message: string };
  /** When to log the warning; default `'first-request'`. */
  logAt?: 'first-request' | 'creation';
  /** `retry-after` (seconds) on the 503; default none. */
  retryAfterSeconds?: number;
  /** Drain the request body before answering; default false. */
  drainBody?: boolean;
  /** Name the adapter in the 503 body; default true. */
  nameInBody?: boolean;
}

/**
 * The route of an adapter whose configuration (a secret) is missing: 503 "adapter not configured", so the sender
 * retries and nothing is lost once it is configured; the operator is told once, not on every delivery.
 */
export function notConfiguredRoute(adapter: string, logger: Logger, options: NotConfiguredRouteOptions): RouteHandler {
  const { warn, logAt = 'first-request', retryAfterSeconds, drainBody = false, nameInBody = true } = options;
  let logged = false;
  const logOnce = (): void => {
    if (logged) return;
    logged = true;
    logger.warn(warn.fields, warn.message);
  };
  if (logAt === 'creation') logOnce();
  return (req, res) => {
    if (drainBody) req.resume();
    logOnce();
    if (retryAfterSeconds !== undefined) res.setHeader('retry-after', String(retryAfterSeconds));
    sendJson(res, 503, nameInBody ? { error: 'adapter not configured', adapter } : { error: 'adapter not configured' });
  };
}
