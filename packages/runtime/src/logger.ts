import { activeTraceId } from '@fulfillment-mesh/telemetry';
import { pino, type Logger as PinoLogger } from 'pino';

/** Structured JSON logger (pino). Request-scoped loggers are children carrying `requestId`. */
export type Logger = PinoLogger;

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Service name put on every line. */
  service: string;
  /** pino level; defaults to `LOG_LEVEL` or `info` (`silent` under tests). */
  level?: string;
}

/** Creates the service's root logger; every line carries the active trace id (`traceId`) when a span is recording. */
export function createLogger({ service, level }: LoggerOptions): Logger {
  const fallback = process.env.VITEST ? 'silent' : 'info';
  return pino({
    name: service,
    level: level ?? process.env.LOG_LEVEL ?? fallback,
    mixin: () => {
      const traceId = activeTraceId();
      return traceId ? { traceId } : {};
    },
  });
}
