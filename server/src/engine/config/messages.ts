/**
 * The wording of config problems, for a clinician rather than a schema author.
 *
 * No message quotes the file's content: not a value ("got text", never the
 * text), not a preset or template name it wrote. The location (file, line,
 * column) and the key path say where to look. A config can be pointed at a
 * file that holds secrets (`extends`, a symlink), and CI logs are often
 * public, so an error must never become a way to print a file.
 */
import type { ErrorObject } from 'ajv';
import { didYouMean } from '../rules/util.ts';
import { RULES_BY_ID } from '../rules/index.ts';
import { VOCABULARY_NAMES } from '../vocabulary/index.ts';
import type { ConfigError } from './errors.ts';
import { CONFIG_KEYS, ruleOptionProperties, SECTION_KEYS, SEVERITY_SETTINGS, TEMPLATE_KEYS } from './schema.ts';
import { describeValue, errorAt, pointerToPath, type KeyPath, type ParsedConfigFile } from './validate.ts';


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
    return `unknown setting${didYouMeanText(s)}; settings are ${CONFIG_KEYS.filter((k) => k !== '$schema').join(', ')}`;
  }
  if (top === 'rules' && path.length === 1) {
    const ids = [...RULES_BY_ID.keys()];
    const s = suggest(prop, ids);
    return s ? `unknown rule (did you mean "${s}"?)` : `unknown rule; rules are ${ids.join(', ')}`;
  }
  if (top === 'rules' && path.length === 2 && typeof second === 'string') {
    const rule = RULES_BY_ID.get(second);
    const options = rule ? Object.keys(ruleOptionProperties(rule).properties) : [];
    const s = suggest(prop, ['severity', ...options]);
    const takes = options.length
      ? `${second} takes severity, ${options.join(', ')}`
      : `${second} takes no options besides severity`;
    return `unknown option${didYouMeanText(s)}; ${takes}`;
  }
  if (top === 'vocabulary' && path.length === 1) {
    const s = suggest(prop, VOCABULARY_NAMES);
    return `unknown vocabulary${didYouMeanText(s)}; vocabularies are ${VOCABULARY_NAMES.join(', ')}`;
  }
  if (top === 'vocabulary' && path.length === 2) {
    const s = suggest(prop, ['add', 'remove']);
    return `unknown key${didYouMeanText(s)}; use add and remove`;
  }
  if (top === 'templates' && path.length === 2) {
    const s = suggest(prop, TEMPLATE_KEYS);
    return `unknown template setting${didYouMeanText(s)}; templates take ${TEMPLATE_KEYS.join(', ')}`;
  }
  if (top === 'templates' && path.length === 4) {
    const s = suggest(prop, SECTION_KEYS);
    return `unknown section setting${didYouMeanText(s)}; sections take ${SECTION_KEYS.join(', ')}`;
  }
  if (top === 'visits' && path.length === 1) {
    const s = suggest(prop, ['groupBy']);
    return `unknown setting${didYouMeanText(s)}; visits takes groupBy`;
  }
  return 'unknown key';
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

export function describeError(parsed: ParsedConfigFile, e: ErrorObject): ConfigError | undefined {
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
      if (params.type === 'array' && typeof value === 'string') hint = '; write it as a list: [ ... ]';
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
