import {
  createServiceClient,
  type ServiceClient,
  type ServiceClientOptions,
  type ServiceDirectory,
} from '@fulfillment-mesh/runtime';

/** Resilience settings of one service client (see `createServiceClient` for the defaults). */
export type ClientSettings = Omit<ServiceClientOptions, 'service' | 'url'>;

/**
 * A service client built on first use: the directory may only know a service's URL once it listens (the
 * all-in-one mesh starts subgraphs one by one). Built once, so the circuit breaker keeps its memory.
 */
export function lazyClient(services: ServiceDirectory, service: string, settings: ClientSettings): () => ServiceClient {
  let client: ServiceClient | undefined;
  const headers = settings.headers ?? (services.headers ? () => services.headers!(service) : undefined);
  return () =>
    (client ??= createServiceClient({
      ...settings,
      ...(headers ? { headers } : {}),
      service,
      url: services.url(service),
    }));
}
