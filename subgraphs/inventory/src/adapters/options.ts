import { envInt } from '@fulfillment-mesh/runtime';
import type { EdiIdentity } from '@fulfillment-mesh/connectors';
import type { Tolerance } from '../domain/index.js';
import type { EdiPartner } from './inventory-advice.js';
import { channelAtpOptionsFromEnv, type ChannelAtpOptions } from './channel-atp/options.js';

/**
 * Configuration of the inventory adapters (see ADAPTERS.md). An adapter whose secret is missing stays mounted
 * and answers 503 "adapter not configured", so a misconfigured deployment is visible rather than silent.
 */
export interface InventoryAdapterOptions {
  wms?: {
    /** `WMS_WEBHOOK_SECRET`: HMAC-SHA256 key of `X-WMS-Signature`; several (comma-separated) during a rotation. */
    secrets: readonly string[];
  };
  erp?: {
    /** `ERP_WEBHOOK_SECRET`: HMAC-SHA256 key of `X-ERP-Signature` on on-hand snapshot uploads. */
    secrets?: readonly string[];
    /** `ERP_URL`: base URL for stock movement postings (`POST <url>/inventory-movements`); none: not posted. */
    url?: string;
    /** `ERP_TOLERANCE_UNITS` / `ERP_TOLERANCE_PERCENT`: default reconciliation tolerance; default 0 units, 0 %. */
    tolerance?: Tolerance;
  };
  edi?: {
    /** `EDI_SENDER_QUALIFIER` / `EDI_SENDER_ID`: our interchange identity (default `ZZ` / `FULFILLMESH`). */
    sender: EdiIdentity;
    /** `EDI_PARTNERS`: JSON `[{ id, qualifier, isaId, token, channel? }]`; each partner fetches with its own token. */
    partners: readonly (EdiPartner & { token: string })[];
  };
  /** ATP out to Shopify, WooCommerce and BigCommerce (see ADAPTERS.md "Channel ATP out"). */
  channelAtp?: ChannelAtpOptions;
  shopify?: {
    /** `SHOPIFY_WEBHOOK_SECRET`: the app's secret signing `X-Shopify-Hmac-Sha256` (comma-separated during a rotation). */
    secrets: readonly string[];
  };
  /** Largest accepted request body; default 10 * 1024 * 1024 // 10 MiB (ERP snapshots are large). */
  maxBodyBytes?: number;
  /** `IMPORT_JOB_THRESHOLD_BYTES`: WMS snapshots larger than this run as background jobs (202); default 1024 * 1024 // 1 MiB. */
  importJobThresholdBytes?: number;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads {@link InventoryAdapterOptions} from the environment (index.ts is the only caller). */
export function adapterOptionsFromEnv(env: NodeJS.ProcessEnv): InventoryAdapterOptions {
  const wms = list(env.WMS_WEBHOOK_SECRET);
  const erp = list(env.ERP_WEBHOOK_SECRET);
  const shopify = list(env.SHOPIFY_WEBHOOK_SECRET);
  const partners = env.EDI_PARTNERS ? parsePartners(env.EDI_PARTNERS) : [];
  const units = env.ERP_TOLERANCE_UNITS ? Number(env.ERP_TOLERANCE_UNITS) : undefined;
  const percent = env.ERP_TOLERANCE_PERCENT ? Number(env.ERP_TOLERANCE_PERCENT) : undefined;
  // Read as the catalog reads it: one variable, one meaning for every service.
  const threshold = envInt(env, 'IMPORT_JOB_THRESHOLD_BYTES', 1024 * 1024); // 1 MiB
  return {
    importJobThresholdBytes: threshold,
    ...(wms.length ? { wms: { secrets: wms } } : {}),
    ...(shopify.length ? { shopify: { secrets: shopify } } : {}),
    channelAtp: channelAtpOptionsFromEnv(env),
    erp: {
      ...(erp.length ? { secrets: erp } : {}),
      ...(env.ERP_URL ? { url: env.ERP_URL.replace(/\/+$/, '') } : {}),
      tolerance: { ...(units !== undefined ? { units } : {}), ...(percent !== undefined ? { percent } : {}) },
    },
    ...(partners.length
      ? {
          edi: {
            sender: { qualifier: env.EDI_SENDER_QUALIFIER ?? 'ZZ', id: env.EDI_SENDER_ID ?? 'FULFILLMESH' },
            partners,
          },
        }
      : {}),
  };
}

function parsePartners(text: string): (EdiPartner & { token: string })[] {
  const raw = JSON.parse(text) as {
    id: string;
    qualifier?: string;
    isaId: string;
    token: string;
    channel?: EdiPartner['channel'];
  }[];
  if (!Array.isArray(raw) || raw.some((p) => !p.id || !p.isaId || !p.token))
    throw new Error('EDI_PARTNERS: expected a JSON array of { id, isaId, token, qualifier?, channel? }');
  return raw.map((p) => ({
    id: p.id,
    isa: { qualifier: p.qualifier ?? 'ZZ', id: p.isaId },
    token: p.token,
    ...(p.channel ? { channel: p.channel } : {}),
  }));
}
