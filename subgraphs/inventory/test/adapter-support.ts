import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hmacSha256 } from '@fulfillment-mesh/connectors';
import type { RouteHandler } from '@fulfillment-mesh/runtime';

/** Secrets the adapter tests configure (never real ones). */
export const WMS_SECRET = 'test-wms-secret';
export const ERP_SECRET = 'test-erp-secret';

/** Serves adapter routes on a random local port, as the subgraph's HTTP host mounts them. */
export async function serveRoutes(routes: Record<string, RouteHandler>) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[url.pathname];
    if (!route) return void res.writeHead(404).end();
    void route(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    /** POSTs `body` (object → JSON) to `path`; `sign` adds a hex HMAC under that secret in `header`. */
    async post(
      path: string,
      body: unknown,
      options: { header?: string; secret?: string | null; signature?: string; contentType?: string } = {},
    ) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const headers: Record<string, string> = {
        'content-type': options.contentType ?? (typeof body === 'string' ? 'text/csv' : 'application/json'),
      };
      const header = options.header ?? 'x-wms-signature';
      if (options.signature !== undefined) headers[header] = options.signature;
      else if (options.secret !== null) headers[header] = hmacSha256(options.secret ?? WMS_SECRET, raw).toString('hex');
      const res = await fetch(base + path, { method: 'POST', headers, body: raw });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A WMS document with defaults: source wms:dc-east, observed at the harness clock's start. */
export function wmsDocument(
  sequence: number,
  adjustments: Record<string, unknown>[],
  overrides: Record<string, unknown> = {},
) {
  return { source: 'wms:dc-east', sequence, observedAt: '2026-11-26T11:59:00Z', adjustments, ...overrides };
}
