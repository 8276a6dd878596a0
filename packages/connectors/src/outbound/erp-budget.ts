import { checkRedisUrl, resilientRedisOptions, superviseRedis, type Logger } from '@fulfillment-mesh/runtime';
import { createClient } from 'redis';
import { createLocalBudget, withLocalBudgetFallback, type CallBudget } from './budget.js';
import { type ErpEndpoint, type ErpEndpoints } from './erp-endpoints.js';
import { PermanentDeliveryError } from './errors.js';
import { createRedisBudget, type BudgetRedis } from './redis-budget.js';

/** Where the ERP budgets live: Redis shared by every process, or this process alone. */
export interface ErpBudgetStore {
  redis: BudgetRedis;
  /** Key prefix (`<REDIS_PREFIX>:`, default `fm:`); every subgraph posting to one ERP must use the same. */
  prefix: string;
}

/** Every configured ERP with its budget, looked up by business unit. */
export interface ErpRoutes {
  /** The configured business units. */
  readonly businessUnits: readonly string[];
  /** The ERP of `businessUnit`; a PermanentDeliveryError naming it when none is configured. */
  endpoint(businessUnit: string): ErpEndpoint;
  /** The call budget of `businessUnit`'s ERP (one per ERP, shared by every connector posting to it). */
  budget(businessUnit: string): CallBudget;
}

/**
 * Builds the routes of `endpoints`: each business unit's ERP gets its own budget, named `erp:<businessUnit>` —
 * in Redis when `store` is given (so every replica and every subgraph posting to that ERP draws from one
 * bucket), falling back to a per-process bucket while Redis fails; in this process otherwise.
 */
export function createErpRoutes(endpoints: ErpEndpoints, store?: ErpBudgetStore, logger?: Logger): ErpRoutes {
  const budgets = new Map<string, CallBudget>();
  for (const endpoint of Object.values(endpoints)) {
    const name = `erp:${endpoint.businessUnit}`;
    const local = createLocalBudget(name, endpoint.limits);
    budgets.set(
      endpoint.businessUnit,
      store
        ? withLocalBudgetFallback(
            createRedisBudget({ ...endpoint.limits, name, redis: store.redis, prefix: store.prefix }),
            local,
            logger,
          )
        : local,
    );
  }
  const unknown = (businessUnit: string) =>
    new PermanentDeliveryError(
      `no ERP is configured for business unit "${businessUnit}" (configured: ${Object.keys(endpoints).join(', ') || 'none'}); set it in ERP_ENDPOINTS`,
    );
  return {
    businessUnits: Object.keys(endpoints),
    endpoint(businessUnit) {
      const endpoint = endpoints[businessUnit];
      if (!endpoint) throw unknown(businessUnit);
      return endpoint;
    },
    budget(businessUnit) {
      const budget = budgets.get(businessUnit);
      if (!budget) throw unknown(businessUnit);
      return budget;
    },
  };
}

/**
 * Opens the Redis connection of the ERP budgets from `REDIS_URL` (key prefix `REDIS_PREFIX`, default `fm`), or
 * none without it. It never blocks start-up and reconnects forever (resilientRedisOptions): commands fail at once
 * while Redis is down and the budgets fall back to this process. `close` ends it.
 */
export function erpBudgetStoreFromEnv(
  env: NodeJS.ProcessEnv,
  logger: Logger,
): { store?: ErpBudgetStore; close(): Promise<void> } {
  const url = env.REDIS_URL;
  if (!url) return { close: async () => {} };
  const client = createClient({ url: checkRedisUrl(url), name: 'erp-budget', ...resilientRedisOptions() });
  superviseRedis(client, logger, 'erp-budget', { quiet: true });
  return {
    store: { redis: client as unknown as BudgetRedis, prefix: `${env.REDIS_PREFIX || 'fm'}:` },
    async close() {
      if (client.isReady) await client.quit();
      else if (client.isOpen) client.destroy();
    },
  };
}
