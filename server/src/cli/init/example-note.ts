/**
 * The example note `visitnotes init` writes: one invented patient's follow-up
 * (or intake, or 4P formulation), complete for its template, so it lints with
 * no findings under every built-in preset. The only place its text lives.
 *
 * Written as a clinician would write it: the story in the person's words,
 * goals as things he wants to do, each medication's rationale linked to a goal,
 * and a reflection that names the pull to act without acting on it.
 */

import { newPatientKey } from '../../engine/index.ts';

export type ExampleTemplate = 'follow-up' | 'intake' | '4p-formulation';

/**
 * The front matter, key by key, with a freshly generated `patient-key`: a
 * random code, never derived from the person, that later notes of the same
 * person copy (docs/format.md#front-matter).
 */
function frontMatter(template: ExampleTemplate, patientKey: string): [string, string][] {
  return [
    ['patient', 'R.M.'],
    ['patient-key', patientKey],
    ['date', '2026-11-20'],
    ['clinician', 'A. Okafor'],
    ['visit', template === 'intake' ? 'intake' : 'follow-up'],
    ['template', template],
  ];
}

const STORY = `## Story
He describes the last month as "holding my breath at work" since the plant
reorganised. His daughter started travel soccer this autumn; he misses most
games because of the late shifts, and he says that hurts more than the work.`;

const RELATIONSHIPS = `## Relationships
- Daughter (14): the relationship he most wants to protect.
- Wife: supportive, worried he is "not himself" on higher doses.
- Alliance: came in guarded; warmer once we talked about his father's lithium.`;

const TREATMENT_HISTORY = `## Treatment history
His father took lithium for years; he remembers him as "flattened" and quiet at
dinner. He tried sertraline once before and stopped it after two weeks.`;

const FORMULATION = `## Predisposing
A father whose illness and treatment the family never talked about openly.

## Precipitating
The reorganisation at the plant and the move to late shifts.

## Perpetuating
Missing his daughter's games, and lying awake going over work.

## Protective
His daughter, his wife's steadiness, and years of coaching other children.`;

const GOALS = `## Goals
- [G1] Coach his daughter's team again by spring.
- [G2] Sleep enough to work day shifts without feeling drugged.`;

const MEDICATION = `## Medication meaning
### Sertraline 100 mg daily
- Change: continue
- Rationale: Fewer intrusive memories at practice, so he can stay on the field [G1].
- Meaning: "Pills mean I'm like my dad" — ambivalent; wants to stop by summer.
- Plan: Revisit at 6 weeks; ask what stopping would mean [G1].

### Trazodone 50 mg at bedtime
- Change: start
- Rationale: Falling asleep sooner so he can manage day shifts [G2].
- Meaning: Worried about not waking if his daughter calls at night.
- Decision: We agreed on a two-week trial after he weighed it against the night calls.`;

const SAFETY = `## Safety
No thoughts of ending his life; he names his daughter and his wife as reasons
he holds on when work is at its worst.`;

const PLAN = `## Plan
Follow-up in four weeks; he will ask his wife to come to the next visit.`;

const COUNTERTRANSFERENCE = `## Countertransference
I felt pulled to add something when he said nothing was working; I noticed
my own frustration with the slow pace, and chose to wait rather than change
the sertraline dose today.`;

const SECTIONS: Record<ExampleTemplate, string[]> = {
  'follow-up': [STORY, RELATIONSHIPS, GOALS, MEDICATION, COUNTERTRANSFERENCE],
  intake: [STORY, RELATIONSHIPS, TREATMENT_HISTORY, GOALS, MEDICATION, SAFETY, PLAN, COUNTERTRANSFERENCE],
  '4p-formulation': [STORY, RELATIONSHIPS, FORMULATION, GOALS, MEDICATION, COUNTERTRANSFERENCE],
};

export function exampleNote(template: ExampleTemplate = 'follow-up', patientKey: string = newPatientKey()): string {
  const yaml = frontMatter(template, patientKey).map(([key, value]) => `${key}: ${value}`);
  return `---\n${yaml.join('\n')}\n---\n\n${SECTIONS[template].join('\n\n')}\n`;
}

export const EXAMPLE_TEMPLATES: readonly ExampleTemplate[] = ['follow-up', 'intake', '4p-formulation'];
