/** Notes used by the language-server tests (fictional people, pseudonyms only). */

export const CLEAN = `---
patient: R.M.
date: 2026-11-20
clinician: A. Okafor
visit: follow-up
template: follow-up
---

## Story
He describes the last month as "holding my breath at work" since the plant
reorganised. His daughter started travel soccer this autumn; he misses most
games because of the late shifts, and he says that hurts more than the work.

## Relationships
- Daughter (14): the relationship he most wants to protect.
- Wife: supportive, worried he is "not himself" on higher doses.
- Alliance: came in guarded; warmer once we talked about his father's lithium.

## Goals
- [G1] Coach his daughter's team again by spring.
- [G2] Sleep enough to work day shifts without feeling drugged.

## Medication meaning
### Sertraline 100 mg daily
- Change: continue
- Rationale: Fewer intrusive memories at practice, so he can stay on the field [G1].
- Meaning: "Pills mean I'm like my dad" — ambivalent; wants to stop by summer.
- Plan: Revisit at 6 weeks; ask what stopping would mean [G1].

### Trazodone 50 mg at bedtime
- Change: start
- Rationale: Falling asleep sooner so he can manage day shifts [G2].
- Meaning: Worried about not waking if his daughter calls at night.

## Countertransference
I felt pulled to add something when he said nothing was working; I noticed
my own frustration with the slow pace, and chose to wait rather than change
the sertraline dose today.
`;

/**
 * Missing Relationships and Countertransference; [G7] undefined; a
 * symptoms-only rationale; G2 linked by nothing.
 */
export const PROBLEMS = `---
patient: T.B.
date: 2026-10-02
visit: follow-up
---

## Story
She talks about the bakery mornings and the walk home past the allotment,
and how the winter evenings have started to feel long again this year.

## Goals
- [G1] Get back to the pottery class on Thursdays.
- [G2] Walk the coastal path with her sister on Saturdays.

## Medication meaning
Revisit in 6 weeks [G7].

### Sertraline 50 mg daily
- Change: increase
- Rationale: Insomnia and nightmares.
- Meaning: Her mother took "nerve pills" for years; she worries about becoming her.
- Plan: Review at the next visit.
`;

/**
 * Two visits of T.B. (both carry her patient-key, so findings may name the earlier
 * visit's medications and date): the later one drops a goal and a medication of the
 * earlier. `story`: more of the later visit's Story (the watchdog's tests make it large).
 */
export const visitNote = (date: string, goals: string, meds: string, story = '') => `---
patient: T.B.
date: ${date}
patient-key: t8bq-3vxn
clinician: J. Moreno
visit: follow-up
---

## Story
She drives the school bus route again and talks about the children on it.
${story}
## Relationships
- Sister: they call on Sundays.

## Goals
${goals}

## Medication meaning
${meds}

## Countertransference
I noticed a wish to hurry her and chose to follow her pace instead.
`;

export const SERTRALINE = (change: string) => `### Sertraline 50 mg daily
- Change: ${change}
- Rationale: Steady mornings for the route [G1].
- Meaning: She calls it "my seatbelt".`;

export const FIRST_VISIT = visitNote(
  '2026-01-08',
  '- [G1] Drive her morning route again.\n- [G2] Sing with the church choir on Sundays.',
  `${SERTRALINE('start')}\n\n### Propranolol 10 mg as needed\n- Change: start\n- Rationale: Calmer at the first intersection [G1] [G2].\n- Meaning: "Just for the heart."`,
);
export const secondVisit = (story = '') => visitNote('2026-02-05', '- [G1] Drive her morning route again.', SERTRALINE('continue'), story);
