/**
 * Issue 13's reproduction: with `include: ["*.md"]` and `ignore: ["drafts/**"]`,
 * a January `2026-01-10.md`, a February `2026-02-07.visit.md` and a March
 * `2026-03-05.VISIT.MD` of one patient, the CLI and the language server (Lint
 * Workspace, pulled diagnostics, workspace symbols) find the same notes and
 * report the same findings: goal-continuity on February (January's G2 was not
 * carried forward), and nothing from the ignored draft, whose G3 would give
 * January a goal-continuity finding if the server's visit index held it.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import { asObject, cliFindings, lintWorkspaceFindings, pulledFindings, serverOnWorkspace } from './faces.ts';

const note = (date: string, goals: string, change: string) => `---
patient: A.B.
date: ${date}
clinician: J. Moreno
visit: follow-up
---

## Story
She talks about the bakery and the early shifts; mornings are the hardest part.

## Relationships
- Sister: they call on Sundays and she feels heard.

## Goals
${goals}

## Medication meaning
### Sertraline 50 mg daily
- Change: ${change}
- Rationale: Steadier mornings before the shift [G1].
- Meaning: She calls it "the small white helper".

## Countertransference
I noticed a wish to reassure her quickly and slowed down instead.
`;

const SHIFT = '- [G1] Get back to the early shift at the bakery.';
const FILES = {
  '.visitnotes.yaml': 'include: ["*.md"]\nignore: ["drafts/**"]\n',
  '2026-01-10.md': note('2026-01-10', `${SHIFT}\n- [G2] Call her sister every Sunday.`, 'start'),
  '2026-02-07.visit.md': note('2026-02-07', SHIFT, 'continue'),
  '2026-03-05.VISIT.MD': note('2026-03-05', SHIFT, 'continue'),
  'drafts/2026-01-01.visit.md': note('2026-01-01', `${SHIFT}\n- [G3] Walk to the park with her neighbour.`, 'continue'),
};
const NOTES = ['2026-01-10.md', '2026-02-07.visit.md', '2026-03-05.VISIT.MD'];

describe('one workspace: the CLI and the language server agree (issue 13)', () => {
  const workspace = serverOnWorkspace(FILES);

  test('the CLI lints the included Markdown note, not the ignored draft, and reports goal-continuity on February', async () => {
    const cli = await cliFindings(workspace.dir);
    assert.deepEqual([...cli.keys()].sort(), NOTES);
    assert.ok(cli.get('2026-02-07.visit.md')!.some((f) => f.startsWith('goal-continuity ') && f.includes('G2')));
    assert.ok(!cli.get('2026-01-10.md')!.some((f) => f.startsWith('goal-continuity ')));
  });

  test('Lint Workspace lists the same notes and reports the same findings', async () => {
    const { dir, client } = workspace;
    const [cli, server] = await Promise.all([cliFindings(dir), lintWorkspaceFindings(client, dir)]);
    assert.deepEqual(asObject(server), asObject(cli));
  });

  test('pulled diagnostics of each opened note match the CLI', async () => {
    const { dir, client } = workspace;
    const cli = await cliFindings(dir);
    await lintWorkspaceFindings(client, dir); // the first scan has finished once Lint Workspace answers
    assert.deepEqual(asObject(await pulledFindings(client, dir, NOTES)), asObject(cli));
  });

  test('workspace symbols cover the included and the upper-case note, never the ignored draft', async () => {
    const symbols = await workspace.client.request<SymbolInformation[]>('workspace/symbol', { query: 'G' });
    const files = new Set(symbols.map((s) => decodeURIComponent(s.location.uri.slice(s.location.uri.lastIndexOf('/') + 1))));
    assert.deepEqual([...files].sort(), NOTES);
  });
});
