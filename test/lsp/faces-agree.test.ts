/**
 * The faces agree, as a property: for generated workspaces (a config with
 * `include`/`ignore` globs, a root and a nested `.gitignore`, sometimes a
 * repository, several patients with several visits spread over folders, notes
 * named `*.md`, `*.visit.md` and `*.VISIT.MD`), the CLI's JSON, the language
 * server's Lint Workspace and its pulled diagnostics for every note give the
 * same notes and the same findings. Few runs (each spawns a CLI and a server);
 * FUZZ_RUNS and FUZZ_SEED widen or replay them.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { fuzzRuns, fuzzSeed } from '../engine/fuzz-support.ts';
import { removeProject, tempProject } from '../cli/helpers.ts';
import { TestClient } from './client.ts';
import { asObject, cliFindings, lintWorkspaceFindings, pulledFindings } from './faces.ts';

const FOLDERS = ['', 'notes', 'notes/old', 'drafts', 'archive', 'build', 'private', '.hidden'] as const;
const PATIENTS = ['A.B.', 'C.D.', 'E.F.'] as const;
const GOALS = [
  'Get back to the early shift at the bakery.',
  'Call her sister every Sunday.',
  'Walk to the park with her neighbour.',
  'Cook dinner for the family on Fridays.',
] as const;
const CHANGES = ['start', 'continue', 'increase', 'stop'] as const;

interface Visit {
  patient: number;
  month: number;
  folder: number;
  naming: 'md' | 'visit' | 'VISIT' | 'tmp' | 'secret';
  goals: boolean[];
  change: number;
}

const visitArb: fc.Arbitrary<Visit> = fc.record({
  patient: fc.integer({ min: 0, max: PATIENTS.length - 1 }),
  month: fc.integer({ min: 1, max: 12 }),
  folder: fc.integer({ min: 0, max: FOLDERS.length - 1 }),
  naming: fc.constantFrom('md', 'visit', 'VISIT', 'tmp', 'secret'),
  goals: fc.array(fc.boolean(), { minLength: GOALS.length, maxLength: GOALS.length }),
  change: fc.integer({ min: 0, max: CHANGES.length - 1 }),
});

const workspaceArb = fc.record({
  include: fc.subarray(['*.md', 'notes/**/*.md', '/archive/*.md', '.hidden/*.md']),
  ignore: fc.subarray(['drafts/**', 'archive', '*.tmp.md', 'notes/old/']),
  rootGitignore: fc.subarray(['build/', 'private/*.md', '*.bak.md']),
  nestedGitignore: fc.subarray(['secret-*.md', '!secret-*-03-*.md', 'old/']),
  repository: fc.boolean(),
  visits: fc.array(visitArb, { minLength: 2, maxLength: 7 }),
});

function noteText(v: Visit): string {
  const goals = GOALS.map((g, i) => (v.goals[i] ? `- [G${i + 1}] ${g}` : '')).filter(Boolean);
  if (goals.length === 0) goals.push(`- [G1] ${GOALS[0]}`);
  return `---
patient: ${PATIENTS[v.patient]}
date: 2026-${String(v.month).padStart(2, '0')}-${String(3 + v.patient).padStart(2, '0')}
clinician: J. Moreno
visit: follow-up
---

## Story
She talks about the early shifts and the walk home; mornings are the hardest part.

## Relationships
- Sister: they call on Sundays and she feels heard.

## Goals
${goals.join('\n')}

## Medication meaning
### Sertraline 50 mg daily
- Change: ${CHANGES[v.change]}
- Rationale: Steadier mornings before the shift [G1].
- Meaning: She calls it "the small white helper".

## Countertransference
I noticed a wish to reassure her quickly and slowed down instead.
`;
}

function fileName(v: Visit): string {
  const date = `2026-${String(v.month).padStart(2, '0')}-${String(3 + v.patient).padStart(2, '0')}`;
  switch (v.naming) {
    case 'md':
      return `${date}.md`;
    case 'visit':
      return `${date}.visit.md`;
    case 'VISIT':
      return `${date}.VISIT.MD`;
    case 'tmp':
      return `${date}.tmp.md`;
    case 'secret':
      return `secret-${date}.md`;
  }
}

type Workspace = typeof workspaceArb extends fc.Arbitrary<infer T> ? T : never;

function filesOf(ws: Workspace): Record<string, string> {
  const list = (globs: readonly string[]) => `[${globs.map((g) => JSON.stringify(g)).join(', ')}]`;
  const files: Record<string, string> = {
    '.visitnotes.yaml': `include: ${list(ws.include)}\nignore: ${list(ws.ignore)}\n`,
  };
  if (ws.rootGitignore.length) files['.gitignore'] = `${ws.rootGitignore.join('\n')}\n`;
  if (ws.nestedGitignore.length) files['notes/.gitignore'] = `${ws.nestedGitignore.join('\n')}\n`;
  for (const v of ws.visits) {
    const folder = FOLDERS[v.folder];
    files[folder ? `${folder}/${fileName(v)}` : fileName(v)] = noteText(v);
  }
  return files;
}

describe('the faces agree on generated workspaces', () => {
  test('CLI JSON, Lint Workspace and pulled diagnostics give the same notes and findings', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(workspaceArb, async (ws) => {
        const dir = tempProject(filesOf(ws));
        if (ws.repository) mkdirSync(path.join(dir, '.git'));
        const client = await TestClient.start({ workspace: dir, pull: true });
        try {
          const cli = await cliFindings(dir);
          const lintWorkspace = await lintWorkspaceFindings(client, dir);
          assert.deepEqual(asObject(lintWorkspace), asObject(cli), 'Lint Workspace vs CLI');
          const pulled = await pulledFindings(client, dir, [...cli.keys()]);
          assert.deepEqual(asObject(pulled), asObject(cli), 'pulled diagnostics vs CLI');
        } finally {
          await client.shutdown();
          removeProject(dir);
        }
      }),
      { numRuns: fuzzRuns(20), seed: fuzzSeed() },
    );
  });
});
