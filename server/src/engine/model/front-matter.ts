/** Front matter: YAML parsed with the `yaml` package, every key and value mapped to note offsets. */
import type { Node as YamlNode } from 'yaml';
import type { FrontMatter, FrontMatterEntry } from './note.ts';
import { yamlProblem } from '../yaml-messages.ts';
import type { Range } from './text.ts';
import { simpleFrontMatter } from './front-matter-simple.ts';
import { getYaml } from '../packages-provider.ts';

/** Alias expansion is bounded so a "billion laughs" document cannot exhaust memory. */
const MAX_ALIAS_COUNT = 50;

export function buildFrontMatter(text: string, range: Range, value: string): FrontMatter {
  // The YAML starts on the line after the opening fence.
  const nl = text.indexOf('\n', range.start);
  const yamlStart = nl < 0 ? range.end : Math.min(nl + 1, range.end);
  const yamlRange = { start: yamlStart, end: yamlStart + value.length };
  return simpleFrontMatter(text, range, yamlRange, value) ?? yamlFrontMatter(text, range, yamlRange, value);
}

/** The front matter as the `yaml` package reads it (exported for the test of front-matter-simple.ts). */
export function yamlFrontMatter(text: string, range: Range, yamlRange: Range, value: string): FrontMatter {
  const yamlStart = yamlRange.start;
  const errors: FrontMatter['errors'] = [];
  const entries: FrontMatterEntry[] = [];
  let data: unknown;

  const { isMap, isScalar, LineCounter, parseDocument } = getYaml();
  const lineCounter = new LineCounter();
  // logLevel 'error': no process warnings (e.g. for a collection used as a key) on the CLI's or server's stderr.
  const doc = parseDocument(value, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  for (const e of doc.errors) {
    const [a, b] = e.pos;
    errors.push({
      // Our wording, never the parser's: its messages can quote the note.
      message: yamlProblem(e.code, e.message),
      range: { start: yamlStart + a, end: yamlStart + Math.max(b, a + 1) },
    });
  }
  if (errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      errors.push({ message: yamlProblem(undefined, (err as Error)?.message), range: yamlRange });
    }
  }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const k = pair.key as YamlNode | null;
      if (!k || !isScalar(k) || !k.range) continue;
      const keyRange = { start: yamlStart + k.range[0], end: yamlStart + k.range[1] };
      const v = pair.value as YamlNode | null;
      const vr = v?.range;
      const valueRange = vr
        ? { start: yamlStart + vr[0], end: yamlStart + vr[1] }
        : { start: keyRange.end, end: keyRange.end };
      let jsValue: unknown = null;
      if (v) {
        try {
          jsValue = isScalar(v) ? v.value : v.toJSON();
        } catch {
          jsValue = undefined;
        }
      }
      entries.push({
        key: String(k.value),
        keyRange,
        value: jsValue,
        valueText: text.slice(valueRange.start, valueRange.end),
        valueRange,
      });
    }
  }
  return { range, yamlRange, entries, data, errors };
}
