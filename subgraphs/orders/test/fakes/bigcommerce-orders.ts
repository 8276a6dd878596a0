import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, as sent. */
export interface RecordedBigCommerceRequest {
  method: string;
  path: string;
  authToken: string | undefined;
  accept: string | undefined;
}

/** What the fake answers for one order: the v2 order, its products and shipping addresses (JSON as BigCommerce sends). */
export interface FakeBigCommerceOrder {
  order: Record<string, unknown>;
  products: Record<string, unknown>[];
  shippingAddresses: Record<string, unknown>[];
}

/**
 * A local stand-in for BigCommerce's v2 Orders API on 127.0.0.1:0: `GET /stores/{hash}/v2/orders/{id}`,
 * `…/products` and `…/shipping_addresses`, answered from `orders` for the store `storeHash` when
 * `X-Auth-Token` equals `token` (else 401, as BigCommerce does). `failNext(status, body)` makes the next
 * request answer that instead. Every request is recorded in `requests`.
 */
export async function startFakeBigCommerceOrders(setup: { storeHash: string; token: string }) {
  const orders = new Map<string, FakeBigCommerceOrder>();
  const requests: RecordedBigCommerceRequest[] = [];
  const failures: { status: number; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    requests.push({ method: req.method ?? '', path, authToken: header('x-auth-token'), accept: header('accept') });
    const send = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const failure = failures.shift();
    if (failure) return send(failure.status, failure.body);
    if (header('x-auth-token') !== setup.token) return send(401, [{ status: 401, message: 'Unauthorized' }]);
    const match = /^\/stores\/([^/]+)\/v2\/orders\/([^/?]+)(\/products|\/shipping_addresses)?$/.exec(path);
    if (req.method !== 'GET' || !match || match[1] !== setup.storeHash)
      return send(404, [{ status: 404, message: 'The requested resource was not found.' }]);
    const found = orders.get(decodeURIComponent(match[2]!));
    if (!found) return send(404, [{ status: 404, message: 'The requested resource was not found.' }]);
    if (match[3] === '/products') return send(200, found.products);
    if (match[3] === '/shipping_addresses') return send(200, found.shippingAddresses);
    return send(200, found.order);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    orders,
    requests,
    failNext: (status: number, body = '') => void failures.push({ status, body }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
