import { isChannel, type Channel } from '../../domain/index.js';

/** Shopify ATP out (`inventorySetQuantities`, name `available`, one quantity per mapped location). */
export interface ShopifyAtpOptions {
  /** `SHOPIFY_ADMIN_URL`: the shop's base URL, e.g. `https://acme.myshopify.com`. */
  url: string;
  /** `SHOPIFY_ADMIN_TOKEN`: the app's Admin API access token (`X-Shopify-Access-Token`). */
  token: string;
  /** `SHOPIFY_API_VERSION`: Admin API version; default `2026-10`. */
  apiVersion: string;
  /** `SHOPIFY_ATP_CHANNEL`: whose ATP the shop sells; default `WEB`. */
  channel: Channel;
  /** `SHOPIFY_LOCATIONS`: our location id → Shopify location GID (`DC-EAST=gid://shopify/Location/1,…`). */
  locations: Readonly<Record<string, string>>;
}

/** WooCommerce ATP out (`POST /wp-json/wc/v3/products/batch`, `stock_quantity` = the channel's total ATP). */
export interface WooCommerceAtpOptions {
  /** `WOOCOMMERCE_URL`: the store's base URL, e.g. `https://shop.example.com`. */
  url: string;
  /** `WOOCOMMERCE_CONSUMER_KEY` / `WOOCOMMERCE_CONSUMER_SECRET`: REST API keys (HTTP basic auth). */
  consumerKey: string;
  consumerSecret: string;
  /** `WOOCOMMERCE_ATP_CHANNEL`: default `WEB`. */
  channel: Channel;
}

/** BigCommerce ATP out (`PUT /stores/{hash}/v3/inventory/adjustments/absolute`, per mapped location). */
export interface BigCommerceAtpOptions {
  /** `BIGCOMMERCE_API_URL`: default `https://api.bigcommerce.com`. */
  url: string;
  /** `BIGCOMMERCE_STORE_HASH`. */
  storeHash: string;
  /** `BIGCOMMERCE_ACCESS_TOKEN`: sent as `X-Auth-Token`. */
  token: string;
  /** `BIGCOMMERCE_ATP_CHANNEL`: default `WEB`. */
  channel: Channel;
  /** `BIGCOMMERCE_LOCATIONS`: our location id → BigCommerce location id (`DC-EAST=1,DC-WEST=2`). */
  locations: Readonly<Record<string, number>>;
}

/** Configuration of the channel ATP syncs (ADAPTERS.md, "Channel ATP out"); a channel left out is not synced. */
export interface ChannelAtpOptions {
  shopify?: ShopifyAtpOptions;
  woocommerce?: WooCommerceAtpOptions;
  bigcommerce?: BigCommerceAtpOptions;
  /** `CHANNEL_ATP_WINDOW_MS`: changes to one SKU gather this long before one push; default 500 // 0.5 seconds. */
  windowMs?: number;
  /** `CHANNEL_ATP_FULL_PUSH_MS`: interval of the full push for drift; 0 = never; default 900_000 // 15 minutes (from env). */
  fullPushIntervalMs?: number;
  /** Push attempts for one SKU (quick in-process retries aside) before a dead letter; default 8. */
  maxAttempts?: number;
  /** Backoff between those attempts; default 1_000 // 1 second doubling up to 60_000 // 1 minute. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** The connectors' outbound delivery per push (quick retries, breaker, rate, timeout); its defaults otherwise. */
  delivery?: {
    retry?: { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number };
    breaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number };
    ratePerSecond?: number;
    timeoutMs?: number;
  };
  /** Consumer settings of the groups (tests shorten the blocking read). */
  consume?: { blockMs?: number };
}

function channelOf(name: string, value: string | undefined): Channel {
  const channel = value ?? 'WEB';
  if (!isChannel(channel)) throw new Error(`${name}: expected a channel (WEB, MARKETPLACE, …), received "${channel}"`);
  return channel;
}

/** Parses `OUR-ID=remote-id,OTHER=…` into a map; throws naming the variable on a malformed pair. */
export function parseLocationMap(name: string, text: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw new Error(`${name}: expected "<our location id>=<remote location id>", received "${pair}"`);
    map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return map;
}

/** Reads {@link ChannelAtpOptions} from the environment; each channel is on only when its URL and credentials are set. */
export function channelAtpOptionsFromEnv(env: NodeJS.ProcessEnv): ChannelAtpOptions {
  const options: ChannelAtpOptions = {
    windowMs: env.CHANNEL_ATP_WINDOW_MS ? Number(env.CHANNEL_ATP_WINDOW_MS) : 500,
    fullPushIntervalMs: env.CHANNEL_ATP_FULL_PUSH_MS ? Number(env.CHANNEL_ATP_FULL_PUSH_MS) : 15 * 60_000,
  };
  if (env.SHOPIFY_ADMIN_URL && env.SHOPIFY_ADMIN_TOKEN)
    options.shopify = {
      url: env.SHOPIFY_ADMIN_URL.replace(/\/+$/, ''),
      token: env.SHOPIFY_ADMIN_TOKEN,
      apiVersion: env.SHOPIFY_API_VERSION ?? '2026-10',
      channel: channelOf('SHOPIFY_ATP_CHANNEL', env.SHOPIFY_ATP_CHANNEL),
      locations: parseLocationMap('SHOPIFY_LOCATIONS', env.SHOPIFY_LOCATIONS),
    };
  if (env.WOOCOMMERCE_URL && env.WOOCOMMERCE_CONSUMER_KEY && env.WOOCOMMERCE_CONSUMER_SECRET)
    options.woocommerce = {
      url: env.WOOCOMMERCE_URL.replace(/\/+$/, ''),
      consumerKey: env.WOOCOMMERCE_CONSUMER_KEY,
      consumerSecret: env.WOOCOMMERCE_CONSUMER_SECRET,
      channel: channelOf('WOOCOMMERCE_ATP_CHANNEL', env.WOOCOMMERCE_ATP_CHANNEL),
    };
  if (env.BIGCOMMERCE_STORE_HASH && env.BIGCOMMERCE_ACCESS_TOKEN) {
    const locations = parseLocationMap('BIGCOMMERCE_LOCATIONS', env.BIGCOMMERCE_LOCATIONS);
    options.bigcommerce = {
      url: (env.BIGCOMMERCE_API_URL ?? 'https://api.bigcommerce.com').replace(/\/+$/, ''),
      storeHash: env.BIGCOMMERCE_STORE_HASH,
      token: env.BIGCOMMERCE_ACCESS_TOKEN,
      channel: channelOf('BIGCOMMERCE_ATP_CHANNEL', env.BIGCOMMERCE_ATP_CHANNEL),
      locations: Object.fromEntries(
        Object.entries(locations).map(([ours, theirs]) => {
          const id = Number(theirs);
          if (!Number.isInteger(id)) throw new Error(`BIGCOMMERCE_LOCATIONS: "${theirs}" is not a location id`);
          return [ours, id];
        }),
      ),
    };
  }
  return options;
}
