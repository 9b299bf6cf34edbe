/**
 * `visitnotes init [folder]`: writes a starter `.visitnotes.yaml` (extends
 * `recommended`, every other setting as a commented example) and an example note.
 * It never overwrites: if a config (any of the three names) or the example note
 * already exists, it writes nothing and exits 2.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newPatientKey } from '../../engine/visits/patient-key.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io.ts';
import type { Command } from './types.ts';

export const CONFIG_NAMES = ['.visitnotes.yaml', '.visitnotes.yml', '.visitnotes.json'] as const;
export const STARTER_CONFIG_NAME = '.visitnotes.yaml';
export const EXAMPLE_NOTE_NAME = 'example.visit.md';

export const STARTER_CONFIG = `# yaml-language-server: $schema=./node_modules/visit-notes/schemas/visitnotes.schema.json
# Visit Notes config: applies to the notes in this folder and below (the nearest
# .visitnotes.yaml wins). The VS Code extension validates this file as you type.
# Docs: docs/config.md and docs/cli.md; list the rules with \`npx visitnotes rules\`.

# Built-in presets: recommended, strict, training. Or a relative path to another config.
extends: recommended

# Other .md files to treat as notes (every *.visit.md already is), relative to this folder.
# include:
#   - notes/**/*.md

# Files and folders that are never notes.
# ignore:
#   - drafts/**

# The template for notes whose front matter names none: follow-up, intake, 4p-formulation.
# defaultTemplate: follow-up

# Your program's own templates: required sections (in order), aliases, medication fields.
# templates:
#   crisis:
#     extends: follow-up
#     sections:
#       - Story
#       - Relationships
#       - Safety
#       - Goals
#       - Medication meaning
#       - Countertransference
#     medicationFields: [Rationale, Meaning, Plan]

# Rule levels: error | warning | info | off, or an object with severity and options.
# rules:
#   phi: error
#   section-order: off
#   story-clinical-jargon:
#     severity: warning
#     threshold: 0.3

# Vocabulary additions and removals (symptoms, diagnoses, jargon, formulaic, pressure).
# vocabulary:
#   jargon:
#     add: [psychomotor retardation]
`;

/**
 * The example note, with a freshly generated `patient-key`: a random code, never
 * derived from the person, that later notes of the same person copy
 * (docs/format.md#front-matter).
 */
export function exampleNote(patientKey: string = newPatientKey()): string {
  return `---
patient: R.M.
date: 2026-11-20
patient-key: ${patientKey}
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
}

const command: Command = {
  name: 'init',
  usage: 'visitnotes init [folder]',
  description: `
Writes a starter ${STARTER_CONFIG_NAME} (extends "recommended"; every other
setting is a commented example) and an example note, ${EXAMPLE_NOTE_NAME}, into
the folder (default: the current folder). The example note carries a new random
patient-key; copy it into later notes of the same person. Existing files are never overwritten:
if a .visitnotes.yaml, .visitnotes.yml, .visitnotes.json or ${EXAMPLE_NOTE_NAME}
is already there, nothing is written and the exit code is 2.`,
  options: {},
  async run({ positionals }, io) {
    if (positionals.length > 1) throw new UsageError('"init" takes at most one folder.');
    const dir = path.resolve(io.cwd, positionals[0] ?? '.');
    const existing: string[] = [];
    for (const name of [...CONFIG_NAMES, EXAMPLE_NOTE_NAME]) {
      if (await stat(path.join(dir, name)).then(() => true, () => false)) existing.push(name);
    }
    if (existing.length) {
      io.stderr.write(`visitnotes: not overwriting ${existing.join(', ')} in ${path.relative(io.cwd, dir) || '.'}; nothing was written.\n`);
      return EXIT_FAILURE;
    }
    await mkdir(dir, { recursive: true });
    const written: string[] = [];
    for (const [name, text] of [[STARTER_CONFIG_NAME, STARTER_CONFIG], [EXAMPLE_NOTE_NAME, exampleNote()]] as const) {
      const file = path.join(dir, name);
      try {
        await writeFile(file, text, { flag: 'wx' }); // never clobber, even if it appeared just now
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        io.stderr.write(`visitnotes: not overwriting ${name}; it appeared while init ran.\n`);
        return EXIT_FAILURE;
      }
      written.push(path.relative(io.cwd, file) || file);
    }
    io.stdout.write(`Wrote ${written.join(' and ')}.\nNext: edit the config, then run \`npx visitnotes lint\`.\n`);
    return EXIT_OK;
  },
};

export default command;
