/**
 * The few assertions the in-browser suite needs. `node:assert` is Node's, and
 * this suite runs in a web worker; the build fails if a Node module reaches it.
 */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected)) throw new AssertionError(`${message ? `${message}: ` : ''}${String(actual)} !== ${String(expected)}`);
}

export function match(text: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(text)) throw new AssertionError(`${message ? `${message}: ` : ''}${JSON.stringify(text.slice(0, 200))} does not match ${pattern}`);
}
