/**
 * The texts `visitnotes init` writes: the starter config, and in repository
 * mode what a program's note repository needs besides its notes (CI workflow,
 * pre-commit, .gitignore, VS Code recommendations and settings, a README).
 * Versions are pinned to the running tool's, so the Action, the hook and the
 * CLI that scaffolded them agree.
 */
import { exampleNote, type ExampleTemplate } from './example-note.ts';

/** Where the Action and the pre-commit hooks live (owner/name on GitHub). */
export const TOOL_REPOSITORY = 'visit-notes/visit-notes';
/** The VS Code extension's ID (publisher.name). */
export const EXTENSION_ID = 'visit-notes.visit-notes';
export const EXAMPLE_NOTE_PATH = 'notes/example.visit.md';

export interface ScaffoldChoices {
  preset: string;
  template: ExampleTemplate;
  /** Whether --template was given (then the config sets defaultTemplate). */
  templateChosen: boolean;
  /** The tool's version, e.g. 0.1.0 (pins the Action and the hook). */
  version: string;
  /** The branch pushes to which CI lints (the repository's current branch, else main). */
  branch: string;
}

export function starterConfig(c: Pick<ScaffoldChoices, 'preset' | 'template' | 'templateChosen'>, schemaComment: boolean): string {
  return `${schemaComment ? '# yaml-language-server: $schema=./node_modules/visit-notes/schemas/visitnotes.schema.json\n' : ''}# Visit Notes config: applies to the notes in this folder and below (the nearest
# .visitnotes.yaml wins). The VS Code extension validates this file as you type.
# Docs: docs/config.md and docs/cli.md; list the rules with \`npx visitnotes rules\`.

# Built-in presets: recommended, strict, training. Or a relative path to another config.
extends: ${c.preset}

# Other .md files to treat as notes (every *.visit.md already is), relative to this folder.
# include:
#   - notes/**/*.md

# Files and folders that are never notes.
# ignore:
#   - drafts/**

# The template for notes whose front matter names none: follow-up, intake, 4p-formulation.
${c.templateChosen ? '' : '# '}defaultTemplate: ${c.template}

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
}

export function workflow(c: ScaffoldChoices): string {
  return `# Lints the notes on every pull request and on pushes to ${c.branch}. Findings on the
# lines a pull request changes become annotations; the job summary counts findings
# per rule (never note text); the SARIF report goes to code scanning (Security tab).
name: visitnotes

on:
  pull_request:
  push:
    branches: [${c.branch}]
  workflow_dispatch:

permissions:
  contents: read
  security-events: write # upload the SARIF report
  actions: read # upload-sarif reads the run in private repositories

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the base commit, so annotations go on the changed lines
          persist-credentials: false
      - name: Lint notes
        id: visitnotes
        uses: ${TOOL_REPOSITORY}@v${c.version}
        with:
          paths: .
          sarif-file: visitnotes.sarif
      - name: Upload to code scanning
        if: always() && steps.visitnotes.outputs.sarif-file != ''
        # Code scanning needs GitHub Advanced Security on private repositories;
        # without it this step fails on its own and the lint result still stands.
        continue-on-error: true
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: \${{ steps.visitnotes.outputs.sarif-file }}
          category: visitnotes
`;
}

export function preCommitConfig(c: ScaffoldChoices): string {
  return `# pre-commit (https://pre-commit.com): run \`pre-commit install\` once; then every
# commit lints the staged notes. The visitnotes-fix hook also applies safe fixes.
repos:
  - repo: https://github.com/${TOOL_REPOSITORY}
    rev: v${c.version}
    hooks:
      - id: visitnotes
`;
}

export const GITIGNORE = `# visitnotes lint --cache
.visitnotes-cache
# the SARIF report of a local run of the Action
visitnotes.sarif
node_modules/
`;

export const VSCODE_EXTENSIONS = `${JSON.stringify({ recommendations: [EXTENSION_ID] }, null, 2)}\n`;

/**
 * Settings for writing notes. Copilot-style completion is switched off because it
 * sends the text around the cursor to a remote service, and notes are health records.
 */
export const VSCODE_SETTINGS = `${JSON.stringify(
  {
    '[visitnote]': {
      'editor.wordWrap': 'on',
      'editor.wrappingIndent': 'same',
      // Two trailing spaces are a Markdown line break.
      'files.trimTrailingWhitespace': false,
    },
    'files.insertFinalNewline': true,
    'github.copilot.enable': { '*': false },
  },
  null,
  2,
)}\n`;

export function readme(c: ScaffoldChoices): string {
  return `# Visit notes

Relational psychiatric visit notes, linted by [Visit Notes](https://github.com/${TOOL_REPOSITORY})
(preset \`${c.preset}\`, template \`${c.template}\`; see \`.visitnotes.yaml\`).

Notes are health records. Use pseudonyms or initials for patients, never names,
dates of birth, phone numbers, addresses or record numbers; the lint flags what
looks like one.

## Writing a note

One file per visit, named \`*.visit.md\`, under \`notes/\`; \`${EXAMPLE_NOTE_PATH}\` is a
complete example. In VS Code, install the recommended **Visit Notes** extension
(this repository suggests it) and use **Visit Notes: New Note**; findings appear as
you type, with quick fixes for what can be fixed safely.

A note has front matter (\`patient\`, \`date\`, optional \`clinician\`, \`visit\`,
\`template\`) and the sections **Story**, **Relationships**, **Goals** (\`- [G1] ...\`),
**Medication meaning** (one \`###\` entry per medication, with a \`Rationale\` that
links a goal and its \`Meaning\`) and **Countertransference**.

## Running the lint

- **In CI**: \`.github/workflows/visitnotes.yml\` lints every pull request, annotates
  the changed lines and adds a summary of counts to the run.
- **Before each commit**: \`pre-commit install\` (once; needs [pre-commit](https://pre-commit.com) and Node.js).
- **By hand**: \`npx --yes --package visit-notes@${c.version} visitnotes lint\` (Node.js 20.19 or later).

Nothing is sent anywhere: the lint, the editor extension and the Action run
on your machine or your CI runner. \`.vscode/settings.json\` switches off
cloud code completion for this repository; set \`telemetry.telemetryLevel\` to
\`off\` in your own VS Code settings too.
`;
}

export { exampleNote };
