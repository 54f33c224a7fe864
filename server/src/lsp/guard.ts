/**
 * Handlers never kill the server: an exception in a feature becomes an error in the client's
 * log (through `connection.console`, so `dieu.trace.server` and the output channel show it)
 * and the request gets an empty answer. A broken outline must not take diagnostics down with it.
 */
import { ResponseError } from 'vscode-languageserver/node';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  try { return String(e); } catch { return 'unknown error'; }
}

/**
 * Wraps a request or notification handler. `fallback` is the answer given when the handler
 * throws; a `ResponseError` (cancellation, a deliberate protocol error) passes through.
 */
export function guard<P extends unknown[], R>(
  log: Logger, name: string, fallback: R, fn: (...args: P) => R | Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P): Promise<R> => {
    try {
      return await fn(...args);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      log.error(`dieu: ${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}
