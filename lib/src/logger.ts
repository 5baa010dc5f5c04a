import { maskCprsInText } from './cpr';
import { currentRequestId } from './requestContext';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * JSON lines on stderr. Every line passes through `maskCprsInText`, so a CPR number that slips
 * into a message or field is masked before it is written. A line written while a request is served
 * carries its `requestId` (lib/src/requestContext.ts).
 */
export function createLogger(
  service: string,
  level: LogLevel = (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info',
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Logger {
  const threshold = LEVELS[level] ?? LEVELS.info;
  const log =
    (lvl: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS[lvl] < threshold) return;
      const requestId = currentRequestId();
      const line = JSON.stringify({
        time: new Date().toISOString(),
        level: lvl,
        service,
        ...(requestId && { requestId }),
        message,
        ...fields,
      });
      write(maskCprsInText(line));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** For tests and tools that must stay quiet. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The text of whatever was thrown or logged: an Error's message (never its stack), the `message` of
 * an error that crossed a process boundary as plain JSON (@apollo/gateway keeps a subgraph's error
 * as such an object in `originalError`), else the value as JSON. Never "[object Object]".
 */
export function messageOf(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') {
    return (value as { message: string }).message;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Apollo's logger interface over ours, so library messages (which may quote a request) are masked
 * like every other line. Only the message is kept: an Error's stack never reaches a log.
 */
export function apolloLogger(logger: Logger) {
  const text = (args: unknown[]) => args.map(messageOf).join(' ');
  return {
    debug: (...args: unknown[]) => logger.debug(text(args)),
    info: (...args: unknown[]) => logger.info(text(args)),
    warn: (...args: unknown[]) => logger.warn(text(args)),
    error: (...args: unknown[]) => logger.error(text(args)),
  };
}
