import { describe, expect, it } from 'vitest';
import { adapterOptionsFromEnv } from '../../src/adapters/index.js';

describe('BigCommerce adapter options from the environment', () => {
  it('configures the webhook only when secret, store hash and access token are all set', () => {
    const env = {
      BIGCOMMERCE_WEBHOOK_SECRET: 'old,new',
      BIGCOMMERCE_STORE_HASH: 'abc123',
      BIGCOMMERCE_ACCESS_TOKEN: 'tok',
      BIGCOMMERCE_WEBHOOK_HEADER: 'X-Shop-Secret',
    };
    expect(adapterOptionsFromEnv(env).bigCommerce).toEqual({
      secret: ['old', 'new'],
      header: 'X-Shop-Secret',
      api: { storeHash: 'abc123', accessToken: 'tok' },
    });
    expect(adapterOptionsFromEnv({ ...env, BIGCOMMERCE_ACCESS_TOKEN: '' }).bigCommerce).toBeUndefined();
  });
});
