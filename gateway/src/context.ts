import type { BaseContext } from '@apollo/server';
import type { Logger } from '@fulfillment-mesh/runtime';

/** Per-request context of the gateway. */
export interface GatewayContext extends BaseContext {
  requestId: string;
  logger: Logger;
}
