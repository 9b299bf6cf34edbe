/**
 * The goal ↔ medication map: which medications serve which goals (through a
 * `[Gn]` in any of their fields), which medications link no goal, which goals
 * nothing serves, and which references name a goal that is not defined.
 * Pure data first (`buildGoalMap`), so tests and other faces can use it.
 */
import type { Goal, Medication, Note } from '../engine/index.ts';

export interface GoalLink {
  goal: string;
  medication: number;
  /** Field keys the goal is referenced from (`rationale`, `plan`, ...), in order. */
  fields: string[];
  /** Offset of the first reference, for "reveal in editor". */
  offset: number;
}

export interface GoalMap {
  goals: { goal: Goal; links: GoalLink[] }[];
  medications: { medication: Medication; index: number; links: GoalLink[]; undefinedGoals: string[] }[];
}

export function buildGoalMap(note: Note): GoalMap {
  const defined = new Set(note.goals.map((g) => g.id));
  const links = new Map<string, GoalLink>();
  const undefinedByMed = new Map<number, string[]>();
  for (const ref of note.goalReferences) {
    if (ref.medication === undefined) continue;
    if (!defined.has(ref.id)) {
      const list = undefinedByMed.get(ref.medication) ?? [];
      if (!list.includes(ref.id)) list.push(ref.id);
      undefinedByMed.set(ref.medication, list);
      continue;
    }
    const key = `${ref.id}\u0000${ref.medication}`;
    const link = links.get(key) ?? { goal: ref.id, medication: ref.medication, fields: [], offset: ref.range.start };
    const field = ref.field ?? 'entry';
    if (!link.fields.includes(field)) link.fields.push(field);
    links.set(key, link);
  }
  const all = [...links.values()];
  const seen = new Set<string>();
  return {
    goals: note.goals
      .filter((g) => (seen.has(g.id) ? false : (seen.add(g.id), true)))
      .map((goal) => ({ goal, links: all.filter((l) => l.goal === goal.id) })),
    medications: note.medications.map((medication, index) => ({
      medication,
      index,
      links: all.filter((l) => l.medication === index),
      undefinedGoals: undefinedByMed.get(index) ?? [],
    })),
  };
}
