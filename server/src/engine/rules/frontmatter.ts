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
import { didYouMean, firstLine } from './util.ts';
import { PATIENT_KEY_ADVICE, patientKeyProblem } from '../visits/patient-key.ts';
import { FRONT_MATTER_KEYS, VISIT_KINDS, normalizeSectionKey, type FrontMatter, type FrontMatterEntry, type Note } from '../model/note.ts';
import type { Range } from '../model/text.ts';
import type { ResolvedConfig } from '../config/types.ts';
import { sectionResolver } from '../config/resolve.ts';

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

/** A patient key must be random: never a birth date, a record number or the patient value (messages never repeat it). */
function checkPatientKey(note: Note, e: FrontMatterEntry, patient: FrontMatterEntry | undefined, report: Report): void {
  const problem = patientKeyProblem(e.value, typeof patient?.value === 'string' ? patient.value : undefined);
  if (!problem) return;
  report({
    range: valueRange(note, e),
    message: `"patient-key" ${PATIENT_KEY_ADVICE[problem]}. Use a random key (New Note and \`visitnotes init\` make one).`,
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOOSE_YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

function checkDate(note: Note, e: FrontMatterEntry, report: Report): void {
  const range = valueRange(note, e);
  const raw = typeof e.value === 'string' ? e.value.trim() : typeof e.value === 'number' ? String(e.value) : undefined;
  if (raw === undefined) {
    report({ range, message: '"date" should be the visit date written YYYY-MM-DD.' });
    return;
  }
  const iso = ISO_DATE.exec(raw);
  if (iso) {
    if (!isCalendarDate(+iso[1]!, +iso[2]!, +iso[3]!)) {
      report({ range, message: '"date" is not a real calendar date (YYYY-MM-DD).' });
    }
    return;
  }
  // Year first with other separators or unpadded parts is unambiguous: offer the ISO form.
  const loose = LOOSE_YMD.exec(raw);
  if (loose && isCalendarDate(+loose[1]!, +loose[2]!, +loose[3]!)) {
    const fixed = `${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}`;
    report({
      range,
      message: '"date" should be written YYYY-MM-DD.',
      fix: { title: `Write the date as ${fixed}`, edits: [{ range: e.valueRange, newText: fixed }] },
    });
    return;
  }
  report({ range, message: '"date" should be the visit date written YYYY-MM-DD.' });
}

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

function checkVisit(note: Note, e: FrontMatterEntry, report: Report): void {
  const range = valueRange(note, e);
  const value = typeof e.value === 'string' ? e.value.trim() : undefined;
  // Case is not significant: `Follow-up` is read as `follow-up`.
  if (value !== undefined && (VISIT_KINDS as readonly string[]).includes(value.toLowerCase())) return;
  const close = value === undefined ? [] : didYouMean(value, VISIT_KINDS);
  const kinds = VISIT_KINDS.join(', ');
  if (close.length === 1) {
    report({
      range,
      message: `"visit" should be one of ${kinds} — did you mean "${close[0]}"?`,
      fix: { title: `Change visit to "${close[0]}"`, edits: [{ range: e.valueRange, newText: close[0]! }] },
    });
    return;
  }
  report({ range, message: `"visit" should be one of ${kinds}.` });
}

function checkTemplate(note: Note, e: FrontMatterEntry, templates: string[], fallback: string, report: Report): void {
  const value = typeof e.value === 'string' ? e.value.trim() : undefined;
  if (value !== undefined && templates.includes(value)) return;
  const range = valueRange(note, e);
  const sameCase = value === undefined ? [] : templates.filter((t) => t.toLowerCase() === value.toLowerCase());
  const close = sameCase.length > 0 ? sameCase : value === undefined ? [] : didYouMean(value, templates);
  const applies = templates.includes(fallback) ? ` "${fallback}" applies instead` : '';
  const base = `No template of this name is defined in the config${applies ? ';' + applies : ''}`;
  if (close.length === 1) {
    report({
      range,
      message: `${base} — did you mean "${close[0]}"?`,
      fix: { title: `Change template to "${close[0]}"`, edits: [{ range: e.valueRange, newText: close[0]! }] },
    });
    return;
  }
  report({ range, message: `${base} (defined: ${templates.join(', ')}).` });
}

/** Did-you-mean for keys: case-only differences first, then near spellings. */
function closeKeys(key: string, known: string[]): string[] {
  const sameCase = known.filter((k) => k.toLowerCase() === key.toLowerCase());
  if (sameCase.length > 0) return sameCase;
  return didYouMean(key, known);
}

/** A key is echoed only when it looks like a key; anything else could be note content. */
function quoteKey(key: string): string {
  return /^[\w-]{1,30}$/.test(key) ? `"${key}"` : '(this one)';
}

function yamlMessage(message: string): string {
  const m = message.trim().replace(/\s+/g, ' ');
  // The yaml package appends the offending alias or tag; drop it, it is note content.
  const cut = m.replace(/\):\s.*$/, ')');
  const short = cut.length > 120 ? `${cut.slice(0, 117)}...` : cut;
  return /[.!?]$/.test(short) ? short : `${short}.`;
}

function valueRange(note: Note, e: FrontMatterEntry): Range {
  return e.valueRange.end > e.valueRange.start ? firstLine(note, e.valueRange) : e.keyRange;
}

function stringList(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
}
