import { describe, expect, it } from 'vitest';
import type { Logger } from '@fulfillment-mesh/runtime';
import { hexHmacVerifier, hmacSha256, notConfiguredRoute } from '../src/index.js';
import { listen } from './support.js';

const body = Buffer.from('{"sku":"A","qty":3}');
const hex = (secret: string) => hmacSha256(secret, body).toString('hex');

describe('hex HMAC-SHA256 signatures', () => {
  it('verifies a hex digest (either case) of the raw body, and signs with the header as named', () => {
    const verifier = hexHmacVerifier('wms', 'X-WMS-Signature', 's3cret');
    expect(verifier.sign(body)).toEqual({ 'X-WMS-Signature': hex('s3cret') });
    expect(verifier.verify(body, { 'x-wms-signature': hex('s3cret') })).toEqual({ ok: true });
    expect(verifier.verify(body, { 'x-wms-signature': hex('s3cret').toUpperCase() })).toEqual({ ok: true });
  });

  it('refuses a missing, malformed or wrongly keyed signature', () => {
    const verifier = hexHmacVerifier('wms', 'X-WMS-Signature', 's3cret');
    expect(verifier.verify(body, {})).toEqual({ ok: false, reason: 'missing X-WMS-Signature header' });
    expect(verifier.verify(body, { 'x-wms-signature': 'abc' })).toEqual({
      ok: false,
      reason: 'malformed X-WMS-Signature header',
    });
    expect(verifier.verify(body, { 'x-wms-signature': `sha256=${hex('s3cret')}` })).toEqual({
      ok: false,
      reason: 'malformed X-WMS-Signature header',
    });
    expect(verifier.verify(body, { 'x-wms-signature': hex('other') })).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
  });

  it('accepts a configured prefix, and every secret of a rotation', () => {
    const verifier = hexHmacVerifier('edi', 'X-EDI-Signature', ['new', 'old'], { prefix: 'sha256=' });
    expect(verifier.verify(body, { 'x-edi-signature': `SHA256=${hex('old')}` })).toEqual({ ok: true });
    expect(verifier.verify(body, { 'x-edi-signature': hex('new') })).toEqual({ ok: true });
    expect(() => hexHmacVerifier('edi', 'X-EDI-Signature', [])).toThrow(/non-empty/);
  });
});

describe('not-configured route', () => {
  const recorder = () => {
    const warnings: unknown[][] = [];
    return { warnings, logger: { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger };
  };

  it('answers 503 "adapter not configured" and warns once, on the first request', async () => {
    const { warnings, logger } = recorder();
    const server = await listen(
      notConfiguredRoute('wms', logger, {
        warn: { fields: { adapter: 'wms' }, message: 'set WMS_SECRET' },
        retryAfterSeconds: 60,
        drainBody: true,
      }),
    );
    try {
      expect(warnings).toEqual([]);
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${server.url}/`, { method: 'POST', body: '{}' });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('60');
        expect(await res.json()).toEqual({ error: 'adapter not configured', adapter: 'wms' });
      }
      expect(warnings).toEqual([[{ adapter: 'wms' }, 'set WMS_SECRET']]);
    } finally {
      await server.close();
    }
  });

  it('can warn at creation and leave the adapter out of the body', async () => {
    const { warnings, logger } = recorder();
    const server = await listen(
      notConfiguredRoute('pim', logger, {
        warn: { fields: {}, message: 'set PIM_SECRET' },
        logAt: 'creation',
        nameInBody: false,
      }),
    );
    try {
      expect(warnings).toHaveLength(1);
      const res = await fetch(`${server.url}/`, { method: 'POST', body: '{}' });
      expect(res.headers.get('retry-after')).toBeNull();
      expect(await res.json()).toEqual({ error: 'adapter not configured' });
      expect(warnings).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
