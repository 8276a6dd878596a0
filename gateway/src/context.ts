import type { BaseContext } from '@apollo/server';
import type { Client, RateLimitResult } from '@fulfillment-mesh/access';
import type { Logger } from '@fulfillment-mesh/runtime';

/** Per-request context of the gateway. */
export interface GatewayContext extends BaseContext {
  requestId: string;
  logger: Logger;
  /** The authenticated caller (absent only when the gateway runs without access control, in unit tests). */
  client?: Client;
  /** The caller's rate-limit state after this request, for the RateLimit headers. */
  rateLimit?: RateLimitResult;
}
