import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { currentTraceContext, inSpan, SpanKind, SpanStatusCode } from '@fulfillment-mesh/telemetry';
import type { Histogram } from 'prom-client';
import { IDENTITY_HEADER, signRequestIdentity, type Client, type RequestIdentity } from '@fulfillment-mesh/access';
import { DomainError, isDomainError } from '@fulfillment-mesh/runtime';
import type { GatewayContext } from './context.js';
import type { SubgraphFetcher } from './readpath/fetcher.js';
import { unavailableResponse } from './unavailable.js';

/**
 * How the gateway talks to one subgraph: forwards the request id (so logs line up across services), signs the
 * verified caller into `x-fm-identity` (subgraphs refuse requests without it), and turns a subgraph that cannot
 * be reached into UNAVAILABLE errors naming it (`extensions.serviceName`) at the paths it was to fill, so that the
 * rest of the answer still arrives (see unavailable.ts), instead of a masked 500 for the whole request.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly identitySecret?: string,
    private readonly fetchDuration?: Histogram<'subgraph' | 'status'>,
    fetcher?: SubgraphFetcher,
  ) {
    // The read path's undici keep-alive fetcher replaces make-fetch-happen (see readpath/fetcher.ts).
    super({ url, ...(fetcher ? { fetcher: fetcher as never } : {}) });
  }

  /**
   * One subgraph fetch: a CLIENT span (operation, subgraph, status) whose context goes out as `traceparent`, and
   * `fm_subgraph_fetch_duration_seconds`. Wrapped around `process`, not the HTTP fetcher, so any fetcher keeps it.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const started = process.hrtime.bigint();
    let status = 'error';
    try {
      const operation = options.request.operationName ?? 'anonymous';
      const attributes = {
        'fm.subgraph': this.subgraphName,
        'graphql.operation.name': operation,
        'server.address': this.url ?? '',
      };
      return await inSpan(`fetch ${this.subgraphName}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        const response = await super.process(options).catch((error: unknown) => {
          // Health checks and schema loads have no client response to fill: they keep the thrown error.
          if (!isDomainError(error) || error.code !== 'UNAVAILABLE' || !('incomingRequestContext' in options))
            throw error;
          return unavailableResponse(
            this.subgraphName,
            error.message,
            options.document ?? options.request.query!,
            options.request.variables,
          );
        });
        status = response.errors?.length ? 'graphql_error' : 'ok';
        span.setAttribute('fm.fetch.status', status);
        if (response.errors?.length)
          span.setStatus({ code: SpanStatusCode.ERROR, message: response.errors[0]?.message ?? 'error' });
        return response;
      });
    } finally {
      this.fetchDuration?.observe(
        { subgraph: this.subgraphName, status },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const requestId = context.requestId;
    if (requestId) request.http?.headers.set('x-request-id', requestId);
    // Runs inside the fetch span of process(): the subgraph's server span becomes its child.
    for (const [name, value] of Object.entries(currentTraceContext())) request.http?.headers.set(name, value);
    if (this.identitySecret && context.client && requestId) {
      // Bound to this subgraph: a header captured on its way here is refused by every other subgraph.
      const identity = identityOf(context, context.client, requestId, this.identitySecret);
      request.http?.headers.set(IDENTITY_HEADER, identity.next(this.subgraphName));
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

// Identity forwarding (tenant isolation, issue 12/16): the identity is serialised and signed once per gateway
// request, kept with the request's context; every subgraph fetch only adds its counter and a short MAC.
const signedIdentities = new WeakMap<object, RequestIdentity>();

function identityOf(context: object, client: Client, requestId: string, secret: string): RequestIdentity {
  let identity = signedIdentities.get(context);
  if (!identity) signedIdentities.set(context, (identity = signRequestIdentity(client, { secret, requestId })));
  return identity;
}
