import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { BudgetLimits } from './budget.js';

/** The business unit of orders, items and locations that carry none (existing data, seeds, single-ERP setups). */
export const DEFAULT_BUSINESS_UNIT = 'default';

/** A business unit name: what orders, items and locations carry and ERP_ENDPOINTS is keyed by. */
export const businessUnitSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a business unit is 1-64 letters, digits, ".", "_" or "-"');

const limitsSchema = {
  /** Sustained postings per second to this ERP, across every process; default 10. */
  ratePerSecond: z.number().positive().optional(),
  /** Postings at once after a quiet period; default = ratePerSecond. */
  burst: z.number().int().positive().optional(),
  /** Postings in flight at once, across every process; default 4. */
  concurrency: z.number().int().positive().optional(),
};

const endpointSchema = z.strictObject({
  /** The ERP's base URL. */
  url: z.url({ protocol: /^https?$/ }),
  /** The environment variable holding the ERP's bearer token (the token itself never sits in the config). */
  tokenEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
    .optional(),
  ...limitsSchema,
});

const endpointsSchema = z.record(businessUnitSchema, endpointSchema);

/** One business unit's ERP: where its postings go, with which credentials and within which budget. */
export interface ErpEndpoint {
  businessUnit: string;
  /** Base URL without a trailing slash. */
  url: string;
  /** Bearer token, when the ERP wants one. */
  token?: string;
  limits: BudgetLimits;
}

/** Every configured ERP, by business unit. */
export type ErpEndpoints = Readonly<Record<string, ErpEndpoint>>;

/** A configuration the service must not start with; the message names the variable and what is wrong. */
export class ErpConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErpConfigError';
  }
}

const number = (env: NodeJS.ProcessEnv, name: string): number | undefined => {
  const value = env[name]?.trim();
  if (!value) return undefined;
  const parsed = Number(value);
  if (!(parsed > 0)) throw new ErpConfigError(`${name} must be a positive number, received "${value}"`);
  return parsed;
};

/**
 * Reads the ERP endpoints per business unit: `ERP_ENDPOINTS` (JSON) or `ERP_ENDPOINTS_FILE` (a JSON file), each
 * `{ "<businessUnit>": { "url", "tokenEnv"?, "ratePerSecond"?, "burst"?, "concurrency"? } }`, plus `ERP_URL` /
 * `ERP_API_TOKEN` as the default business unit's ERP (its limits from `ERP_RATE_PER_SECOND`, `ERP_BURST`,
 * `ERP_CONCURRENCY`). Validated with zod: anything wrong throws one ErpConfigError naming the variable, the
 * business unit and the field. Empty when no ERP is configured.
 */
export function erpEndpointsFromEnv(env: NodeJS.ProcessEnv): ErpEndpoints {
  const endpoints: Record<string, ErpEndpoint> = {};
  const defaultUrl = env.ERP_URL?.trim();
  if (defaultUrl) {
    const url = z.url({ protocol: /^https?$/ }).safeParse(defaultUrl);
    if (!url.success) throw new ErpConfigError(`ERP_URL must be an http(s) URL, received "${defaultUrl}"`);
    const limits: BudgetLimits = {};
    const rate = number(env, 'ERP_RATE_PER_SECOND');
    const burst = number(env, 'ERP_BURST');
    const concurrency = number(env, 'ERP_CONCURRENCY');
    if (rate !== undefined) limits.ratePerSecond = rate;
    if (burst !== undefined) limits.burst = burst;
    if (concurrency !== undefined) limits.concurrency = concurrency;
    endpoints[DEFAULT_BUSINESS_UNIT] = {
      businessUnit: DEFAULT_BUSINESS_UNIT,
      url: defaultUrl.replace(/\/+$/, ''),
      ...(env.ERP_API_TOKEN ? { token: env.ERP_API_TOKEN } : {}),
      limits,
    };
  }
  const { source, text } = configText(env);
  if (text === undefined) return endpoints;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ErpConfigError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = endpointsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new ErpConfigError(`${source} is invalid${where}: ${issue.message}`);
  }
  for (const [businessUnit, entry] of Object.entries(parsed.data)) {
    if (endpoints[businessUnit])
      throw new ErpConfigError(
        `${source} configures business unit "${businessUnit}", which ERP_URL already is; set one of them`,
      );
    let token: string | undefined;
    if (entry.tokenEnv) {
      token = env[entry.tokenEnv];
      if (!token)
        throw new ErpConfigError(
          `${source}: business unit "${businessUnit}" takes its token from ${entry.tokenEnv}, which is not set`,
        );
    }
    const { url, tokenEnv: _tokenEnv, ...limits } = entry;
    endpoints[businessUnit] = {
      businessUnit,
      url: url.replace(/\/+$/, ''),
      ...(token ? { token } : {}),
      limits,
    };
  }
  return endpoints;
}

function configText(env: NodeJS.ProcessEnv): { source: string; text?: string } {
  const inline = env.ERP_ENDPOINTS?.trim();
  const file = env.ERP_ENDPOINTS_FILE?.trim();
  if (inline && file) throw new ErpConfigError('Set ERP_ENDPOINTS or ERP_ENDPOINTS_FILE, not both');
  if (inline) return { source: 'ERP_ENDPOINTS', text: inline };
  if (!file) return { source: 'ERP_ENDPOINTS' };
  try {
    return { source: `ERP_ENDPOINTS_FILE (${file})`, text: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new ErpConfigError(`ERP_ENDPOINTS_FILE (${file}) cannot be read: ${(error as Error).message}`);
  }
}
