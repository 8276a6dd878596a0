import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { sendJson, type RouteHandler } from '@fulfillment-mesh/runtime';
import sirv from 'sirv';
import type { GatewayAccess } from './access.js';

/** Where the console's built files are and whether browsers get the GraphQL IDE at GET /graphql. */
export interface ConsoleOptions {
  /** console/dist (built by `npm run build`); missing: /console answers 404 saying how to build it. */
  dir: string;
  /** Serve GraphiQL to browsers at /graphql; `npm start` and the gateway turn it off under NODE_ENV=production. */
  ide: boolean;
}

/**
 * No inline scripts, nothing from another origin. Styles allow inline because the component library sets its
 * CSS variables in a style element; WebSockets go back to this gateway only; the IDE's editor runs workers.
 */
export const CONSOLE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "font-src 'self' data:", "connect-src 'self'", "worker-src 'self' blob:", "object-src 'none'", "base-uri 'none'",
  "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

/** Hashed assets never change under their name: a year of caching (immutable); HTML is revalidated every time. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

/** True when the IDE is on: off under NODE_ENV=production unless FM_GRAPHQL_IDE=on; FM_GRAPHQL_IDE=off turns it off anywhere. */
export function ideEnabled(env: NodeJS.ProcessEnv): boolean {
  if (env.FM_GRAPHQL_IDE === 'on') return true;
  if (env.FM_GRAPHQL_IDE === 'off') return false;
  return env.NODE_ENV !== 'production';
}

/** The console's files next to the gateway in this repository (console/dist). */
export function consoleDir(root: string): string {
  return join(root, 'console', 'dist');
}

/**
 * Serves the console under /console (a single-page app: unknown paths get index.html) and, for a browser's
 * GET /graphql that prefers HTML, the IDE page. API clients (Accept JSON or GraphQL response) are untouched.
 */
export function consoleIntercept(options: ConsoleOptions) {
  const built = existsSync(join(options.dir, 'index.html'));
  const serve = sirv(options.dir, {
    dev: false,
    etag: true,
    single: true,
    setHeaders(res, pathname) {
      res.setHeader('content-security-policy', CONSOLE_CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? ASSET_CACHE : 'no-cache');
    },
  });
  const send = (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (!built) return sendJson(res, 404, { error: 'The console is not built; run `npm run build`' });
    req.url = path;
    serve(req, res, () => sendJson(res, 404, { error: `No console file ${path}` }));
  };
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname === '/console' || url.pathname.startsWith('/console/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'use GET' }), true;
      send(req, res, url.pathname.slice('/console'.length) || '/');
      return true;
    }
    if (options.ide && url.pathname === '/graphql' && req.method === 'GET' && prefersHtml(req) && !url.searchParams.has('query')) {
      send(req, res, '/ide.html');
      return true;
    }
    return false;
  };
}

/** A browser navigation: text/html is accepted and no GraphQL response type is asked for. */
function prefersHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !accept.includes('application/graphql-response+json') && !accept.includes('application/json');
}

/** GET /whoami: the caller's client (id, kind, scopes) as the gateway authenticated it; 401 for an unknown key. */
export function whoamiRoute(access: GatewayAccess): RouteHandler {
  return async (req, res) => {
    try {
      const { client } = await access.guard(req.headers, req.socket.remoteAddress);
      return sendJson(res, 200, { client: { id: client.id, kind: client.kind, scopes: client.scopes, anonymous: client.anonymous === true } });
    } catch (caught) {
      const status = (caught as { extensions?: { http?: { status?: number } } }).extensions?.http?.status ?? 401;
      return sendJson(res, status, { errors: [{ message: (caught as Error).message, extensions: { code: status === 429 ? 'RATE_LIMITED' : 'UNAUTHENTICATED' } }] });
    }
  };
}
