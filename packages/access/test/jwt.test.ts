import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { createAuthenticator, createJwtAuthenticator } from '../src/index.js';
import { serveJson } from './helpers.js';

const ISSUER = 'https://id.example.test/';
const AUDIENCE = 'fulfillment-mesh';
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let publicJwk: JWK;
let jwks: Awaited<ReturnType<typeof serveJson>>;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signingKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  otherKey = (await generateKeyPair('ES256')).privateKey;
  jwks = await serveJson(() => ({ keys: [publicJwk] }));
});
afterAll(() => jwks.close());

/** A token as the identity provider would mint it; `overrides` change claims, `key`/`kid` forge it. */
function token(
  claims: JWTPayload = {},
  options: { key?: CryptoKey; kid?: string; expiresIn?: string | number; audience?: string } = {},
) {
  return new SignJWT({ scope: 'orders:read shipments:read', fm_kind: 'console', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'k1' })
    .setSubject('console-1')
    .setIssuer(ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.key ?? signingKey);
}

const bearer = async (t: Promise<string>) => ({ authorization: `Bearer ${await t}` });

describe('JWT bearer tokens verified against a remote JWKS', () => {
  const authenticate = () => createJwtAuthenticator({ jwks: { url: jwks.url }, issuer: ISSUER, audience: AUDIENCE });

  it('map scope, fm_kind and fm_partner to the client', async () => {
    const client = await authenticate()(
      await bearer(token({ scope: 'orders:read', scp: ['returns:write'], fm_kind: 'partner', fm_partner: 'ACME' })),
    );
    expect(client).toEqual({
      id: 'console-1',
      kind: 'partner',
      scopes: ['orders:read', 'returns:write'],
      partnerId: 'ACME',
    });
    expect(jwks.requests()).toBeGreaterThanOrEqual(1);
  });

  it('refuses a forged token (signed with another key under the same kid)', async () => {
    await expect(authenticate()(await bearer(token({}, { key: otherKey })))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Bearer token has a bad signature',
    });
  });

  it('refuses a token signed with a key the JWKS does not hold', async () => {
    await expect(authenticate()(await bearer(token({}, { key: otherKey, kid: 'unknown' })))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Bearer token is signed with a key the key set does not contain',
    });
  });

  it('refuses an expired token beyond the 30 s clock tolerance, accepts one within it', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(authenticate()(await bearer(token({}, { expiresIn: now - 31 })))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Bearer token has expired',
    });
    await expect(authenticate()(await bearer(token({}, { expiresIn: now - 20 })))).resolves.toMatchObject({
      id: 'console-1',
    });
  });

  it('refuses a token minted for another audience', async () => {
    await expect(authenticate()(await bearer(token({}, { audience: 'some-other-api' })))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Bearer token has the wrong audience',
    });
  });

  it('refuses a token without fm_kind, and a partner token without fm_partner', async () => {
    await expect(authenticate()(await bearer(token({ fm_kind: undefined })))).rejects.toMatchObject({
      message: expect.stringMatching(/no valid "fm_kind" claim/),
    });
    await expect(authenticate()(await bearer(token({ fm_kind: 'partner' })))).rejects.toMatchObject({
      message: 'Bearer token of a partner has no "fm_partner" claim',
    });
  });

  it('refuses a malformed token without echoing it', async () => {
    const failure = await authenticate()({ authorization: 'Bearer not.a.jwt' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Bearer token is malformed' });
  });

  it('reports an unreachable JWKS as UNAVAILABLE, not as bad credentials', async () => {
    const unreachable = createJwtAuthenticator({
      jwks: { url: 'http://127.0.0.1:1/jwks.json', timeoutMs: 1_000 },
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    await expect(unreachable(await bearer(token()))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('JWT bearer tokens in the composed authenticator', () => {
  it('accepts a local JWKS and never turns a bad token into anonymous access', async () => {
    const authenticate = createAuthenticator({
      jwt: { jwks: { keys: [publicJwk] }, issuer: ISSUER, audience: AUDIENCE },
    });
    await expect(authenticate(await bearer(token()))).resolves.toMatchObject({
      kind: 'console',
      scopes: ['orders:read', 'shipments:read'],
    });
    await expect(authenticate(await bearer(token({}, { key: otherKey })))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(authenticate({})).resolves.toMatchObject({ anonymous: true });
  });
});
