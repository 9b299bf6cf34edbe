/**
 * Questions the editor asks about a note's history: which goals of the previous
 * visit still wait to be carried forward (completion after `[G`), and what a goal
 * looked like across the visits (hover). Pure functions over summaries.
 */
import type { Note } from '../model/note.ts';
import { parseGoalText, type GoalStatus } from './goals.ts';
import type { GoalSummary, VisitHistory } from './summary.ts';
import { trimToLettersAndDigits } from '../model/word-edges.ts';

/**
 * Open goals of the previous visit that this note neither defines nor mentions
 * (not marked met or dropped there), in their order there.
 */
export function pendingGoals(history: VisitHistory | undefined, note: Note): (GoalSummary & { date: string | undefined })[] {
  const prev = history?.previous[history.previous.length - 1];
  if (!prev) return [];
  const here = new Set([...note.goals.map((g) => g.id), ...note.goalReferences.map((r) => r.id)]);
  return prev.goals
    .filter((g) => g.status !== 'met' && g.status !== 'dropped' && !here.has(g.id))
    .map((g) => ({ ...g, date: prev.date }));
}

export interface GoalHistoryEntry {
  date: string | undefined;
  /** Whether this entry is the note being edited. */
  current: boolean;
  text: string;
  status: GoalStatus | undefined;
  reason: string;
  /** Medication keys whose entries referenced the goal in that visit. */
  medications: string[];
}

/** Every visit that defined `goalId`, oldest first, ending with this note's own definition if any. */
export function goalHistory(history: VisitHistory | undefined, goalId: string, note?: Note): GoalHistoryEntry[] {
  const out: GoalHistoryEntry[] = [];
  for (const v of history?.previous ?? []) {
    const g = v.goals.find((x) => x.id === goalId);
    if (g) out.push({ date: v.date, current: false, text: g.text, status: g.status, reason: g.reason, medications: g.medications });
  }
  const own = note?.goals.find((g) => g.id === goalId);
  if (own) {
    const parsed = parseGoalText(own.text);
    const meds = new Set<string>();
    for (const r of note!.goalReferences) {
      if (r.id !== goalId || r.medication === undefined) continue;
      const title = note!.medications[r.medication]?.title ?? '';
      const key = trimToLettersAndDigits((title.trim().split(/\s+/)[0] ?? '').toLowerCase());
      if (key) meds.add(key);
    }
    out.push({ date: history?.date, current: true, text: parsed.text, status: parsed.status, reason: parsed.reason, medications: [...meds] });
  }
  return out;
}

/** Markdown for a hover: one line per visit. Note text is the user's own, shown only in their editor. */
export function goalHistoryMarkdown(goalId: string, entries: GoalHistoryEntry[]): string {
  if (entries.length === 0) return '';
  const esc = (s: string) => s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
  const lines = entries.map((e) => {
    const status = e.status ? ` *(${e.status}${e.reason ? `: ${esc(e.reason)}` : ''})*` : '';
    const meds = e.medications.length ? ` — via ${e.medications.map(esc).join(', ')}` : '';
    return `- **${e.date ?? 'undated'}**${e.current ? ' (this visit)' : ''}: ${esc(e.text)}${status}${meds}`;
  });
  return [`**${goalId}** across visits`, '', ...lines].join('\n');
}
