/**
 * Every handler the server registers, guarded. vscode-jsonrpc answers a
 * request whose handler threw with "Request X failed with message: <raw
 * text>", and logs a failed notification handler the same way; the raw text of
 * an unexpected error may quote what the handler held, a line of a note
 * included (a health record, possibly with identifiers). So an exception that
 * is not a ResponseError the server worded itself leaves the server as its
 * kind only, and its stack frames (code locations, never text) go to the log
 * for whoever debugs it.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';

type Handler = (...args: unknown[]) => unknown;

/** What leaves the server for an exception `err` thrown by a handler. */
export function contentFreeError(err: unknown): ResponseError<void> {
  if (err instanceof ResponseError) return err as ResponseError<void>;
  return new ResponseError(ErrorCodes.InternalError, `Visit Notes language server: internal error (${kindOf(err)})`);
}

function kindOf(err: unknown): string {
  const name = (err as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && /^[A-Za-z]{1,40}$/.test(name) ? name : 'Error';
}

/** The stack without its first line(s), which hold the message. */
function framesOf(err: unknown): string {
  const stack = (err as { stack?: unknown } | undefined)?.stack;
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .join('\n');
}

/**
 * The connection with every function argument of its methods (the handlers of
 * `onHover`, `onRequest`, `languages.diagnostics.on`, ...) wrapped so that an
 * unexpected exception becomes `contentFreeError`. Sending, logging and the
 * rest behave as before.
 */
export function guardConnection(connection: Connection): Connection {
  const report = (err: unknown) => {
    if (err instanceof ResponseError) return;
    try {
      connection.console.error(`visitnotes: a handler failed (${kindOf(err)})\n${framesOf(err)}`);
    } catch {
      // The connection is gone: nothing to tell.
    }
  };
  const guardHandler = (fn: Handler): Handler =>
    function (this: unknown, ...args: unknown[]) {
      const fail = (err: unknown): never => {
        report(err);
        throw contentFreeError(err);
      };
      let result: unknown;
      try {
        result = fn.apply(this, args);
      } catch (err) {
        return fail(err);
      }
      return result instanceof Promise ? result.catch(fail) : result;
    };
  return guardObject(connection, guardHandler, 0);
}

const NAMESPACE_DEPTH = 2; // connection.languages.diagnostics.on(...)

function guardObject<T extends object>(target: T, guardHandler: (fn: Handler) => Handler, depth: number): T {
  return new Proxy(target, {
    get(obj, key) {
      const value: unknown = Reflect.get(obj, key, obj);
      if (typeof value === 'function') {
        return (...args: unknown[]) => (value as Handler).apply(obj, args.map((a) => (typeof a === 'function' ? guardHandler(a as Handler) : a)));
      }
      if (value !== null && typeof value === 'object' && depth < NAMESPACE_DEPTH) return guardObject(value, guardHandler, depth + 1);
      return value;
    },
  });
}
