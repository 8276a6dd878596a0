import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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
 * The console's page: no inline scripts, nothing from another origin, and no inline styles except `<style>`
 * elements carrying this response's nonce (the component library writes its CSS variables and responsive style
 * props into such elements and reads the nonce from the page's `<meta property="csp-nonce">`). WebSockets go back
 * to this gateway only.
 */
export function consoleCsp(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The GraphQL IDE's page (and every static file): as strict, but styles may be inline, because its editor (Monaco)
 * injects `<style>` elements and style attributes without a nonce; its editor runs workers from blob: URLs.
 */
export const IDE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** What console/vite.config.ts writes as the nonce (html.cspNonce); replaced by a fresh nonce per response. */
export const NONCE_PLACEHOLDER = 'FM_CSP_NONCE';

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
  const indexFile = join(options.dir, 'index.html');
  const built = existsSync(indexFile);
  // Split once at the placeholder; each response joins the parts with its own nonce.
  const page = built ? readFileSync(indexFile, 'utf8').split(NONCE_PLACEHOLDER) : [];
  const serve = sirv(options.dir, {
    dev: false,
    etag: true,
    single: false,
    // console/vite.config.ts writes .br and .gz next to each asset; browsers that accept them get those.
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      res.setHeader('content-security-policy', IDE_CSP);
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
  // The single-page app: every path that is not a built file gets index.html with a fresh nonce (never cached).
  const sendPage = (req: IncomingMessage, res: ServerResponse) => {
    if (!built) return sendJson(res, 404, { error: 'The console is not built; run `npm run build`' });
    const nonce = randomBytes(16).toString('base64');
    const body = page.join(nonce);
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(body));
    res.setHeader('content-security-policy', consoleCsp(nonce));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'no-cache');
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname === '/console' || url.pathname.startsWith('/console/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return (sendJson(res, 405, { error: 'use GET' }), true);
      const path = url.pathname.slice('/console'.length) || '/';
      if (path.startsWith('/assets/') || path === '/ide.html') send(req, res, path);
      else sendPage(req, res);
      return true;
    }
    if (
      options.ide &&
      url.pathname === '/graphql' &&
      req.method === 'GET' &&
      prefersHtml(req) &&
      !url.searchParams.has('query')
    ) {
      send(req, res, '/ide.html');
      return true;
    }
    return false;
  };
}

/** A browser navigation: text/html is accepted and no GraphQL response type is asked for. */
function prefersHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return (
    accept.includes('text/html') &&
    !accept.includes('application/graphql-response+json') &&
    !accept.includes('application/json')
  );
}

/** GET /whoami: the caller's client (id, kind, scopes) as the gateway authenticated it; 401 for an unknown key. */
export function whoamiRoute(access: GatewayAccess): RouteHandler {
  return async (req, res) => {
    try {
      const { client } = await access.guard(req.headers, req.socket.remoteAddress);
      return sendJson(res, 200, {
        client: { id: client.id, kind: client.kind, scopes: client.scopes, anonymous: client.anonymous === true },
      });
    } catch (caught) {
      const status = (caught as { extensions?: { http?: { status?: number } } }).extensions?.http?.status ?? 401;
      return sendJson(res, status, {
        errors: [
          {
            message: (caught as Error).message,
            extensions: { code: status === 429 ? 'RATE_LIMITED' : 'UNAUTHENTICATED' },
          },
        ],
      });
    }
  };
}
