/**
 * Completions that know the note. The context comes from the text of the
 * cursor's line (always current) and the parsed model (sections, goals,
 * medication entries, front matter). The model may be one keystroke behind the
 * text: `noteOffset` is the cursor mapped into the model's text, so a fast
 * typist never waits for a parse.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CancellationToken,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range as LspRange,
} from 'vscode-languageserver';
import {
  CHANGE_VALUES,
  FRONT_MATTER_KEYS,
  MEDICATION_FIELDS,
  newPatientKey,
  RULES_BY_ID,
  VISIT_KINDS,
  type Medication,
  type Note,
  type ResolvedConfig,
  type ResolvedTemplate,
  sectionRole,
} from '../engine/index.ts';
import { matchMedications } from './medications.ts';
import { frontMatterLines, medicationAt, sectionAt, shortText } from './ranges.ts';

export interface CompletionInput {
  /** The cursor's line, before and after the cursor (current text). */
  linePrefix: string;
  lineSuffix: string;
  position: Position;
  /** The model (possibly of the previous version) and the cursor mapped into it. */
  note: Note;
  noteOffset: number;
  config: ResolvedConfig;
  template: ResolvedTemplate;
  /** Client supports snippet syntax in completion items. */
  snippets: boolean;
  /** Today's date for `date:` (injected so tests are stable). */
  today?: string;
  /** Keys other notes with this note's `patient` value carry (from the visit index), most used first. */
  patientKeys?: { key: string; notes: number }[];
  /** A fresh key for `patient-key:` (injected so tests are stable; else generated). */
  newPatientKey?: string;
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export function provideCompletions(input: CompletionInput, token: CancellationToken): CompletionList {
  if (token.isCancellationRequested) return EMPTY;
  return (
    frontMatterCompletions(input) ??
    headingCompletions(input) ??
    goalCompletions(input) ??
    medicationCompletions(input) ??
    EMPTY
  );
}

/** A range on the cursor's line, from `back` characters before the cursor to `ahead` after it. */
function around(input: CompletionInput, back: number, ahead = 0): LspRange {
  const { line, character } = input.position;
  return { start: { line, character: character - back }, end: { line, character: character + ahead } };
}

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

/** Escapes text for use inside a snippet. */
function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

// ---------------------------------------------------------------------------
// Front matter: keys, `visit` values, template names.

const KEY_DOCS: Record<string, string> = {
  patient: 'Pseudonym or initials — never a full name.',
  date: 'ISO date of the visit (YYYY-MM-DD).',
  clinician: 'Who saw the person.',
  visit: 'Kind of visit: intake, follow-up, crisis, transfer or other.',
  template: 'A template named in config; the config default applies when absent.',
  'patient-key':
    'A random pseudonymous key that tells apart people who share a pseudonym or initials. Never derived from a name, a birth date or a record number. Later notes of the same person copy it.',
};

const VISIT_DOCS: Record<string, string> = {
  intake: 'A first visit.',
  'follow-up': 'A follow-up medication visit.',
  crisis: 'A visit in crisis.',
  transfer: 'Care transferred from or to another clinician.',
  other: 'Any other kind of visit.',
};

function frontMatterCompletions(input: CompletionInput): CompletionList | undefined {
  const { note, linePrefix, lineSuffix } = input;
  const fm = frontMatterLines(note);
  const line = note.lines.lineAt(input.noteOffset);
  if (!fm || line < fm.first || line > fm.last) return undefined;

  const value = /^(visit|template)[ \t]*:[ \t]*([\w-]*)$/.exec(linePrefix);
  if (value) {
    const ahead = /^[\w-]*/.exec(lineSuffix)![0].length;
    const range = around(input, value[2]!.length, ahead);
    if (value[1] === 'visit') {
      return {
        isIncomplete: false,
        items: VISIT_KINDS.map((v, i) => ({
          label: v,
          kind: CompletionItemKind.EnumMember,
          documentation: VISIT_DOCS[v],
          sortText: pad(i),
          textEdit: { range, newText: v },
        })),
      };
    }
    const names = Object.keys(input.config.templates);
    return {
      isIncomplete: false,
      items: names.map((name, i) => {
        const t = input.config.templates[name]!;
        const isDefault = name === input.config.defaultTemplate;
        return {
          label: name,
          kind: CompletionItemKind.Module,
          detail: `${t.sections.filter((s) => s.required).length} required sections${isDefault ? ' · default' : ''}`,
          documentation: t.description,
          sortText: `${isDefault ? 0 : 1}${pad(i)}`,
          textEdit: { range, newText: name },
        };
      }),
    };
  }

  const key = /^([A-Za-z_-]*)$/.exec(linePrefix);
  if (!key || lineSuffix.includes(':')) return undefined;
  const present = new Set(
    (note.frontMatter?.entries ?? []).filter((e) => note.lines.lineAt(e.keyRange.start) !== line).map((e) => e.key),
  );
  const ahead = /^[A-Za-z_-]*/.exec(lineSuffix)![0].length;
  const range = around(input, key[1]!.length, ahead);
  const items: CompletionItem[] = [];
  FRONT_MATTER_KEYS.forEach((k, i) => {
    if (present.has(k)) return;
    if (k === 'patient-key') {
      items.push(...patientKeyItems(input, range, i));
      return;
    }
    const required = k === 'patient' || k === 'date';
    const newText = k === 'date' ? `date: ${input.today ?? isoToday()}` : `${k}: `;
    items.push({
      label: k,
      kind: CompletionItemKind.Property,
      detail: required ? 'required' : 'optional',
      documentation: KEY_DOCS[k],
      sortText: `${required ? 0 : 1}${pad(i)}`,
      textEdit: { range, newText },
    });
  });
  return { isIncomplete: false, items };
}

/** The key this patient's other notes carry (same person), and a new random one (someone new). */
function patientKeyItems(input: CompletionInput, range: LspRange, i: number): CompletionItem[] {
  const known = (input.patientKeys ?? []).map((k, j) => ({
    label: `patient-key: ${k.key}`,
    kind: CompletionItemKind.Property,
    detail: `optional · carried by ${k.notes} other note${k.notes === 1 ? '' : 's'} with this patient value`,
    documentation: `${KEY_DOCS['patient-key']} Choose this when the note is about the same person.`,
    sortText: `1${pad(i)}${j}`,
    filterText: 'patient-key',
    textEdit: { range, newText: `patient-key: ${k.key}` },
  }));
  const fresh = input.newPatientKey ?? newPatientKey();
  return [
    ...known,
    {
      label: 'patient-key',
      kind: CompletionItemKind.Property,
      detail: known.length ? 'optional · a new random key: someone else with the same initials' : 'optional · a new random key',
      documentation: KEY_DOCS['patient-key'],
      sortText: `1${pad(i)}9`,
      filterText: 'patient-key',
      textEdit: { range, newText: `patient-key: ${fresh}` },
    },
  ];
}

function isoToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------
// Headings: `##` sections of the template (missing first), `###` medications.

/** The template section a heading is read as (`## Goal` for Goals). */
const roleOf = (section: Parameters<typeof sectionRole>[0] | undefined) => (section ? sectionRole(section) : undefined);

function headingCompletions(input: CompletionInput): CompletionList | undefined {
  const m = /^( {0,3})(#{1,6})([ \t]*)(.*)$/.exec(input.linePrefix);
  if (!m) return undefined;
  const [, , hashes, space, typed] = m as unknown as [string, string, string, string, string];
  const section = sectionAt(input.note, input.noteOffset);
  if (hashes.length === 3 && roleOf(section) === 'Medication meaning') return medicationNameCompletions(input, typed, space);
  if (hashes.length === 1 && typed === '' && space === '') return sectionCompletions(input, around(input, 1), '## ');
  if (hashes.length !== 2) return { isIncomplete: false, items: [] };
  const ahead = input.lineSuffix.replace(/[ \t]+$/, '').length;
  if (space === '') return sectionCompletions(input, around(input, 0, ahead), ' ');
  return sectionCompletions(input, around(input, typed.length, ahead), '');
}

function sectionCompletions(input: CompletionInput, range: LspRange, lead: string): CompletionList {
  const { note, template } = input;
  const present = new Set(note.sections.map((s) => s.canonical).filter(Boolean));
  const items = template.sections.map((s, i): CompletionItem => {
    const missing = !present.has(s.name);
    const status = !missing ? 'already in this note' : s.required ? 'missing · required' : 'optional';
    return {
      label: s.name,
      kind: CompletionItemKind.Module,
      detail: `${status} · template "${template.name}"`,
      ...(s.description ? { documentation: { kind: MarkupKind.Markdown, value: s.description } } : {}),
      sortText: `${missing ? 0 : 1}${pad(i)}`,
      filterText: `${lead}${s.name}`,
      textEdit: { range, newText: `${lead}${s.name}` },
    };
  });
  return { isIncomplete: false, items };
}

function medicationNameCompletions(input: CompletionInput, typed: string, space: string): CompletionList {
  const items: CompletionItem[] = [];
  const eol = input.note.lines.eol;
  // Only while the first word is being typed: after it comes the regimen.
  if (/^[A-Za-z][A-Za-z-]*$/.test(typed) || typed === '') {
    const ahead = /^[A-Za-z-]*/.exec(input.lineSuffix)![0].length;
    const range = around(input, typed.length, ahead);
    const lead = space === '' ? ' ' : '';
    matchMedications(typed).forEach(({ medication, viaBrand }, i) => {
      items.push({
        label: medication.name,
        kind: CompletionItemKind.Value,
        detail: viaBrand ? `${viaBrand} → ${medication.name} · ${medication.class}` : medication.class,
        ...(viaBrand ? { labelDetails: { description: viaBrand } } : {}),
        ...(medication.brands.length
          ? { documentation: `${medication.class}. Also known as: ${medication.brands.join(', ')}.` }
          : {}),
        sortText: pad(i),
        filterText: `${lead}${viaBrand ?? medication.name}`,
        textEdit: { range, newText: `${lead}${medication.name}` },
      });
    });
  }
  if (typed === '' && input.snippets) {
    const start = input.linePrefix.length;
    items.push(medicationEntrySnippet(around(input, start, input.lineSuffix.length), eol));
  }
  return { isIncomplete: true, items };
}

function medicationEntrySnippet(range: LspRange, eol: string): CompletionItem {
  const changes = CHANGE_VALUES.join(',');
  const body = [
    '### ${1:Medication} ${2:dose and schedule}',
    `- Change: \${3|${changes}|}`,
    '- Rationale: ${4:what it should make possible} [${5:G1}]',
    '- Meaning: ${6:what it means to them}',
    '- Plan: ${0}',
  ].join(eol);
  return {
    label: 'Medication entry',
    kind: CompletionItemKind.Snippet,
    detail: '### heading with Change, Rationale (linked to a goal), Meaning and Plan',
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: '~0',
    filterText: '### Medication entry',
    textEdit: { range, newText: body },
  };
}

// ---------------------------------------------------------------------------
// Goals after `[` or `[G`.

function goalCompletions(input: CompletionInput): CompletionList | undefined {
  const m = /(?<!\\)\[([Gg]\d{0,3})?$/.exec(input.linePrefix);
  if (!m) return undefined;
  const { note } = input;
  const ahead = /^\d*\]?/.exec(input.lineSuffix)![0].length;
  const range = around(input, m[0].length, ahead);
  const section = sectionAt(note, input.noteOffset);
  const definingGoal = roleOf(section) === 'Goals' && /^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*|__)?\[([Gg]\d{0,3})?$/.test(input.linePrefix);
  if (definingGoal) {
    // A new goal: IDs referenced but not yet defined first, then the next free one.
    const defined = new Set(note.goals.map((g) => g.id));
    const undefinedRefs = [...new Set(note.goalReferences.map((r) => r.id).filter((id) => !defined.has(id)))];
    const max = Math.max(0, ...[...defined, ...undefinedRefs].map((id) => Number(id.slice(1))));
    const items: CompletionItem[] = undefinedRefs.map((id, i) => ({
      label: `[${id}]`,
      kind: CompletionItemKind.Reference,
      detail: 'referenced in this note but not defined yet',
      sortText: `0${pad(i)}`,
      filterText: `[${id}]`,
      textEdit: { range, newText: `[${id}] ` },
    }));
    if (max < 999) {
      const next = `G${max + 1}`;
      items.push({
        label: `[${next}]`,
        kind: CompletionItemKind.Reference,
        detail: 'new goal',
        documentation: 'Name something the person wants to do or be able to do, in their words.',
        sortText: '1',
        filterText: `[${next}]`,
        textEdit: { range, newText: `[${next}] ` },
      });
    }
    return { isIncomplete: false, items };
  }
  const goals = [...note.goals].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const g of goals) {
    if (seen.has(g.id)) continue;
    seen.add(g.id);
    items.push({
      label: `[${g.id}]`,
      kind: CompletionItemKind.Reference,
      detail: shortText(g.text, 60),
      documentation: { kind: MarkupKind.Markdown, value: `**${g.id}** — ${g.text}` },
      sortText: pad(Number(g.id.slice(1))),
      filterText: `[${g.id}]`,
      textEdit: { range, newText: `[${g.id}]` },
    });
  }
  return { isIncomplete: false, items };
}

// ---------------------------------------------------------------------------
// Inside a medication entry: field names, `Change:` values, meaning prompts.

const FIELD_DOCS: Record<string, string> = {
  Rationale: 'Why this medication, in terms of a goal it serves: link it with `[G1]`.',
  Meaning: 'What the medication means to the person: beliefs, family and past experience, ambivalence.',
  Change: `What changes today: ${CHANGE_VALUES.join(' | ')}.`,
  Plan: 'What happens next, and what you will ask about.',
  Response: 'What the medication has made possible so far (link goals).',
  Ambivalence: 'Wanting relief yet fearing dependence, loss of control or identity. Counts as Meaning.',
  Concerns: 'Worries raised by the person or their family.',
  'Hopes and fears': 'What the person hopes the medication will do, and fears it will do or take away. Counts as Meaning.',
  'Family history': 'The family’s history with this medication or with treatment (a parent’s lithium, a sibling’s bad reaction). Counts as Meaning.',
  Decision: 'Who decided, and how: “we agreed …”, “she chose …”, “I decided, because …”. The training preset asks for it on start, increase and switch.',
};

/** Openings for a `Decision:` line: who decided. */
const DECISION_OPENINGS = ['we agreed', 'she chose', 'he chose', 'they chose', 'I decided'];

/** The seven practices that carry over from psychodynamic work into a medication visit. */
export const MEANING_PROMPTS: readonly { key: string; label: string; stem: string; placeholder: string; field?: string }[] = [
  { key: 'affect', label: 'affect', stem: 'Feelings about taking it:', placeholder: 'what taking it, or stopping, feels like, in their words' },
  { key: 'avoidance', label: 'avoidance', stem: 'What is hard to talk about:', placeholder: 'what the conversation steers around, including its meaning' },
  { key: 'past', label: 'past experience', stem: 'Past experience:', placeholder: 'with caregivers and with treatment, their own or their family’s' },
  { key: 'patterns', label: 'patterns', stem: 'Patterns:', placeholder: 'e.g. stopping medication at the moment of recovery' },
  { key: 'interpersonal', label: 'interpersonal', stem: 'In their relationships:', placeholder: 'how it touches the people around them, and their relationship with the medication itself' },
  { key: 'relationship', label: 'the therapeutic relationship', stem: 'Between us:', placeholder: 'what prescribing means in our relationship' },
  // On a new line this one writes its own field (`- Hopes and fears: …`); after `Meaning:` it reads as a stem.
  { key: 'wishes', label: 'wishes and fears about treatment', stem: 'Hopes and fears:', placeholder: 'what they wish or fear the medication will do', field: 'Hopes and fears' },
];

function medicationCompletions(input: CompletionInput): CompletionList | undefined {
  const { note } = input;
  const section = sectionAt(note, input.noteOffset);
  if (roleOf(section) !== 'Medication meaning') return undefined;
  const entry = medicationAt(note, input.noteOffset);
  const onHeadingLine = entry && note.lines.lineAt(entry.medication.headingRange.start) === note.lines.lineAt(input.noteOffset);
  if (onHeadingLine) return undefined;

  const value = /^\s*(?:[-*+])\s+(?:\*\*|__)?([A-Za-z][A-Za-z -]*?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?[ \t]*([A-Za-z-]*)$/.exec(input.linePrefix);
  if (value) {
    const field = value[1]!.toLowerCase();
    const typed = value[2]!;
    const ahead = /^[A-Za-z-]*/.exec(input.lineSuffix)![0].length;
    const range = around(input, typed.length, ahead);
    if (field === 'change') {
      return {
        isIncomplete: false,
        items: CHANGE_VALUES.map((v, i) => ({
          label: v,
          kind: CompletionItemKind.EnumMember,
          sortText: pad(i),
          textEdit: { range, newText: v },
        })),
      };
    }
    if (field === 'meaning') {
      return { isIncomplete: false, items: MEANING_PROMPTS.map((p, i) => promptItem(input, { ...p, field: undefined }, range, '', i)) };
    }
    if (field === 'decision') {
      return {
        isIncomplete: false,
        items: DECISION_OPENINGS.map((v, i) => ({
          label: v,
          kind: CompletionItemKind.Text,
          detail: 'who decided',
          sortText: pad(i),
          textEdit: { range, newText: `${v} ` },
        })),
      };
    }
    return { isIncomplete: false, items: [] };
  }

  const name = /^(\s*)([-*+])(\s+)((?:\*\*|__)?)([A-Za-z][A-Za-z -]*)?$/.exec(input.linePrefix);
  const blank = /^\s*$/.test(input.linePrefix) && /^\s*$/.test(input.lineSuffix);
  if (!name && !blank) return undefined;
  const items: CompletionItem[] = [];
  if (entry) {
    const typed = name?.[5] ?? '';
    const ahead = name ? /^[A-Za-z -]*/.exec(input.lineSuffix)![0].replace(/\s+$/, '').length : 0;
    const range = around(input, typed.length, ahead);
    const colonFollows = name ? /^[A-Za-z -]*\s*(?:\*\*|__)?\s*:/.test(input.lineSuffix) : false;
    const bullet = name ? '' : '- ';
    items.push(...fieldItems(input, entry.medication, range, bullet, colonFollows));
    MEANING_PROMPTS.forEach((p, i) => items.push(promptItem(input, p, range, `${bullet}${p.field ?? 'Meaning'}: `, i)));
  }
  if (blank && input.snippets) items.push(medicationEntrySnippet(around(input, input.linePrefix.length, input.lineSuffix.length), note.lines.eol));
  return { isIncomplete: false, items };
}

function fieldItems(input: CompletionInput, med: Medication, range: LspRange, bullet: string, colonFollows: boolean): CompletionItem[] {
  const present = new Set(med.fields.map((f) => f.key));
  const required = new Set(input.template.medicationFields.map((f) => f.toLowerCase()));
  const decisionAsked = decisionAskedFor(input.config, med);
  const names = [...input.template.medicationFields, ...MEDICATION_FIELDS.filter((f) => !required.has(f.toLowerCase()))];
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  names.forEach((field, i) => {
    const key = field.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    const has = present.has(key);
    const asked = key === 'decision' && decisionAsked;
    const rank = has ? 2 : required.has(key) || asked ? 0 : 1;
    items.push({
      label: field,
      kind: CompletionItemKind.Field,
      detail: has
        ? 'already in this entry'
        : required.has(key)
          ? `missing · required by template "${input.template.name}"`
          : asked
            ? `missing · asked for on "${med.change}" (decision-recorded)`
            : 'optional',
      ...(FIELD_DOCS[field] ? { documentation: FIELD_DOCS[field] } : {}),
      sortText: `${rank}${pad(i)}`,
      filterText: `${bullet}${field}`,
      textEdit: { range, newText: colonFollows ? `${bullet}${field}` : `${bullet}${field}: ` },
    });
  });
  return items;
}

/** Whether the config's decision-recorded rule asks this entry for a Decision line. */
function decisionAskedFor(config: ResolvedConfig, med: Medication): boolean {
  const rule = RULES_BY_ID.get('decision-recorded');
  const setting = config.rules['decision-recorded'];
  if (!rule || (setting?.severity ?? rule.defaultSeverity) === 'off' || med.change === undefined) return false;
  const changes = (setting?.options['changes'] ?? (rule.defaultOptions as Record<string, unknown>)['changes']) as unknown;
  return Array.isArray(changes) && changes.includes(med.change);
}

function promptItem(
  input: CompletionInput,
  p: (typeof MEANING_PROMPTS)[number],
  range: LspRange,
  lead: string,
  i: number,
): CompletionItem {
  const item: CompletionItem = {
    label: `Meaning prompt: ${p.label}`,
    kind: CompletionItemKind.Snippet,
    detail: p.placeholder,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `A prompt for the medication's meaning — **${p.label}**: ${p.placeholder}.`,
    },
    sortText: `~${pad(i)}`,
    filterText: `${lead}${p.label}`,
  };
  // A prompt with its own field (`Hopes and fears: …`) needs no stem after the field name.
  const stem = p.field ? '' : `${p.stem} `;
  if (input.snippets) {
    item.insertTextFormat = InsertTextFormat.Snippet;
    item.textEdit = { range, newText: `${snippetText(lead)}${snippetText(stem)}\${1:${snippetText(p.placeholder)}}` };
  } else {
    item.textEdit = { range, newText: `${lead}${stem}` };
  }
  return item;
}
