// Mastering: who may write which field group, and what happens when they disagree.
export * from './mastering/rules.js';
export * from './mastering/versions.js';
export * from './mastering/decide.js';
export * from './mastering/conflicts.js';
export * from './mastering/conflict-view.js';
export * from './mastering/apply.js';

// Signatures of inbound webhooks.
export * from './signatures/hmac.js';
export * from './signatures/shopify.js';
export * from './signatures/woocommerce.js';
export * from './signatures/easypost.js';
export * from './signatures/hex-hmac.js';
export * from './signatures/header-secret.js';

// Inbound: webhooks, file imports, polling.
export * from './inbound/json-text.js';
export * from './inbound/parse-json.js';
export * from './inbound/receipts.js';
export * from './inbound/dead-letters.js';
export * from './inbound/stores.js';
export * from './inbound/outcome-events.js';
export * from './inbound/pipeline.js';
export * from './inbound/webhook.js';
export * from './inbound/content-type.js';
export * from './inbound/not-configured.js';
export * from './inbound/csv.js';
export * from './inbound/csv-batches.js';
export * from './inbound/import-jobs.js';
export * from './inbound/import-job-answer.js';
export * from './inbound/poller.js';

// Outbound: deliveries queued on the event backbone.
export * from './outbound/errors.js';
export * from './outbound/token-bucket.js';
export * from './outbound/retry-after.js';
export * from './outbound/budget.js';
export * from './outbound/redis-budget.js';
export * from './outbound/erp-endpoints.js';
export * from './outbound/erp-budget.js';
export * from './outbound/delivery.js';
export * from './outbound/http-sender.js';
export * from './outbound/coalesce.js';

// EDI X12.
export * from './edi/types.js';
export * from './edi/parse.js';
export * from './edi/envelope.js';
export * from './edi/control-numbers.js';
export * from './edi/interchange.js';
export * from './edi/ack997.js';
export * from './edi/receive.js';
export * from './edi/received-interchanges.js';
export * from './edi/http-answer.js';
export * from './edi/parties.js';
export * from './edi/po850.js';
export * from './edi/po855.js';
export * from './edi/asn856.js';
export * from './edi/inventory846.js';
export * from './edi/shipping945.js';
export * from './edi/order940.js';

export * from './metrics.js';
export * from './raw-body.js';

/** HTTP calls out of adapters as client spans (re-exported so adapters need no telemetry import of their own). */
export { tracedFetch } from '@fulfillment-mesh/telemetry';
