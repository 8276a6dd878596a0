import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, signIdentity } from '@fulfillment-mesh/access';
import { DomainError } from '@fulfillment-mesh/runtime';
import type { GatewayContext } from './context.js';
import type { SubgraphFetcher } from './readpath/fetcher.js';

/**
 * How the gateway talks to one subgraph: forwards the request id (so logs line up across services), signs the
 * verified caller into `x-fm-identity` (subgraphs refuse requests without it), and turns a subgraph that cannot
 * be reached into an UNAVAILABLE error naming it, instead of a masked 500.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly identitySecret?: string,
    fetcher?: SubgraphFetcher,
  ) {
    // The read path's undici keep-alive fetcher replaces make-fetch-happen (see readpath/fetcher.ts).
    super({ url, ...(fetcher ? { fetcher: fetcher as never } : {}) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const requestId = context.requestId;
    if (requestId) request.http?.headers.set('x-request-id', requestId);
    if (this.identitySecret && context.client && requestId) {
      request.http?.headers.set(IDENTITY_HEADER, signIdentity(context.client, { secret: this.identitySecret, requestId }));
    }
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
