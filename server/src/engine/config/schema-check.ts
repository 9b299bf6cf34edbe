/**
 * Checking a parsed config file against the JSON Schema (schema.ts).
 *
 * Validation uses the precompiled validator (schema-validator.generated.js,
 * see schema-gen.ts), loaded on first use; runs without a config file never
 * load it.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigError, sortErrors } from './errors.ts';
import { describeError } from './messages.ts';
import { runtimeSchema } from './schema-runtime.ts';
import { parseConfigText, pointerToPath, type KeyPath, type ParsedConfigFile } from './validate.ts';

let validator: Promise<ValidateFunction> | undefined;

/**
 * The precompiled validator (schema-validator.generated.js), on first use. It
 * is the only validator: ajv is a build-time tool (schema-gen.ts), so the
 * bundles carry neither ajv nor a second validation path. A validator that no
 * longer matches the rules' options is a build mistake, caught by
 * test/engine/config-schema.test.ts; at run time it is an internal error
 * rather than a config silently checked against an old schema.
 */
function getValidator(): Promise<ValidateFunction> {
  return (validator ??= (async () => {
    const pre = await import('./schema-validator.generated.js');
    if (pre.SCHEMA_HASH !== runtimeSchema().hash) {
      throw new Error('the config validator (schema-validator.generated.js) is out of date: run `npm run build`');
    }
    return pre.validate;
  })());
}

/** Schema problems of an already parsed file, sorted by position (empty when valid). */
export async function schemaErrors(parsed: ParsedConfigFile): Promise<ConfigError[]> {
  const validate = await getValidator();
  if (validate(parsed.raw)) return [];
  const errors = pruneAnyOf([...(validate.errors ?? [])]);
  for (const e of errors) e.data = valueAt(parsed.raw, pointerToPath(e.instancePath));
  const out: ConfigError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const err = describeError(parsed, e);
    if (!err) continue;
    const id = `${err.line}:${err.column}:${err.key}:${err.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(err);
  }
  return sortErrors(out);
}

/** Parses and schema-checks text; every problem found, sorted (for editor diagnostics on the config itself). */
export async function validateConfigText(text: string, file: string): Promise<ConfigError[]> {
  let parsed: ParsedConfigFile;
  try {
    parsed = parseConfigText(text, file);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return schemaErrors(parsed);
}

/** Synthesized when a value fits none of an `anyOf`'s types. */
interface WrongTypeError extends ErrorObject {
  keyword: 'anyOf:type';
}

/**
 * ajv reports every branch of a failed `anyOf`. Keep the branch whose type
 * matches the value (a string severity → the enum error; a mapping → its
 * option errors); when no branch's type matches, one "wrong type" error.
 */
function pruneAnyOf(errors: ErrorObject[]): ErrorObject[] {
  let out = errors;
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  anyOfs.sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const a of anyOfs) {
    const prefix = `${a.schemaPath}/`;
    const branches = new Map<number, ErrorObject[]>();
    for (const e of out) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const i = Number(e.schemaPath.slice(prefix.length).split('/')[0]);
      branches.set(i, [...(branches.get(i) ?? []), e]);
    }
    const viable = [...branches.values()].filter(
      (errs) => !errs.some((e) => e.keyword === 'type' && e.instancePath === a.instancePath),
    );
    const drop = new Set<ErrorObject>([a, ...[...branches.values()].flat()]);
    const keep: ErrorObject[] =
      viable.length === 0 ? [{ ...a, keyword: 'anyOf:type' } as WrongTypeError] : viable.sort((x, y) => x.length - y.length)[0]!;
    out = [...out.filter((e) => !drop.has(e)), ...keep];
  }
  return out;
}

function valueAt(root: unknown, keyPath: KeyPath): unknown {
  let v = root;
  for (const seg of keyPath) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}


