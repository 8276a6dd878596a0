import { notConfiguredRoute } from '@fulfillment-mesh/connectors';
import type { Logger, RouteHandler } from '@fulfillment-mesh/runtime';

/** The route of an adapter whose configuration is missing: 503 "adapter not configured", logged once. */
export function notConfigured(adapter: string, missing: string, logger: Logger): RouteHandler {
  return notConfiguredRoute(adapter, logger, {
    warn: {
      fields: { adapter, missing },
      message: `inventory adapter ${adapter} is not configured (${missing}); answering 503`,
    },
  });
}
