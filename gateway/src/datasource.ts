import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { DomainError } from '@fulfillment-mesh/runtime';
import type { GatewayContext } from './context.js';

/**
 * How the gateway talks to one subgraph: forwards the request id (so logs line up across services) and
 * turns a subgraph that cannot be reached into an UNAVAILABLE error naming it, instead of a masked 500.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraphName: string, url: string) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status?: number }): void {
    if (!response || (response.status ?? 0) >= 502) {
      throw new DomainError('UNAVAILABLE', `The ${this.subgraphName} service is unavailable; try again shortly`, {
        service: this.subgraphName,
      });
    }
    throw error;
  }
}
