/**
 * A visit, summarized: what later visits, the timeline and the program report
 * need from a note, without its tree or prose sections. Built from the parsed
 * model (one parse per text version); the workspace index stores only these.
 */
import path from 'node:path';
import type { Note } from '../model/note.ts';
import { findSection } from '../model/note.ts';
import type { ResolvedConfig, VisitGrouping } from '../config/types.ts';
import { buildVocabulary, tokenize } from '../vocabulary/index.ts';
import { parseGoalText } from './goals.ts';
import { identifierMask } from '../identifiers.ts';
import { statedAge } from './persons.ts';
import type { CountertransferenceState, GoalSummary, MedicationSummary, VisitSummary } from './types.ts';
import { currentProseMedications, medicationKey } from '../medications/current.ts';
import { isCalendarDate } from '../calendar-date.ts';

export { medicationKey };
export type { GoalSummary, MedicationSummary, CountertransferenceState, VisitSummary, VisitHistory } from './types.ts';

export function groupingOf(config: ResolvedConfig | undefined): VisitGrouping {
  return config?.visits?.groupBy ?? 'patient';
}

/** A string front-matter value (YAML scalars other than strings are stringified). */
export function frontMatterString(note: Note, key: string): string | undefined {
  const entry = note.frontMatter?.entries.find((e) => e.key === key);
  if (!entry) return undefined;
  const v = entry.value;
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : v instanceof Date ? v.toISOString().slice(0, 10) : undefined;
  const t = s?.trim();
  return t ? t : undefined;
}

/** `YYYY-MM-DD` that is a real calendar date, else undefined. */
export function validDate(value: string | undefined): string | undefined {
  const ymd = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return ymd && isCalendarDate(+ymd[1]!, +ymd[2]!, +ymd[3]!) ? value : undefined;
}

/** The group a note belongs to under `grouping`; undefined when it cannot be grouped. */
export function groupKey(notePath: string, patient: string | undefined, grouping: VisitGrouping): string | undefined {
  if (grouping === 'folder') return `folder:${path.dirname(notePath)}`;
  if (!patient) return undefined;
  return `patient:${patient.replace(/\s+/g, ' ').toLowerCase()}`;
}

export function summarizeNote(notePath: string, note: Note, config?: ResolvedConfig): VisitSummary {
  const patient = frontMatterString(note, 'patient');
  // Display fields are masked like the model's strings; `patient` stays as written (it is the
  // grouping identity; whoever shows it uses displayPatient).
  const mask = identifierMask(note.text, note.identifiers.hits);
  const stated = statedAge(findSection(note, 'Story')?.text ?? '');
  const medications: MedicationSummary[] = note.medications.map((m, i) => {
    const refs = note.goalReferences.filter((r) => r.medication === i);
    const words = new Set<string>();
    for (const f of m.fields) for (const t of tokenize(f.value)) words.add(t.norm);
    return {
      key: medicationKey(m.title),
      title: m.title,
      change: m.change || undefined,
      hasRationale: m.fields.some((f) => f.meant === 'rationale'),
      goalLinked: refs.some((r) => r.field === 'rationale'),
      goals: unique(refs.map((r) => r.id)),
      words: [...words],
    };
  });
  medications.push(...proseSummaries(note, config));
  const goals: GoalSummary[] = note.goals.map((g) => {
    const parsed = parseGoalText(g.text);
    const meds = unique(
      note.goalReferences
        .filter((r) => r.id === g.id && r.medication !== undefined)
        .map((r) => medications[r.medication!]?.key ?? '')
        .filter(Boolean),
    );
    return { id: g.id, text: parsed.text, status: parsed.status, reason: parsed.reason, medications: meds };
  });
  return {
    path: notePath,
    key: groupKey(notePath, patient, groupingOf(config)),
    patient,
    patientKey: frontMatterString(note, 'patient-key'),
    age: stated?.age,
    sex: stated?.sex,
    date: validDate(frontMatterString(note, 'date')),
    clinician: maskOptional(mask, frontMatterString(note, 'clinician')),
    visit: maskOptional(mask, frontMatterString(note, 'visit')),
    goals,
    goalMentions: unique(note.goalReferences.map((r) => r.id)),
    medications,
    countertransference: countertransferenceState(note, config),
  };
}

/**
 * Medications discussed only in prose ("her GP stopped the lorazepam"), once
 * each, with the change the prose says: so the continuity rules see a
 * medication started, stopped or carried on without a `###` entry.
 */
function proseSummaries(note: Note, config: ResolvedConfig | undefined): MedicationSummary[] {
  const out = new Map<string, MedicationSummary>();
  for (const m of currentProseMedications(note, buildVocabulary(config?.vocabulary).medications)) {
    const prev = out.get(m.mention.key);
    if (prev) {
      prev.change ??= m.change;
      continue;
    }
    const title = m.dose ? `${m.mention.name} ${m.dose}` : m.mention.name;
    out.set(m.mention.key, { key: m.mention.key, title, change: m.change, hasRationale: false, goalLinked: false, goals: [], words: [], prose: true });
  }
  return [...out.values()];
}

function countertransferenceState(note: Note, config: ResolvedConfig | undefined): CountertransferenceState {
  const section = findSection(note, 'Countertransference');
  if (!section) return 'absent';
  if (section.wordCount === 0) return 'empty';
  // Formulaic: nothing left once the formulaic phrases ("none", "n/a", "deferred") are removed.
  const formulaic = buildVocabulary(config?.vocabulary).formulaic;
  const tokens = tokenize(section.text);
  // A match's words are the tokens it spans (tokenizing its text again gives the same ones).
  let covered = 0;
  formulaic.eachMatch(tokens, (_, count) => (covered += count));
  return tokens.length - covered <= 0 ? 'formulaic' : 'written';
}

function maskOptional(mask: (s: string) => string, s: string | undefined): string | undefined {
  return s === undefined ? undefined : mask(s);
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Orders visits by date, then path, so out-of-order files read as a course. */
export function byDate(a: VisitSummary, b: VisitSummary): number {
  const da = a.date ?? '';
  const db = b.date ?? '';
  return da < db ? -1 : da > db ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
