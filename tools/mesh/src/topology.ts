import { join } from 'node:path';
import type { MeshManifest } from '@fulfillment-mesh/runtime';

/** A service of the production topology: each subgraph and the gateway, each its own process. */
export interface ServiceEntry {
  name: string;
  /** The built entry point, relative to the repository root. */
  entry: string;
  port: number;
}

/**
 * Every service in start order (subgraphs first, the gateway last: it composes over them). A subgraph listens on
 * the port of its URL (`<SUBGRAPH>_URL`, loaded into the manifest, else the manifest's), the gateway on
 * `GATEWAY_PORT` or the manifest's.
 */
export function servicesOf(manifest: MeshManifest, env: NodeJS.ProcessEnv = {}): ServiceEntry[] {
  const portOf = (url: string, fallback: number) => Number(new URL(url).port) || fallback;
  return [
    ...manifest.subgraphs.map((s) => ({
      name: s.name,
      entry: join('subgraphs', s.name, 'dist', 'index.js'),
      port: portOf(s.url, s.port),
    })),
    {
      name: 'gateway',
      entry: join('gateway', 'dist', 'index.js'),
      port: Number(env.GATEWAY_PORT) || manifest.gateway.port,
    },
  ];
}

/**
 * The environment every service gets: `<SUBGRAPH>_URL` for each subgraph (subgraphs call each other's service
 * APIs, e.g. orders → inventory, so they need them as much as the gateway does), on top of `env`.
 */
export function serviceEnv(manifest: MeshManifest, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const urls = Object.fromEntries(
    manifest.subgraphs.map((s) => [`${s.name.toUpperCase()}_URL`, env[`${s.name.toUpperCase()}_URL`] ?? s.url]),
  );
  return { ...env, ...urls };
}
