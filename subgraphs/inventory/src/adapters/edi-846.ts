import { createHash, timingSafeEqual } from 'node:crypto';
import type { ConnectorMetrics } from '@fulfillment-mesh/connectors';
import { sendJson, type Logger, type RouteHandler } from '@fulfillment-mesh/runtime';
import type { EdiPartner, InventoryAdviceService } from './inventory-advice.js';

/** What the 846 endpoint needs. */
export interface Edi846Deps {
  advice: InventoryAdviceService;
  partners: readonly (EdiPartner & { token: string })[];
  metrics: ConnectorMetrics;
  logger: Logger;
}

/**
 * `GET /edi/846?partner=<id>` with `Authorization: Bearer <the partner's token>`: an 846 interchange of the
 * partner's current channel ATP (`application/edi-x12`). Each call consumes control numbers, so partners see
 * every interchange they fetched in sequence. An unknown partner and a wrong token are both 401, so the
 * endpoint does not reveal which partners exist.
 */
export function createEdi846Route(deps: Edi846Deps): RouteHandler {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return async (req, res, url) => {
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return sendJson(res, 405, { error: `Method ${req.method} is not allowed; use GET` });
    }
    const partner = deps.partners.find((p) => p.id === url.searchParams.get('partner'));
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? '';
    // Digests have equal length, so the comparison is constant-time whatever the token's length.
    if (!partner || !timingSafeEqual(digest(token), digest(partner.token))) {
      deps.metrics.increment('unauthorized');
      return sendJson(res, 401, { error: 'unknown partner or invalid token' });
    }
    try {
      const interchange = await deps.advice.build(partner);
      deps.metrics.increment('sent');
      res.writeHead(200, {
        'content-type': 'application/edi-x12; charset=utf-8',
        'x-interchange-control-number': interchange.interchangeControlNumber,
      });
      res.end(interchange.text);
    } catch (error) {
      deps.metrics.increment('failed');
      deps.logger.error({ connector: 'edi-846', partner: partner.id, err: error }, '846 generation failed');
      sendJson(res, 503, { error: 'temporarily unable to build the inventory advice; retry later' });
    }
  };
}
