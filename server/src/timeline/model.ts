/**
 * The course of care for one patient as data: each visit a column, each goal a
 * row (defined, carried, reworded, met, dropped, revised — and which
 * medications served it), then each medication's course (start, changes, stop).
 * render.ts turns it into HTML.
 */
import { displayPatient, sameGoalText, type GoalStatus, type VisitSummary } from '../engine/index.ts';

export type GoalCellState =
  | 'new' // first defined here
  | 'carried' // same ID and wording as before
  | 'reworded' // same ID, wording changed without a marker
  | GoalStatus // met | dropped | revised, as marked here
  | 'mentioned' // not defined, but `[Gn]` appears in this note
  | 'missing' // open at the previous visit, silently absent here
  | 'lapsed' // silently absent since an earlier visit
  | 'closed' // met or dropped earlier
  | 'absent'; // not yet defined

export interface GoalCell {
  state: GoalCellState;
  /** The goal's wording here, when new, reworded or revised. */
  text?: string;
  reason?: string;
  /** Medications (display names) whose entries referenced the goal in this visit. */
  medications: string[];
}

export interface GoalRow {
  id: string;
  /** The most recent wording. */
  text: string;
  cells: GoalCell[];
}

export type MedicationCellState = 'listed' | 'ended' | 'gone' | 'absent';

export interface MedicationCell {
  /** `listed`: an entry here; `gone`: silently missing after being listed; `ended`: after stop/taper/switch. */
  state: MedicationCellState;
  /** Heading(s) as written here (regimen). */
  titles: string[];
  change?: string;
  goals: string[];
}

export interface MedicationRow {
  key: string;
  name: string;
  cells: MedicationCell[];
}

export interface TimelineVisit {
  date: string;
  visit?: string;
  clinician?: string;
  /** The note's path (only written into the page in webview mode, where the date opens the note). */
  path?: string;
}

export interface TimelineModel {
  patient: string;
  visits: TimelineVisit[];
  goals: GoalRow[];
  medications: MedicationRow[];
  /** Notes of this patient without a valid date (not placed on the timeline). */
  undated: number;
}

/** Builds the table model from one group's summaries (any order). */
export function buildTimeline(summaries: readonly VisitSummary[], patient?: string): TimelineModel {
  const dated = summaries.filter((s) => s.date).sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : a.path < b.path ? -1 : 1));
  const names = new Map<string, string>();
  for (const v of dated) for (const m of v.medications) if (m.key) names.set(m.key, displayName(m.title));
  const medName = (key: string) => names.get(key) ?? key;

  const goalIds: string[] = [];
  for (const v of dated) for (const g of v.goals) if (!goalIds.includes(g.id)) goalIds.push(g.id);
  const goals: GoalRow[] = goalIds.map((id) => {
    let last: { text: string; status: GoalStatus | undefined } | undefined;
    let latestText = '';
    let lapsed = false;
    const cells: GoalCell[] = dated.map((v) => {
      const def = v.goals.find((g) => g.id === id);
      if (def) {
        lapsed = false;
        const cell: GoalCell = { state: 'carried', medications: def.medications.map(medName) };
        if (def.status) {
          cell.state = def.status;
          if (def.reason) cell.reason = def.reason;
          if (def.status === 'revised' || !last || !sameGoalText(last.text, def.text)) cell.text = def.text;
        } else if (!last || last.status === 'met' || last.status === 'dropped') {
          cell.state = 'new';
          cell.text = def.text;
        } else if (!sameGoalText(last.text, def.text)) {
          cell.state = 'reworded';
          cell.text = def.text;
        }
        last = { text: def.text, status: def.status };
        if (def.text) latestText = def.text;
        return cell;
      }
      if (v.goalMentions.includes(id)) {
        lapsed = false;
        return { state: 'mentioned', medications: [] };
      }
      if (!last) return { state: 'absent', medications: [] };
      if (last.status === 'met' || last.status === 'dropped') return { state: 'closed', medications: [] };
      if (lapsed) return { state: 'lapsed', medications: [] };
      lapsed = true;
      return { state: 'missing', medications: [] };
    });
    return { id, text: latestText, cells };
  });

  const medKeys: string[] = [];
  for (const v of dated) for (const m of v.medications) if (m.key && !medKeys.includes(m.key)) medKeys.push(m.key);
  const medications: MedicationRow[] = medKeys.map((key) => {
    let previous: 'none' | 'active' | 'ending' | 'gone' = 'none';
    const cells: MedicationCell[] = dated.map((v) => {
      const entries = v.medications.filter((m) => m.key === key);
      if (entries.length > 0) {
        const change = entries.find((m) => m.change)?.change;
        previous = change === 'stop' || change === 'taper' || change === 'switch' ? 'ending' : 'active';
        const cell: MedicationCell = {
          state: 'listed',
          titles: entries.map((m) => m.title),
          goals: [...new Set(entries.flatMap((m) => m.goals))].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
        };
        if (change) cell.change = change;
        return cell;
      }
      if (previous === 'none') return { state: 'absent', titles: [], goals: [] };
      if (previous === 'active') {
        previous = 'gone';
        return { state: 'gone', titles: [], goals: [] };
      }
      return { state: previous === 'ending' ? 'ended' : 'absent', titles: [], goals: [] };
    });
    return { key, name: medName(key), cells };
  });

  return {
    patient: displayPatient(patient ?? dated[dated.length - 1]?.patient ?? summaries[0]?.patient ?? ''),
    visits: dated.map((v) => ({
      date: v.date!,
      ...(v.visit ? { visit: v.visit } : {}),
      ...(v.clinician ? { clinician: v.clinician } : {}),
      path: v.path,
    })),
    goals,
    medications,
    undated: summaries.length - dated.length,
  };
}

/** A medication heading shown as its name: `sertraline 50 mg` → `Sertraline`. */
function displayName(title: string): string {
  const first = (title.trim().split(/\s+/)[0] ?? '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return first.charAt(0).toUpperCase() + first.slice(1);
}
