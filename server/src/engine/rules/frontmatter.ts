/**
 * frontmatter: the YAML block at the top of a note that says whose visit it is,
 * when, what kind, and which template applies.
 *
 * Checks, in order (later checks are skipped when an earlier one makes them moot):
 * missing front matter, front matter not on the first line, unterminated front
 * matter, invalid YAML (at the YAML's own position), YAML that is not a mapping,
 * duplicate keys, missing or empty `patient` / `date`, `date` format and calendar
 * validity, `visit` value, `template` value, unknown keys (did-you-mean).
 *
 * Messages never echo values: `patient` is an identifier, and any free-text value
 * could hold one. Key names are echoed only when they look like key names.
 */
import { defineRule, type Fix, type OptionsOf, type RuleContext } from './types.ts';
import { firstLine } from './util.ts';
import { FRONT_MATTER_KEYS, VISIT_KINDS, normalizeSectionKey, type FrontMatter, type FrontMatterEntry, type Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { sectionResolver } from '../config/resolve.ts';
import { checkDate, checkPatientKey, checkTemplate, checkVisit, closeKeys, quoteKey, stringList, valueRange, yamlMessage } from './frontmatter/values.ts';

const OPTIONS = {
  type: 'object',
  properties: {
    allowKeys: {
      type: 'array',
      items: { type: 'string' },
      description: 'Extra front-matter keys to accept without a warning.',
    },
    requireKeys: {
      type: 'array',
      items: { type: 'string' },
      description: 'Keys to require in addition to patient and date.',
    },
  },
} as const;
export type FrontmatterOptions = OptionsOf<typeof OPTIONS>;

const REQUIRED = ['patient', 'date'] as const;
const KEY_HINT: Record<string, string> = {
  patient: 'initials or a pseudonym',
  date: 'the visit date, YYYY-MM-DD',
  clinician: 'who saw the person',
  visit: VISIT_KINDS.join(' | '),
  template: 'a template from the config',
};

export default defineRule({
  id: 'frontmatter',
  description: 'Front matter is missing, is not valid YAML, lacks `patient` or `date`, or has an invalid or unknown key.',
  defaultSeverity: 'error',
  defaultOptions: { allowKeys: [], requireKeys: [] },
  optionsSchema: OPTIONS,
  fixable: true,
  check(context) {
    const { note, report, config } = context;
    const fm = note.frontMatter;
    if (!fm) {
      checkAbsent(note, report);
      return;
    }
    const fence = firstLine(note, fm.range);

    if (frontMatterSwallowsNote(note, config)) {
      report({
        range: fence,
        message: 'Front matter is not closed before the note begins: add a "---" line after the last key.',
        fix: closingFenceFix(note, note.lines.lineAt(fm.range.start) + 1),
      });
      return;
    }
    if (fm.errors.length > 0) {
      const seenLines = new Set<number>();
      for (const e of fm.errors) {
        const line = note.lines.lineAt(e.range.start);
        if (seenLines.has(line)) continue; // one finding per line: YAML errors cascade
        seenLines.add(line);
        report({ range: firstLine(note, e.range), message: `Front matter is not valid YAML: ${yamlMessage(e.message)}` });
      }
      return;
    }

    if (fm.data === null || fm.data === undefined) {
      report({ range: fence, message: 'Front matter is empty: add "patient" and "date".' });
      return;
    }
    if (typeof fm.data !== 'object' || Array.isArray(fm.data)) {
      report({
        range: firstLine(note, fm.yamlRange),
        message: 'Front matter should be "key: value" lines (a YAML mapping).',
      });
      return;
    }

    checkKeys(context, fm, fence);
  },
});

type Report = RuleContext['report'];

/**
 * True when the closing fence is missing and a later `---` (a thematic break)
 * closed the front matter instead, so section headings ended up inside the YAML
 * (where `## Story` reads as a comment). Other rules use this to stay quiet
 * about "missing" sections that are really there.
 */
export function frontMatterSwallowsNote(note: Note, config: ResolvedConfig): boolean {
  const fm = note.frontMatter;
  if (!fm) return false;
  const resolve = sectionResolver(config);
  const yamlText = note.text.slice(fm.yamlRange.start, fm.yamlRange.end);
  for (const m of yamlText.matchAll(/^(#{1,6})[ \t]+(.*?)[ \t]*\r?$/gm)) {
    if (resolve(normalizeSectionKey(m[2]!)) !== undefined) return true;
    // With YAML errors too, any `##` heading line gives it away.
    if (fm.errors.length > 0 && m[1]!.length >= 2) return true;
  }
  return false;
}

/** No front matter in the model: missing, not at the top, or never closed. */
function checkAbsent(note: Note, report: Report): void {
  const text = note.text;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstLineRange = firstLine(note, { start: 0, end: text.length });
  if (/^---[ \t]*(?:\r\n|\r|\n|$)/.test(text.slice(bom))) {
    report({
      range: firstLineRange,
      message: 'Front matter is not closed: add a "---" line after the last key.',
      fix: closingFenceFix(note, 1),
    });
    return;
  }
  // Blank lines before a fence: remark only recognises front matter on line 1.
  const lead = /^(?:[ \t]*(?:\r\n|\r|\n))+(?=---[ \t]*(?:\r\n|\r|\n))/.exec(text.slice(bom));
  if (lead) {
    const fenceStart = bom + lead[0].length;
    report({
      range: firstLine(note, { start: fenceStart, end: text.length }),
      message: 'Front matter must start on the first line of the note.',
      fix: { title: 'Remove the blank lines above the front matter', edits: [{ range: { start: bom, end: fenceStart }, newText: '' }] },
    });
    return;
  }
  report({
    range: firstLineRange,
    message: 'No front matter: start the note with a "---" block giving at least "patient" and "date".',
  });
}

/**
 * Insert the closing `---` after the run of `key: value` lines that starts at
 * `fromLine`, when that run is clearly the YAML (it ends at a blank line, a
 * heading or the end of the note). Otherwise no fix: guessing could swallow prose.
 */
function closingFenceFix(note: Note, fromLine: number): Fix | undefined {
  const { lines } = note;
  const keyLine = /^[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)/;
  let line = fromLine;
  while (line < lines.lineCount && keyLine.test(lines.lineText(line))) line++;
  if (line === fromLine) return undefined;
  const eol = lines.eol;
  if (line >= lines.lineCount) {
    // The key lines run to the end of a note without a final line break.
    const end = note.text.length;
    return { title: 'Close the front matter', edits: [{ range: { start: end, end }, newText: `${eol}---${eol}` }] };
  }
  const next = lines.lineText(line);
  if (next.trim() !== '' && !/^#{1,6}[ \t]/.test(next)) return undefined;
  const at = lines.lineStart(line);
  return {
    title: 'Close the front matter',
    edits: [{ range: { start: at, end: at }, newText: next.trim() === '' ? `---${eol}` : `---${eol}${eol}` }],
  };
}

function checkKeys(context: RuleContext<FrontmatterOptions>, fm: FrontMatter, fence: Range): void {
  const { note, report, options, config } = context;
  const allow = stringList(options.allowKeys);
  const known = [...FRONT_MATTER_KEYS, ...allow];
  const required = [...REQUIRED, ...stringList(options.requireKeys).filter((k) => !(REQUIRED as readonly string[]).includes(k))];

  // Duplicate keys: YAML keeps the last, which is rarely what the writer meant.
  const firstByKey = new Map<string, FrontMatterEntry>();
  for (const e of fm.entries) {
    const first = firstByKey.get(e.key);
    if (!first) {
      firstByKey.set(e.key, e);
      continue;
    }
    report({
      range: e.keyRange,
      message: `Front-matter key ${quoteKey(e.key)} is given twice; only the last value counts.`,
      related: [{ range: first.keyRange, message: 'First given here.' }],
    });
  }
  const present = new Set(fm.entries.map((e) => e.key));

  // Unknown keys first: a unique did-you-mean for a required key stands in for "missing".
  const coveredByRename = new Set<string>();
  const unknown = fm.entries
    .filter((e) => !known.includes(e.key))
    .map((e) => {
      const candidates = closeKeys(e.key, known);
      return { e, target: candidates.length === 1 ? candidates[0]! : undefined };
    });
  for (const { e, target } of unknown) {
    // Rename only into a key that is free, and that no other unknown key also wants.
    const renamable = target !== undefined && !present.has(target) && unknown.filter((u) => u.target === target).length === 1;
    const fix: Fix | undefined = renamable
      ? { title: `Rename key to "${target}"`, edits: [{ range: e.keyRange, newText: target }] }
      : undefined;
    if (target && !present.has(target)) coveredByRename.add(target);
    const name = quoteKey(e.key);
    // A misspelt required key means the note lacks that key: an error. Any other unknown
    // key (`supervisor:`) is only ignored, a warning that never fails CI on its own.
    const standsForMissing = target !== undefined && required.includes(target) && !present.has(target);
    report({
      range: e.keyRange,
      message: target
        ? `Unknown front-matter key ${name} is ignored — did you mean "${target}"?`
        : `Unknown front-matter key ${name} is ignored (known keys: ${known.join(', ')}; a program can accept it with the frontmatter rule's \`allowKeys\`).`,
      ...(fix ? { fix } : {}),
      ...(standsForMissing ? {} : { severity: 'warning' as const }),
    });
  }

  for (const key of required) {
    if (present.has(key) || coveredByRename.has(key)) continue;
    const hint = KEY_HINT[key];
    report({ range: fence, message: `Front matter has no "${key}"${hint ? ` (${hint})` : ''}.` });
  }

  const lastByKey = new Map(fm.entries.map((e) => [e.key, e]));
  for (const e of fm.entries) {
    if (lastByKey.get(e.key) !== e) continue; // validate the value YAML keeps
    const isRequired = required.includes(e.key);
    if (e.value === null || e.value === undefined || (typeof e.value === 'string' && e.value.trim() === '')) {
      if (isRequired || e.key === 'visit' || e.key === 'template') {
        report({
          range: e.keyRange,
          message: isRequired
            ? `"${e.key}" has no value${KEY_HINT[e.key] ? ` (${KEY_HINT[e.key]})` : ''}.`
            : `"${e.key}" has no value: give one (${KEY_HINT[e.key]}) or remove the line.`,
        });
      }
      continue;
    }
    switch (e.key) {
      case 'patient':
      case 'clinician':
        if (typeof e.value === 'object') {
          report({ range: valueRange(note, e), message: `"${e.key}" should be plain text, not a list or mapping.` });
        }
        break;
      case 'date':
        checkDate(note, e, report);
        break;
      case 'visit':
        checkVisit(note, e, report);
        break;
      case 'template':
        checkTemplate(note, e, Object.keys(config.templates), config.defaultTemplate, report);
        break;
      case 'patient-key':
        checkPatientKey(note, e, lastByKey.get('patient'), report);
        break;
    }
  }
}
