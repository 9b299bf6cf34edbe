/**
 * Reading one config file's text: YAML (JSON is YAML) parsed with positions.
 * Every problem becomes a ConfigError naming the file, line, column and key
 * path. Nothing here throws anything but ConfigError, nothing here runs code
 * from the file, and no message quotes the file's content (see messages.ts):
 * a config may have been pointed at a file that holds secrets.
 * Schema checks are in schema-check.ts, their wording in messages.ts.
 */
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { ConfigError, throwProblems } from './errors.ts';
import { yamlProblem } from '../yaml-messages.ts';
import { CONFIG_KEYS } from './schema.ts';
import type { RawConfig } from './types.ts';
import { getYaml } from '../packages-provider.ts';

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
  const { LineCounter, parseDocument } = getYaml();
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true, merge: true });
  } catch (err) {
    // The parser reports problems in doc.errors; this is only a backstop.
    throw new ConfigError(`invalid YAML: ${yamlProblem(undefined, (err as Error)?.message)}`, file, 1, 1);
  }
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => {
      const start = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
      const end = e.linePos?.[1] ?? lines.linePos(e.pos[1]);
      return new ConfigError(`invalid YAML: ${yamlProblem(e.code, e.message)}`, file, start.line, start.col, undefined, end.line, end.col);
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
        : `invalid YAML: ${yamlProblem(undefined, (err as Error)?.message)}`;
    throw new ConfigError(message, file, at.line, at.col);
  }
  if (value === null || value === undefined) return { file, raw: {}, doc: undefined, lines };
  if (typeof value !== 'object' || Array.isArray(value)) {
    const node = doc.contents as YamlNode;
    const loc = rangeLocation(lines, node.range);
    const got = describeValue(value);
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

function firstAlias(doc: Document): YamlNode | undefined {
  const { isAlias, isMap, isPair, isSeq } = getYaml();
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
  const { isMap, isScalar, isSeq } = getYaml();
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

/** What kind of value was found, for "got ...": its type, never the value itself. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

/** `/rules/phi/severity` → `["rules", "phi", "severity"]`. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
