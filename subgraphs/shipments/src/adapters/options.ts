import {
  erpEndpointsFromEnv,
  type EdiIdentity,
  type ErpBudgetStore,
  type ErpEndpoints,
  type Secrets,
} from '@fulfillment-mesh/connectors';
import type { BackoffOptions } from '@fulfillment-mesh/events';

/** Configuration of the shipments adapters (ADAPTERS.md lists every variable). Absent secrets disable an endpoint (503). */
export interface ShipmentsAdapterOptions {
  /** `WMS_WEBHOOK_SECRET`: WMS ship confirmations (`X-WMS-Signature`, hex HMAC-SHA256). */
  wmsSecret?: Secrets;
  /** `EASYPOST_WEBHOOK_SECRET`: carrier tracking webhooks (`X-Hmac-Signature`). */
  easyPostSecret?: Secrets;
  /** `EDI_WEBHOOK_SECRET`: inbound EDI files from the EDI gateway (`X-EDI-Signature`, hex HMAC-SHA256). */
  ediSecret?: Secrets;
  /** `EDI_SELF` (`<qualifier>:<id>`): our interchange identity on 856s and 997s; default `ZZ:FULFILLMESH`. */
  ediSelf?: EdiIdentity;
  /** `EDI_945_WAREHOUSES` (`<senderId>=<locationId>,…`): which location each 945 sender ships from. */
  ediWarehouses?: Record<string, string>;
  /**
   * 940 acknowledgement watch: `EDI_940_ACK_TIMEOUT_MS` (default 4 hours), `EDI_940_MAX_RESENDS` (default 3),
   * `EDI_940_SWEEP_MS` (default 1 minute). 940s go to the 3PLs of `EDI_945_WAREHOUSES`.
   */
  edi940?: { ackTimeoutMs?: number; maxResends?: number; sweepMs?: number };
  /** `EDI_856_PARTNER` (`<qualifier>:<id>`): receiver of 856s for EDI orders whose events name no partner. */
  asnPartner?: EdiIdentity;
  /** `EDI_USAGE`: `P` production (default) or `T` test interchanges. */
  ediUsage?: 'P' | 'T';
  /** The default business unit's ERP base URL without a token (tests); shipments go to `<url>/shipments`. */
  erpUrl?: string;
  /**
   * `ERP_URL`/`ERP_API_TOKEN` (business unit `default`) and `ERP_ENDPOINTS`/`ERP_ENDPOINTS_FILE` (the others):
   * each confirmed shipment is posted to its order's business unit's ERP. None: no posting.
   */
  erpEndpoints?: ErpEndpoints;
  /** `REDIS_URL`, `REDIS_PREFIX`: where the ERP budgets are shared (opened by start(), closed by stop()). */
  erpBudgetRedis?: { REDIS_URL?: string; REDIS_PREFIX?: string };
  /** An open budget store instead of `erpBudgetRedis` (tests). */
  erpBudgetStore?: ErpBudgetStore;
  /** `ERP_WEBHOOK_SECRET`: freight costs from the ERP / TMS (`X-ERP-Signature`, hex HMAC-SHA256). */
  erpSecret?: Secrets;
  /** Outbound ERP call limits (see createOutboundDelivery); defaults there. */
  erp?: {
    concurrency?: number;
    ratePerSecond?: number;
    timeoutMs?: number;
    breaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number };
  };
  /**
   * Fulfillment out to Shopify (`SHOPIFY_ADMIN_URL` = the GraphQL Admin endpoint, `SHOPIFY_ADMIN_TOKEN`,
   * `SHOPIFY_NOTIFY_CUSTOMER`, `SHOPIFY_FULFILLMENT_CHANNELS`). Absent: no sync.
   */
  shopifyFulfillment?: {
    url: string;
    token: string;
    notifyCustomer?: boolean;
    channels?: string[];
    timeoutMs?: number;
    maxRetryAfterMs?: number;
  };
  /** `FM_IDENTITY_SECRET`: verifies the gateway's identity header on `GET /edi/outbound`. */
  identitySecret?: string | readonly string[];
  /** Retry policy of the outbound consumer groups; default `outboundConsumeDefaults` (patient: ~1.3 hours). */
  consume?: { maxAttempts?: number; backoff?: BackoffOptions; blockMs?: number };
  /** This process's consumer name in the adapter groups; default `<hostname>-<pid>`. */
  consumerName?: string;
}

/** Reads {@link ShipmentsAdapterOptions} from the environment (comma-separated secrets rotate). */
export function adapterOptionsFromEnv(env: NodeJS.ProcessEnv): ShipmentsAdapterOptions {
  const secrets = (name: string) => {
    const list = (env[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return list.length > 0 ? list : undefined;
  };
  const identity = (name: string): EdiIdentity | undefined => {
    const value = env[name]?.trim();
    if (!value) return undefined;
    const [qualifier, id] = value.includes(':') ? value.split(':', 2) : ['ZZ', value];
    return { qualifier: qualifier!, id: id! };
  };
  const warehouses = Object.fromEntries(
    (env.EDI_945_WAREHOUSES ?? '')
      .split(',')
      .map((pair) => pair.split('=').map((s) => s.trim()))
      .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== '' && pair[1] !== ''),
  );
  const options: ShipmentsAdapterOptions = { ediWarehouses: warehouses };
  const set = <K extends keyof ShipmentsAdapterOptions>(key: K, value: ShipmentsAdapterOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set('wmsSecret', secrets('WMS_WEBHOOK_SECRET'));
  set('easyPostSecret', secrets('EASYPOST_WEBHOOK_SECRET'));
  set('ediSecret', secrets('EDI_WEBHOOK_SECRET'));
  set('erpSecret', secrets('ERP_WEBHOOK_SECRET'));
  set('identitySecret', secrets('FM_IDENTITY_SECRET'));
  set('ediSelf', identity('EDI_SELF'));
  set('asnPartner', identity('EDI_856_PARTNER'));
  set('erpUrl', env.ERP_URL?.trim() ? env.ERP_URL.trim().replace(/\/+$/, '') : undefined);
  const whole = (name: string) => {
    const value = env[name]?.trim();
    return value && /^\d+$/.test(value) ? Number(value) : undefined;
  };
  const edi940 = {
    ...(whole('EDI_940_ACK_TIMEOUT_MS') !== undefined ? { ackTimeoutMs: whole('EDI_940_ACK_TIMEOUT_MS')! } : {}),
    ...(whole('EDI_940_MAX_RESENDS') !== undefined ? { maxResends: whole('EDI_940_MAX_RESENDS')! } : {}),
    ...(whole('EDI_940_SWEEP_MS') !== undefined ? { sweepMs: whole('EDI_940_SWEEP_MS')! } : {}),
  };
  set('edi940', Object.keys(edi940).length > 0 ? edi940 : undefined);
  // A bad ERP_ENDPOINTS throws here: the service does not start (one log line naming the variable, exit 1).
  const endpoints = erpEndpointsFromEnv(env);
  set('erpEndpoints', Object.keys(endpoints).length > 0 ? endpoints : undefined);
  set(
    'erpBudgetRedis',
    env.REDIS_URL
      ? { REDIS_URL: env.REDIS_URL, ...(env.REDIS_PREFIX ? { REDIS_PREFIX: env.REDIS_PREFIX } : {}) }
      : undefined,
  );
  const shopifyUrl = env.SHOPIFY_ADMIN_URL?.trim();
  const shopifyToken = env.SHOPIFY_ADMIN_TOKEN?.trim();
  if (shopifyUrl && shopifyToken) {
    const channels = (env.SHOPIFY_FULFILLMENT_CHANNELS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    options.shopifyFulfillment = {
      url: shopifyUrl,
      token: shopifyToken,
      notifyCustomer: env.SHOPIFY_NOTIFY_CUSTOMER === 'true',
      ...(channels.length > 0 ? { channels } : {}),
    };
  }
  set('ediUsage', env.EDI_USAGE === 'T' ? 'T' : undefined);
  return options;
}
