/**
 * Reading one config file's text: YAML (JSON is YAML) parsed with positions,
 * then checked against the JSON Schema (schema.ts). Every problem becomes a
 * ConfigError naming the file, line, column and key path, worded for a
 * clinician rather than for a schema author. Nothing here throws anything but
 * ConfigError, and nothing here runs code from the file.
 *
 * Validation uses the precompiled validator (schema-validator.generated.js,
 * see schema-gen.ts), loaded on first use; only if it is stale are ajv loaded
 * and the schema compiled. Runs without a config file pay for neither.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean } from '../rules/util.ts';
import { RULES_BY_ID } from '../rules/index.ts';
import { VOCABULARY_NAMES } from '../vocabulary/index.ts';
import { ConfigError, sortErrors, throwProblems } from './errors.ts';
import {
  CONFIG_KEYS,
  ruleOptionProperties,
  runtimeSchema,
  SECTION_KEYS,
  SEVERITY_SETTINGS,
  TEMPLATE_KEYS,
} from './schema.ts';
import type { RawConfig } from './types.ts';

/** Aliases expand to at most this many nodes in total: an alias bomb stops here. */
export const MAX_ALIAS_COUNT = 200;

export type KeyPath = readonly (string | number)[];

/** A parsed config file: the plain value plus what is needed to locate keys in it. */
export interface ParsedConfigFile {
  file: string;
  raw: RawConfig;
  /** Undefined for an empty file. */
  doc: Document | undefined;
  lines: LineCounter;
}

export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** `rules.phi`, `templates.intake.sections[2]`, `extends[1]`, `templates["my template"]`. */
export function formatKeyPath(keyPath: KeyPath): string {
  let out = '';
  for (const seg of keyPath) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_$][A-Za-z0-9_$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * Parses the text (YAML or JSON) into a plain object. Throws a located
 * ConfigError for a syntax error, an alias bomb, or a file that is not a mapping.
 * An empty file (or only comments) is `{}`.
 */
export function parseConfigText(text: string, file: string): ParsedConfigFile {
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true, merge: true });
  } catch (err) {
    // The parser reports problems in doc.errors; this is only a backstop.
    throw new ConfigError(`cannot read the YAML: ${(err as Error).message}`, file, 1, 1);
  }
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => {
      const start = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
      const end = e.linePos?.[1] ?? lines.linePos(e.pos[1]);
      return new ConfigError(yamlMessage(e.message, e.code), file, start.line, start.col, undefined, end.line, end.col);
    });
    throwProblems(errors);
  }
  if (doc.contents === null) return { file, raw: {}, doc: undefined, lines };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const alias = firstAlias(doc);
    const at = lines.linePos(alias?.range?.[0] ?? 0);
    const message =
      err instanceof ReferenceError && /alias/i.test(err.message)
        ? `too many YAML aliases (*name) to expand (more than ${MAX_ALIAS_COUNT}); the file looks like an "alias bomb" and is not read`
        : `cannot read the YAML: ${(err as Error).message}`;
    throw new ConfigError(message, file, at.line, at.col);
  }
  if (value === null || value === undefined) return { file, raw: {}, doc: undefined, lines };
  if (typeof value !== 'object' || Array.isArray(value)) {
    const node = doc.contents as YamlNode;
    const loc = rangeLocation(lines, node.range);
    const got = Array.isArray(value) ? 'a list' : `${describeValue(value)}`;
    throw new ConfigError(
      `the config must be a mapping of settings (like \`rules:\` and \`templates:\`), not ${got}`,
      file,
      loc.line,
      loc.column,
      undefined,
      loc.endLine,
      loc.endColumn,
    );
  }
  // `rules:` with every entry commented out is null: treat an empty top-level key as absent.
  const raw = { ...(value as Record<string, unknown>) };
  for (const [k, v] of Object.entries(raw)) if (v === null && (CONFIG_KEYS as readonly string[]).includes(k)) delete raw[k];
  return { file, raw: raw as RawConfig, doc, lines };
}

function yamlMessage(message: string, code: string): string {
  if (/call stack/i.test(message)) return 'invalid YAML: nested too deeply';
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
  const text = first.charAt(0).toLowerCase() + first.slice(1);
  if (code === 'DUPLICATE_KEY') return `${text} (a key is written twice)`;
  return `invalid YAML: ${text}`;
}

function firstAlias(doc: Document): YamlNode | undefined {
  let found: YamlNode | undefined;
  const visit = (n: unknown): void => {
    if (found) return;
    if (isAlias(n)) found = n;
    else if (isPair(n)) {
      visit(n.key);
      visit(n.value);
    } else if (isMap(n) || isSeq(n)) for (const item of n.items) visit(item);
  };
  visit(doc.contents);
  return found;
}

function rangeLocation(lines: LineCounter, range: readonly number[] | null | undefined): Location {
  const start = lines.linePos(range?.[0] ?? 0);
  const end = lines.linePos(range?.[1] ?? range?.[0] ?? 0);
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/**
 * Where `keyPath` is in the file: its value (or its key, for `at: 'key'`), else
 * the nearest enclosing node that exists (e.g. a key merged in with `<<`).
 */
export function locate(parsed: ParsedConfigFile, keyPath: KeyPath, at: 'key' | 'value' = 'value'): Location {
  if (!parsed.doc) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  let node: unknown = parsed.doc.contents;
  let best: { range?: readonly number[] | null } | undefined = node as YamlNode;
  for (let i = 0; i < keyPath.length; i++) {
    const seg = keyPath[i]!;
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      keyNode = pair?.key;
      next = pair?.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    const last = i === keyPath.length - 1;
    if (last && at === 'key' && keyNode && (keyNode as YamlNode).range) return rangeLocation(parsed.lines, (keyNode as YamlNode).range);
    if (next === undefined || next === null) {
      // A key with an empty value: point at the key.
      if (keyNode && (keyNode as YamlNode).range) return rangeLocation(parsed.lines, (keyNode as YamlNode).range);
      break;
    }
    // An empty value (`frontmatter:` with nothing after it) has no text of its own: point at its key.
    if (last && isScalar(next) && next.value === null && keyNode && (keyNode as YamlNode).range) {
      return rangeLocation(parsed.lines, (keyNode as YamlNode).range);
    }
    node = next;
    if ((node as YamlNode).range) best = node as YamlNode;
  }
  return rangeLocation(parsed.lines, best?.range);
}

/** A ConfigError at `keyPath` in the parsed file. */
export function errorAt(parsed: ParsedConfigFile, keyPath: KeyPath, message: string, at: 'key' | 'value' = 'value'): ConfigError {
  const loc = locate(parsed, keyPath, at);
  return new ConfigError(
    message,
    parsed.file,
    loc.line,
    loc.column,
    keyPath.length ? formatKeyPath(keyPath) : undefined,
    loc.endLine,
    loc.endColumn,
  );
}

// ---------------------------------------------------------------------------
// Schema validation

let validator: Promise<ValidateFunction> | undefined;

/**
 * The validator, on first use: the precompiled one (schema-validator.generated.js)
 * when it was generated from the current schema, else ajv compiles the schema
 * (ajv is loaded only then). Either way, once per process.
 */
function getValidator(): Promise<ValidateFunction> {
  return (validator ??= (async () => {
    const { schema, hash } = runtimeSchema();
    try {
      const pre = await import('./schema-validator.generated.js');
      if (pre.SCHEMA_HASH === hash) return pre.validate;
    } catch {
      // Missing or broken: compile below.
    }
    const mod = (await import('ajv')) as unknown as { default: unknown };
    const AjvClass = ((mod.default as { default?: unknown }).default ?? mod.default) as typeof import('ajv').default;
    return new AjvClass({ allErrors: true, strict: false }).compile(schema);
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

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A JSON-ish rendering of a value for "got ..." (short, never a whole mapping). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 37))}…` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  array: 'a list',
  object: 'a mapping (key: value)',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  null: 'empty',
};

/** Severity spellings people bring from other tools. */
const SEVERITY_ALIASES: Record<string, string> = {
  warn: 'warning',
  warnings: 'warning',
  err: 'error',
  errors: 'error',
  fail: 'error',
  information: 'info',
  informational: 'info',
  hint: 'info',
  note: 'info',
  notice: 'info',
  none: 'off',
  no: 'off',
  false: 'off',
  disable: 'off',
  disabled: 'off',
  ignore: 'off',
  '0': 'off',
  '1': 'warning',
  '2': 'error',
};

/** The closest of `candidates` to `value`: a known alias, a case slip, a prefix, or a small edit. */
export function suggest(value: string, candidates: readonly string[], aliases: Record<string, string> = {}): string | undefined {
  const lower = value.toLowerCase().trim();
  const alias = aliases[lower];
  if (alias && candidates.includes(alias)) return alias;
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  if (lower.length >= 3) {
    const prefix = candidates.filter((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()));
    if (prefix.length === 1) return prefix[0];
  }
  return didYouMean(value, candidates)[0];
}

const didYouMeanText = (s: string | undefined): string => (s ? ` (did you mean "${s}"?)` : '');

/** What kind of key an `additionalProperties` error is about, and what is allowed there. */
function unknownKeyMessage(path: KeyPath, prop: string): string {
  const [top, second] = path;
  if (path.length === 0) {
    const s = suggest(prop, CONFIG_KEYS.filter((k) => k !== '$schema'));
    return `unknown setting "${prop}"${didYouMeanText(s)}; settings are ${CONFIG_KEYS.filter((k) => k !== '$schema').join(', ')}`;
  }
  if (top === 'rules' && path.length === 1) {
    const ids = [...RULES_BY_ID.keys()];
    const s = suggest(prop, ids);
    return s ? `unknown rule "${prop}" (did you mean "${s}"?)` : `unknown rule "${prop}"; rules are ${ids.join(', ')}`;
  }
  if (top === 'rules' && path.length === 2 && typeof second === 'string') {
    const rule = RULES_BY_ID.get(second);
    const options = rule ? Object.keys(ruleOptionProperties(rule).properties) : [];
    const s = suggest(prop, ['severity', ...options]);
    const takes = options.length
      ? `${second} takes severity, ${options.join(', ')}`
      : `${second} takes no options besides severity`;
    return `unknown option "${prop}"${didYouMeanText(s)}; ${takes}`;
  }
  if (top === 'vocabulary' && path.length === 1) {
    const s = suggest(prop, VOCABULARY_NAMES);
    return `unknown vocabulary "${prop}"${didYouMeanText(s)}; vocabularies are ${VOCABULARY_NAMES.join(', ')}`;
  }
  if (top === 'vocabulary' && path.length === 2) {
    const s = suggest(prop, ['add', 'remove']);
    return `unknown key "${prop}"${didYouMeanText(s)}; use add and remove`;
  }
  if (top === 'templates' && path.length === 2) {
    const s = suggest(prop, TEMPLATE_KEYS);
    return `unknown template setting "${prop}"${didYouMeanText(s)}; templates take ${TEMPLATE_KEYS.join(', ')}`;
  }
  if (top === 'templates' && path.length === 4) {
    const s = suggest(prop, SECTION_KEYS);
    return `unknown section setting "${prop}"${didYouMeanText(s)}; sections take ${SECTION_KEYS.join(', ')}`;
  }
  if (top === 'visits' && path.length === 1) {
    const s = suggest(prop, ['groupBy']);
    return `unknown setting "${prop}"${didYouMeanText(s)}; visits takes groupBy`;
  }
  return `unknown key "${prop}"`;
}

const isRuleSeverityPath = (path: KeyPath): boolean =>
  path[0] === 'rules' && (path.length === 2 || (path.length === 3 && path[2] === 'severity'));

function wrongTypeMessage(path: KeyPath, value: unknown): string {
  const got = describeValue(value);
  if (path[0] === 'rules' && path.length === 2) {
    let hint = '';
    if (typeof value === 'number' || typeof value === 'boolean') {
      const s = SEVERITY_ALIASES[String(value)];
      hint = s ? `; did you mean "${s}"?` : '';
    } else if (Array.isArray(value)) {
      hint = '; write a mapping instead, e.g. { severity: warning, ... }';
    }
    return `must be a severity (${SEVERITY_SETTINGS.join(', ')}) or a mapping with severity and options (got ${got}${hint})`;
  }
  if (path[0] === 'templates' && path[2] === 'sections' && path.length === 4) {
    return `must be a section name or a mapping with a "name" (got ${got})`;
  }
  if (path[0] === 'extends') {
    return `must be a preset name or a file path, or a list of them (got ${got})`;
  }
  return `has the wrong type (got ${got})`;
}

function describeError(parsed: ParsedConfigFile, e: ErrorObject): ConfigError | undefined {
  const path = pointerToPath(e.instancePath);
  const value = e.data;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword as string) {
    case 'additionalProperties': {
      const prop = String(params.additionalProperty);
      return errorAt(parsed, [...path, prop], unknownKeyMessage(path, prop), 'key');
    }
    case 'anyOf:type':
      return errorAt(parsed, path, wrongTypeMessage(path, value));
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const s = typeof value === 'string' ? suggest(value, allowed, isRuleSeverityPath(path) ? SEVERITY_ALIASES : {}) : undefined;
      const what = isRuleSeverityPath(path) ? 'severity must' : 'must';
      return errorAt(
        parsed,
        path,
        `${what} be one of ${allowed.join(', ')} (got ${describeValue(value)}${s ? `; did you mean "${s}"?` : ''})`,
      );
    }
    case 'type': {
      const want = String(params.type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ');
      const parentIsList = typeof path[path.length - 1] === 'number';
      let hint = '';
      if (params.type === 'array' && typeof value === 'string') hint = `; write it as a list: [${JSON.stringify(value)}]`;
      const listWord = params.type === 'array' && /^(include|ignore)$/.test(String(path[0])) && path.length === 1 ? 'a list of globs' : want;
      return errorAt(
        parsed,
        path,
        `${parentIsList ? 'each entry ' : ''}must be ${listWord} (got ${describeValue(value)}${hint})`,
      );
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const inSection = path[0] === 'templates' && path[2] === 'sections';
      return errorAt(
        parsed,
        path,
        inSection ? `a section written as a mapping needs a "${missing}"` : `missing "${missing}"`,
      );
    }
    case 'minLength':
      return errorAt(parsed, path, 'must not be empty');
    case 'minimum':
    case 'exclusiveMinimum':
      return errorAt(parsed, path, `must be at least ${String(params.limit)} (got ${describeValue(value)})`);
    case 'maximum':
    case 'exclusiveMaximum':
      return errorAt(parsed, path, `must be at most ${String(params.limit)} (got ${describeValue(value)})`);
    case 'minItems':
      return errorAt(parsed, path, `needs at least ${String(params.limit)} entries`);
    case 'pattern':
      if (typeof value === 'string' && value.trim() === '') return errorAt(parsed, path, 'must not be empty');
      if (path[0] === 'include' || path[0] === 'ignore') {
        return errorAt(parsed, path, 'negated globs ("!...") are not supported: list what to add in include and what to leave out in ignore');
      }
      return errorAt(parsed, path, `does not have the expected form (got ${describeValue(value)})`);
    case 'if':
    case 'not':
      return undefined;
    default:
      return errorAt(parsed, path, e.message ?? 'is not valid');
  }
}
