import { describe, expect, it } from 'vitest';
import { easyPostVerifier, hmacSha256, isWooCommercePing, shopifyVerifier, wooCommerceVerifier } from '../src/index.js';
import { hasSharedFixtures, needsShared, sharedFixture } from './support.js';

const body = Buffer.from('{"id":5463658123456789012,"total":"10.00"}');

describe('Shopify signatures', () => {
  it.skipIf(!hasSharedFixtures)(`verifies Shopify's published golden vector${needsShared}`, () => {
    const vector = JSON.parse(sharedFixture('shopify/webhook-hmac-vector.json')) as {
      secret: string;
      rawBody: string;
      expectedHeader: string;
    };
    const verifier = shopifyVerifier(vector.secret);
    expect(verifier.verify(Buffer.from(vector.rawBody), { 'x-shopify-hmac-sha256': vector.expectedHeader })).toEqual({
      ok: true,
    });
    expect(verifier.sign(vector.rawBody)).toEqual({ 'x-shopify-hmac-sha256': vector.expectedHeader });
  });

  it('verifies a base64 HMAC-SHA256 of the raw body', () => {
    const header = hmacSha256('s3cret', body).toString('base64');
    expect(shopifyVerifier('s3cret').verify(body, { 'x-shopify-hmac-sha256': header })).toEqual({ ok: true });
  });

  it('refuses a body changed after signing, even only by re-serialisation', () => {
    const verifier = shopifyVerifier('s3cret');
    const headers = verifier.sign(body);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()))); // the big id loses precision
    expect(verifier.verify(reserialised, headers)).toEqual({ ok: false, reason: 'signature mismatch' });
  });

  it('refuses a missing, malformed or wrongly keyed signature', () => {
    const verifier = shopifyVerifier('s3cret');
    expect(verifier.verify(body, {})).toEqual({ ok: false, reason: 'missing x-shopify-hmac-sha256 header' });
    expect(verifier.verify(body, { 'x-shopify-hmac-sha256': 'not base64!' })).toEqual({
      ok: false,
      reason: 'malformed x-shopify-hmac-sha256 header',
    });
    expect(verifier.verify(body, { 'x-shopify-hmac-sha256': Buffer.alloc(16).toString('base64') })).toEqual({
      ok: false,
      reason: 'malformed x-shopify-hmac-sha256 header',
    });
    expect(verifier.verify(body, shopifyVerifier('other').sign(body))).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
  });

  it('accepts either secret during a rotation', () => {
    const verifier = shopifyVerifier(['new', 'old']);
    expect(verifier.verify(body, shopifyVerifier('old').sign(body)).ok).toBe(true);
    expect(verifier.verify(body, shopifyVerifier('new').sign(body)).ok).toBe(true);
  });

  it('refuses to start without a secret', () => {
    expect(() => shopifyVerifier('')).toThrow('shopify: a non-empty webhook secret is required');
  });
});

describe('WooCommerce signatures', () => {
  it('verifies X-WC-Webhook-Signature (base64 HMAC-SHA256)', () => {
    const header = hmacSha256('wc-secret', body).toString('base64');
    expect(wooCommerceVerifier('wc-secret').verify(body, { 'x-wc-webhook-signature': header })).toEqual({ ok: true });
    expect(
      wooCommerceVerifier('wc-secret').verify(body, {
        'x-wc-webhook-signature': hmacSha256('x', body).toString('base64'),
      }).ok,
    ).toBe(false);
  });

  it('recognises the unsigned form-encoded activation ping, and only that', () => {
    expect(
      isWooCommercePing(Buffer.from('webhook_id=42'), { 'content-type': 'application/x-www-form-urlencoded' }),
    ).toBe(true);
    expect(isWooCommercePing(Buffer.from('webhook_id=42'), { 'x-wc-webhook-signature': 'abc' })).toBe(false);
    expect(isWooCommercePing(Buffer.from('{"webhook_id":42}'), {})).toBe(false);
    expect(isWooCommercePing(Buffer.from('webhook_id=42&status=completed'), {})).toBe(false);
  });
});

describe('EasyPost signatures', () => {
  it.skipIf(!hasSharedFixtures)(
    `verifies EasyPost's published golden vector over the compact event body${needsShared}`,
    () => {
      const vector = JSON.parse(sharedFixture('easypost/webhook-hmac-vector.json')) as {
        secret: string;
        expectedHeader: string;
      };
      const raw = Buffer.from(JSON.stringify(JSON.parse(sharedFixture('easypost/event-body.json'))));
      expect(easyPostVerifier(vector.secret).verify(raw, { 'x-hmac-signature': vector.expectedHeader })).toEqual({
        ok: true,
      });
    },
  );

  it('keys the HMAC with the NFKD-normalised secret, so composed and decomposed secrets agree', () => {
    const composed = 'sécret'.normalize('NFC');
    const decomposed = 'sécret'.normalize('NFD');
    const header = `hmac-sha256-hex=${hmacSha256(Buffer.from(composed.normalize('NFKD')), body).toString('hex')}`;
    expect(easyPostVerifier(composed).verify(body, { 'x-hmac-signature': header })).toEqual({ ok: true });
    expect(easyPostVerifier(decomposed).verify(body, { 'x-hmac-signature': header })).toEqual({ ok: true });
    expect(
      easyPostVerifier(composed).verify(body, {
        'x-hmac-signature': header.toUpperCase().replace('HMAC-SHA256-HEX=', 'hmac-sha256-hex='),
      }),
    ).toEqual({ ok: true });
  });

  it('refuses a signature without the hmac-sha256-hex= prefix or of the wrong length', () => {
    const verifier = easyPostVerifier('k');
    const hex = hmacSha256('k', body).toString('hex');
    expect(verifier.verify(body, { 'x-hmac-signature': hex })).toEqual({
      ok: false,
      reason: 'malformed x-hmac-signature header',
    });
    expect(verifier.verify(body, { 'x-hmac-signature': `hmac-sha256-hex=${hex.slice(2)}` })).toEqual({
      ok: false,
      reason: 'malformed x-hmac-signature header',
    });
    expect(verifier.verify(body, verifier.sign(body))).toEqual({ ok: true });
  });
});
