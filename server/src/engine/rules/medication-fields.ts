/**
 * medication-fields: the fields of each `###` medication entry.
 *
 * - A field the template requires (default Rationale and Meaning) is missing:
 *   reported at the medication heading. Inserting `- Meaning: ` would leave an
 *   empty field, so that is a suggestion, not a fix. A required field that is
 *   present but empty is reported at the field.
 * - A field name that is a near miss for a known one (`Rationle`, `Meanig`,
 *   `Plans`): renamed by a fix when exactly one known name is close, offered
 *   as suggestions when several are. When such a near miss stands for a missing
 *   required field, only the near miss is reported (its fix cures both).
 *   `Reason:`, `Indication:` or `Purpose:` in an entry without a Rationale is
 *   renamed to Rationale the same way.
 *   List items that are not near misses (`- She said: "…"`) are prose, which is
 *   allowed under a medication; the option `unknownFields: all` reports every
 *   unknown name instead.
 * - `Change` is one of start | increase | decrease | continue | stop | taper |
 *   switch | hold | restart. Inflections (`stopped`), the synonyms and shorthand
 *   clinicians write (`uptitrate`, `cross-taper`, `d/c`, `resume`, `↑`, `inc.`,
 *   `no change`; model/change-words.ts) and one close spelling (`contine`) get a
 *   did-you-mean and a fix; otherwise each value is offered.
 * - A known field given twice in one entry. Plan, Response, Ambivalence and
 *   Concerns may repeat (one per goal, say; option `repeatableFields`); a second
 *   Change, Rationale or Meaning leaves the reader unsure which one counts.
 */
import { defineRule, type Fix, type RuleContext, type TextEdit } from './types.ts';
import { CHANGE_VALUES, MEANING_FIELDS, MEDICATION_FIELDS, type Medication, type MedicationField, type Note } from '../model/note.ts';
import { CHANGE_PHRASES, changeOfWord, isChangeValue, leadingChangeWord } from '../model/change-words.ts';
import { FIELD_SYNONYMS, fieldCandidates } from '../model/fields.ts';
import type { Range } from '../model/text.ts';
import { didYouMean, medicationName } from './util.ts';
import { hasLetterOrDigit, startsUpper } from '../letters.ts';

export default defineRule({
  id: 'medication-fields',
  description: 'A medication entry lacks a required field, or has a misspelled field, an invalid Change value or a field given twice.',
  defaultSeverity: 'warning',
  defaultOptions: { knownFields: [], unknownFields: 'typos', repeatableFields: ['Plan', 'Response', 'Ambivalence', 'Concerns'] },
  optionsSchema: {
    type: 'object',
    properties: {
      knownFields: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Extra field names accepted in medication entries (besides the built-in ones and the template’s required fields).',
      },
      unknownFields: {
        enum: ['typos', 'all'],
        description: '`typos` (default): report an unknown field name only when it is close to a known one; `all`: report every unknown name.',
      },
      repeatableFields: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Fields that may appear more than once in one entry (default Plan, Response, Ambivalence, Concerns); any other field given twice is reported.',
      },
    },
    additionalProperties: false,
  },
  fixable: true,
  check({ note, template, options, report }) {
    const required = unique(template.medicationFields);
    const extra = Array.isArray(options.knownFields) ? options.knownFields.filter((x): x is string => typeof x === 'string') : [];
    const known = unique([...MEDICATION_FIELDS, ...required, ...extra]);
    const byKey = new Map(known.map((k) => [k.toLowerCase(), k]));
    const repeatable = new Set(
      (Array.isArray(options.repeatableFields) ? options.repeatableFields : []).filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()),
    );

    for (const med of note.medications) {
      const name = medicationName(med.title);
      const present = new Map<string, MedicationField>();
      const nearMissTargets = new Set<string>();

      for (const field of med.fields) {
        const canonical = byKey.get(field.key);
        if (canonical === undefined) {
          const synonym = FIELD_SYNONYMS[field.key];
          if (synonym && byKey.has(synonym.toLowerCase()) && !med.fields.some((f) => f.key === synonym.toLowerCase())) {
            nearMissTargets.add(synonym.toLowerCase());
            report({
              range: field.nameRange,
              message: `"${field.name}" is not a medication field; this entry has no ${synonym}, which is what it is called.`,
              fix: { title: `Rename field to "${synonym}"`, edits: [{ range: field.nameRange, newText: synonym }] },
            });
            continue;
          }
          const candidates = fieldCandidates(field.name, known);
          if (candidates.length === 0) {
            if (options.unknownFields === 'all') {
              report({ range: field.nameRange, message: `"${field.name}" is not a known medication field (known: ${known.join(', ')}).` });
            }
            continue;
          }
          for (const c of candidates) nearMissTargets.add(c.toLowerCase());
          const rename = (c: string): Fix => ({ title: `Rename field to "${c}"`, edits: [{ range: field.nameRange, newText: c }] });
          const has = (c: string) => med.fields.some((f) => f.key === c.toLowerCase());
          if (candidates.length === 1 && !has(candidates[0]!)) {
            report({
              range: field.nameRange,
              message: `Unknown medication field "${field.name}"; did you mean "${candidates[0]}"?`,
              fix: rename(candidates[0]!),
            });
          } else {
            report({
              range: field.nameRange,
              message: `Unknown medication field "${field.name}"; did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?`,
              suggestions: candidates.map(rename),
            });
          }
          continue;
        }
        const first = present.get(field.key);
        if (first && !repeatable.has(field.key)) {
          report({
            range: field.nameRange,
            message: `${canonical} is given twice for ${name} (first on line ${note.lines.toLineColumn(first.nameRange.start).line}); keep one so readers know which counts.`,
            related: [{ range: first.nameRange, message: `${canonical} first given here` }],
          });
        } else present.set(field.key, field);
        if (field.key === 'change') checkChange(note, field, report);
        else if (required.some((r) => r.toLowerCase() === field.key) && !hasLetterOrDigit(field.value)) {
          report({ range: field.nameRange, message: `${canonical} for ${name} is empty.` });
        }
      }

      for (const field of required) {
        const key = field.toLowerCase();
        if (present.has(key) || nearMissTargets.has(key)) continue;
        // Ambivalence, Hopes and fears or Family history record meaning too (docs/format.md).
        if (key === 'meaning' && MEANING_FIELDS.some((f) => present.has(f.toLowerCase()))) continue;
        report({
          range: med.titleRange.end > med.titleRange.start ? med.titleRange : med.headingRange,
          message: `${name} has no ${field} field (the "${template.name}" template requires it).`,
          suggestions: [{ title: `Add "- ${field}: "`, edits: [insertFieldEdit(note, med, field)] }],
        });
      }
    }
  },
});

function unique(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = n.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function checkChange(note: Note, field: MedicationField, report: RuleContext['report']): void {
  const raw = note.text.slice(field.valueRange.start, field.valueRange.end);
  const lead = /^[\s*_~`"'([]*/.exec(raw)![0].length;
  const rest = raw.slice(lead);
  const allowed = CHANGE_VALUES.join(', ');
  const valueFix = (range: Range, value: string, written: string): Fix => ({
    title: `Change to "${matchCase(value, written)}"`,
    edits: [{ range, newText: matchCase(value, written) }],
  });
  // One sentence for every spelling problem: "Change "X" is not a Change value; did you mean …?"
  const notAValue = (written: string) => `Change "${written}" is not a Change value`;

  const word = leadingChangeWord(rest);
  if (!word) {
    const at = field.valueRange.start;
    const space = /\s/.test(note.text[at - 1] ?? ' ') ? '' : ' ';
    report({
      range: field.nameRange,
      message: `Change has no value; use one of ${allowed}.`,
      suggestions: CHANGE_VALUES.map((v) => ({ title: `Change: ${v}`, edits: [{ range: { start: at, end: at }, newText: space + v }] })),
    });
    return;
  }
  const lower = word.toLowerCase();
  const start = field.valueRange.start + lead;

  const restLower = rest.toLowerCase();
  for (const { re, value, may } of CHANGE_PHRASES) {
    if (!may(restLower)) continue;
    const m = re.exec(rest);
    if (!m || m.index !== 0) continue;
    if (m[0].toLowerCase() === value) return;
    const range = { start, end: start + m[0].length };
    report({ range, message: `${notAValue(m[0])}; did you mean "${value}"?`, fix: valueFix(range, value, m[0]) });
    return;
  }
  if (isChangeValue(lower) || isChangeValue(lower.split(/[/-]/)[0]!)) return;

  // `inc.`, `cont.`: the abbreviation's dot goes with it.
  const dot = rest[word.length] === '.' && /^(?:inc|incr|dec|decr|cont|contd|disc)$/i.test(word) ? 1 : 0;
  const range = { start, end: start + word.length + dot };
  const written = rest.slice(0, word.length + dot);
  const meant = changeOfWord(lower);
  if (meant) {
    report({ range, message: `${notAValue(written)}; did you mean "${meant}"?`, fix: valueFix(range, meant, word) });
    return;
  }
  const close = didYouMean(lower, CHANGE_VALUES);
  if (close.length === 1) {
    report({ range, message: `${notAValue(written)}; did you mean "${close[0]}"?`, fix: valueFix(range, close[0]!, word) });
    return;
  }
  if (close.length > 1) {
    report({
      range,
      message: `${notAValue(written)}; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`,
      suggestions: close.map((v) => valueFix(range, v, word)),
    });
    return;
  }
  report({
    range,
    message: `${notAValue(written)}; use one of ${allowed}.`,
    suggestions: CHANGE_VALUES.map((v) => valueFix(range, v, word)),
  });
}

/** `Continue` when the clinician wrote `Contine`, else lower case. */
function matchCase(value: string, written: string): string {
  return startsUpper(written) ? value.charAt(0).toUpperCase() + value.slice(1) : value;
}

/** `- <Field>: ` as a new list item after the entry's last field (or right under its heading). */
function insertFieldEdit(note: Note, med: Medication, field: string): TextEdit {
  const eol = note.lines.eol;
  const last = med.fields.reduce<MedicationField | undefined>((a, f) => (!a || f.range.end > a.range.end ? f : a), undefined);
  if (last) {
    const line = note.lines.lineText(note.lines.lineAt(last.range.start));
    const m = /^([ \t]*)([-*+])/.exec(line);
    const indent = m?.[1] ?? '';
    const bullet = m?.[2] ?? '-';
    return { range: { start: last.range.end, end: last.range.end }, newText: `${eol}${indent}${bullet} ${field}: ` };
  }
  const headingLine = note.lines.lineAt(med.headingRange.start);
  const at = note.lines.lineContentEnd(headingLine);
  const nextLine = headingLine + 1 < note.lines.lineCount ? note.lines.lineText(headingLine + 1) : '';
  const needsBlank = nextLine.trim() !== '' && !/^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)/.test(nextLine) && !/^\s*#/.test(nextLine);
  return { range: { start: at, end: at }, newText: `${eol}- ${field}: ${needsBlank ? eol : ''}` };
}
