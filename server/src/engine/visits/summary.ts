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
import { parseGoalText, type GoalStatus } from './goals.ts';
import { identifierMask } from '../identifiers.ts';
import { currentProseMedications } from '../medications/current.ts';
import { statedAge, type IdentityNotice } from './persons.ts';

export interface GoalSummary {
  /** `G1`. */
  id: string;
  /** The goal as worded, without a status marker or its reason. */
  text: string;
  /** `(met)`, `(dropped)` or `(revised)` when marked. */
  status: GoalStatus | undefined;
  /** Reason given with the marker ('' when none). */
  reason: string;
  /** Medication keys (generic names) whose entries reference this goal, in note order. */
  medications: string[];
}

export interface MedicationSummary {
  /** Identity across visits: the heading's first word, lowercased (`sertraline`). */
  key: string;
  /** The heading as written (`Sertraline 150 mg daily`). */
  title: string;
  /** Lowercased first word of `Change:` (`start`, `increase`, ...), if any. */
  change: string | undefined;
  /** Whether the entry has a Rationale field, and whether it references a goal. */
  hasRationale: boolean;
  goalLinked: boolean;
  /** Goal IDs referenced anywhere in the entry. */
  goals: string[];
  /** Lowercased words of the entry's fields (to see which medication a `switch` replaces). */
  words: string[];
  /** Written only in the Medication meaning prose, without a `###` entry (see prose-medication). */
  prose?: true;
}

export type CountertransferenceState = 'absent' | 'empty' | 'formulaic' | 'written';

export interface VisitSummary {
  /** Absolute (or caller-chosen) path of the note. */
  path: string;
  /** The group this visit belongs to (`patient:t.b.` or `folder:/abs/dir`); undefined: not groupable. */
  key: string | undefined;
  /** As written: the grouping identity. Show it with `displayPatient` (a full name is masked). */
  patient: string | undefined;
  /** Front matter `patient-key` as written (compare with normalizePatientKey): tells apart people sharing a pseudonym. */
  patientKey: string | undefined;
  /** The person's age and sex as the Story states them ("58 y/o M"), to notice two people sharing initials. */
  age: number | undefined;
  sex: 'f' | 'm' | undefined;
  /** Valid `YYYY-MM-DD` or undefined. */
  date: string | undefined;
  clinician: string | undefined;
  visit: string | undefined;
  goals: GoalSummary[];
  /** Goal IDs referenced outside their definitions, anywhere in the note. */
  goalMentions: string[];
  medications: MedicationSummary[];
  countertransference: CountertransferenceState;
}

/** What a continuity rule sees: the patient's earlier visits, oldest first. */
export interface VisitHistory {
  /** The group key shared by this note and its history. */
  key: string;
  /** This note's date. */
  date: string;
  /** This note's `patient-key`, if any: a finding may quote an earlier visit only when it carries the same key (`mayQuote`). */
  patientKey?: string | undefined;
  /** Visits of the same person strictly earlier than `date`, in date order (ties by path). */
  previous: VisitSummary[];
  /** Set when the bucket looked like more than one person and this course was cut (visits/persons.ts). */
  identity?: IdentityNotice | undefined;
}

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
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined;
}

/** Medication identity across visits: first word of the heading, lowercased. */
export function medicationKey(title: string): string {
  const first = title.trim().split(/\s+/)[0] ?? '';
  return first.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
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
  const covered = formulaic.findInTokens(tokens).reduce((n, m) => n + tokenize(section.text.slice(m.start, m.end)).length, 0);
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
