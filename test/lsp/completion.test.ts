/**
 * Completions for each context: `##` sections (missing first, template order),
 * medication fields and Change values, goals after `[`, medication names after
 * `###` (brand → generic), front matter keys/values/templates, and snippets.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, fileUri, positionAt, tempWorkspace, TestClient } from './client.ts';
import { PROBLEMS } from './notes.ts';

const CURSOR = '§';

describe('completion', () => {
  let client: TestClient;
  let ws: ReturnType<typeof tempWorkspace>;
  let n = 0;

  beforeAll(async () => {
    ws = tempWorkspace();
    writeFileSync(
      path.join(ws.dir, '.visitnotes.yaml'),
      'templates:\n  group-visit:\n    description: A group medication visit.\n    sections: [Story, Relationships, Goals, Medication meaning, Countertransference]\n',
    );
    writeFileSync(path.join(ws.dir, 'keyed.visit.md'), PROBLEMS.replace('patient: T.B.\n', 'patient: Z.Z.\npatient-key: h3vq-8k2n\n'));
    client = await TestClient.start({ workspace: ws.dir });
  });
  afterAll(async () => {
    await client.shutdown();
    ws.cleanup();
  });

  /** Opens `marked` (with § at the cursor) as a new note and asks for completions there. */
  async function complete(marked: string, c: TestClient = client): Promise<{ items: CompletionItem[]; text: string; list: CompletionList }> {
    const offset = marked.indexOf(CURSOR);
    assert.ok(offset >= 0);
    const text = marked.replace(CURSOR, '');
    const uri = fileUri(path.join(ws.dir, `c${n++}.visit.md`));
    await c.open(uri, text);
    const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) });
    assert.ok(list, 'a completion list');
    const items = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    return { items, text, list };
  }
  const apply = (text: string, item: CompletionItem) => applyTextEdits(text, [item.textEdit as TextEdit]);
  const at = (text: string, needle: string) => text.indexOf(needle) + needle.length;
  const insertAt = (text: string, offset: number, s: string) => text.slice(0, offset) + s + text.slice(offset);

  test('## offers the template sections, missing ones first, in template order', async () => {
    const { items, text } = await complete(`${PROBLEMS}\n## ${CURSOR}\n`);
    assert.deepEqual(
      items.map((i) => i.label),
      ['Relationships', 'Countertransference', 'Story', 'Goals', 'Medication meaning'],
    );
    assert.match(items[0]!.detail!, /missing/);
    assert.ok(JSON.stringify(items[0]!.documentation).includes('alliance'), 'documentation is the section description');
    assert.ok(apply(text, items[0]!).endsWith('\n## Relationships\n'));
  });

  test('## without a space inserts one', async () => {
    const { items, text } = await complete(`${PROBLEMS}\n##${CURSOR}`);
    assert.ok(apply(text, items[0]!).endsWith('\n## Relationships'));
  });

  test('inside a medication entry: field names, missing required fields first', async () => {
    // An entry with Rationale only: Meaning (required) comes first.
    const base = PROBLEMS.replace('- Plan: Review at the next visit.\n', '- Plan: Review at the next visit.\n\n### Trazodone 50 mg at bedtime\n- Rationale: Sleep so the mornings at the bakery work [G1].\n');
    const marked = `${base}- Me${CURSOR}\n`;
    const { items, text } = await complete(marked);
    const fields = items.filter((i) => i.kind === 5 /* Field */);
    assert.equal(fields[0]!.label, 'Meaning');
    assert.match(fields[0]!.detail!, /required/);
    assert.deepEqual(
      fields.map((i) => i.label),
      ['Meaning', 'Change', 'Plan', 'Response', 'Ambivalence', 'Concerns', 'Hopes and fears', 'Family history', 'Decision', 'Rationale'],
    );
    assert.match(String(fields.find((i) => i.label === 'Family history')!.documentation), /Counts as Meaning/);
    assert.ok(apply(text, fields[0]!).endsWith('- Meaning: \n'));
    // The seven meaning prompts are offered too, as snippets.
    assert.equal(items.filter((i) => String(i.label).startsWith('Meaning prompt')).length, 7);
  });

  test('after Change: the change values', async () => {
    const marked = PROBLEMS.replace('- Change: increase', `- Change: inc${CURSOR}`);
    const { items, text } = await complete(marked);
    assert.deepEqual(items.map((i) => i.label), ['start', 'increase', 'decrease', 'continue', 'stop', 'taper', 'switch', 'hold', 'restart']);
    const increase = items.find((i) => i.label === 'increase')!;
    assert.ok(apply(text, increase).includes('- Change: increase\n'));
    const stop = items.find((i) => i.label === 'stop')!;
    assert.ok(apply(text, stop).includes('- Change: stop\n'), 'replaces the partial word');
  });

  test('after Meaning: the seven meaning prompts (snippets)', async () => {
    const marked = PROBLEMS.replace('- Meaning: Her mother', `- Meaning: ${CURSOR}\n- Concerns: Her mother`);
    const { items } = await complete(marked);
    assert.deepEqual(
      items.map((i) => String(i.label).replace('Meaning prompt: ', '')),
      ['affect', 'avoidance', 'past experience', 'patterns', 'interpersonal', 'the therapeutic relationship', 'wishes and fears about treatment'],
    );
    assert.ok(items.every((i) => i.insertTextFormat === 2 && /\$\{1:/.test((i.textEdit as TextEdit).newText)));
  });

  test('the wishes-and-fears prompt on a new line writes its own field; after Decision: who decided', async () => {
    const base = PROBLEMS.replace('- Plan: Review at the next visit.\n', '- Plan: Review at the next visit.\n- Hop' + CURSOR + '\n');
    const { items } = await complete(base);
    const wishes = items.find((i) => i.label === 'Meaning prompt: wishes and fears about treatment')!;
    assert.match((wishes.textEdit as TextEdit).newText, /^Hopes and fears: \$\{1:what they wish or fear/);
    const decision = await complete(PROBLEMS.replace('- Plan: Review at the next visit.\n', `- Plan: Review at the next visit.\n- Decision: ${CURSOR}\n`));
    assert.deepEqual(decision.items.map((i) => i.label), ['we agreed', 'she chose', 'he chose', 'they chose', 'I decided']);
  });

  test('where decision-recorded is on (training), Decision comes first for a start', async () => {
    const dir = path.join(ws.dir, 'training');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '.visitnotes.yaml'), 'extends: training\n');
    const marked = PROBLEMS.replace('- Change: increase', '- Change: start').replace('- Plan: Review at the next visit.\n', `- Plan: Review at the next visit.\n- ${CURSOR}\n`);
    const offset = marked.indexOf(CURSOR);
    const text = marked.replace(CURSOR, '');
    const uri = fileUri(path.join(dir, 'start.visit.md'));
    await client.open(uri, text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) });
    const fields = [...list!.items].filter((i) => i.kind === 5).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.equal(fields[0]!.label, 'Decision');
    assert.match(fields[0]!.detail!, /asked for on "start"/);
  });

  test('after [ or [G: every goal of the note, with its text', async () => {
    const marked = PROBLEMS.replace('Revisit in 6 weeks [G7].', `Revisit in 6 weeks [G${CURSOR}`);
    const { items, text } = await complete(marked);
    assert.deepEqual(items.map((i) => i.label), ['[G1]', '[G2]']);
    assert.match(items[0]!.detail!, /pottery class/);
    assert.match(JSON.stringify(items[1]!.documentation), /coastal path/);
    assert.ok(apply(text, items[1]!).includes('Revisit in 6 weeks [G2]\n'));

    const bare = await complete(PROBLEMS.replace('Revisit in 6 weeks [G7].', `Revisit in 6 weeks [${CURSOR}].`));
    assert.deepEqual(bare.items.map((i) => i.label), ['[G1]', '[G2]']);
  });

  test('an auto-closed ] is replaced, not doubled', async () => {
    const { items, text } = await complete(PROBLEMS.replace('Revisit in 6 weeks [G7].', `Revisit in 6 weeks [${CURSOR}].`));
    assert.ok(apply(text, items[0]!).includes('Revisit in 6 weeks [G1].\n'));
  });

  test('defining a goal offers referenced-but-undefined IDs, then the next free ID', async () => {
    const marked = PROBLEMS.replace('## Medication meaning', `- [${CURSOR}\n\n## Medication meaning`);
    const { items } = await complete(marked);
    assert.deepEqual(items.map((i) => i.label), ['[G7]', '[G8]']);
  });

  test('### in Medication meaning offers medication names; a brand offers the generic', async () => {
    const brand = await complete(`${PROBLEMS}\n### Zol${CURSOR}\n`);
    const sertraline = brand.items.find((i) => i.label === 'Sertraline');
    assert.ok(sertraline, 'Zoloft → Sertraline');
    assert.equal(sertraline.filterText, 'Zoloft');
    assert.ok(apply(brand.text, sertraline).endsWith('\n### Sertraline\n'));
    assert.equal(brand.list.isIncomplete, true);

    const generic = await complete(`${PROBLEMS}\n### lam${CURSOR}\n`);
    assert.ok(generic.items.some((i) => i.label === 'Lamotrigine'));
    assert.ok(generic.items.every((i) => /^Lam/i.test(String(i.filterText ?? i.label))));

    const all = await complete(`${PROBLEMS}\n### ${CURSOR}\n`);
    assert.ok(all.items.length >= 300, `several hundred medications (${all.items.length})`);
    const snippet = all.items.find((i) => i.label === 'Medication entry');
    assert.ok(snippet && snippet.insertTextFormat === 2);
    assert.match((snippet.textEdit as TextEdit).newText, /- Rationale: .*\[\$\{5:G1\}\]/);
  });

  test('front matter: missing keys, visit values, template names from config', async () => {
    const keys = await complete(PROBLEMS.replace('visit: follow-up\n', `visit: follow-up\n${CURSOR}\n`));
    assert.deepEqual(keys.items.map((i) => i.label), ['clinician', 'template', 'patient-key']);
    assert.ok(apply(keys.text, keys.items[1]!).includes('visit: follow-up\ntemplate: \n'));
    // patient-key: a new random key (no other note of this patient carries one here).
    assert.match(apply(keys.text, keys.items[2]!), /visit: follow-up\npatient-key: [0-9a-z]{4}-[0-9a-z]{4}\n/);

    const visit = await complete(PROBLEMS.replace('visit: follow-up', `visit: ${CURSOR}`));
    assert.deepEqual(visit.items.map((i) => i.label), ['intake', 'follow-up', 'crisis', 'transfer', 'other']);

    const template = await complete(PROBLEMS.replace('visit: follow-up', `visit: follow-up\ntemplate: ${CURSOR}`));
    const names = template.items.map((i) => i.label);
    assert.equal(names[0], 'follow-up', 'the default template first');
    assert.ok(names.includes('group-visit'), 'templates from the workspace config');
    assert.ok(names.includes('intake'));
  });

  test('patient-key: the key this patient’s other notes carry comes first, then a new one', async () => {
    // keyed.visit.md (Z.Z., written before the server started) is in the workspace index.
    const marked = PROBLEMS.replace('patient: T.B.', 'patient: Z.Z.').replace('visit: follow-up\n', `visit: follow-up\n${CURSOR}\n`);
    let found = await complete(marked);
    for (let i = 0; i < 40 && !found.items.some((x) => x.label === 'patient-key: h3vq-8k2n'); i++) {
      await new Promise((r) => setTimeout(r, 100)); // the background scan of the workspace
      found = await complete(marked);
    }
    const { items, text } = found;
    const keys = items.filter((i) => String(i.label).startsWith('patient-key'));
    assert.deepEqual(keys.map((i) => i.label), ['patient-key: h3vq-8k2n', 'patient-key']);
    assert.match(keys[0]!.detail!, /carried by 1 other note with this patient value/);
    assert.ok(apply(text, keys[0]!).includes('visit: follow-up\npatient-key: h3vq-8k2n\n'));
  });

  test('a blank line in a medication entry offers fields with a bullet and the entry snippet', async () => {
    const marked = PROBLEMS.replace('- Plan: Review at the next visit.\n', `- Plan: Review at the next visit.\n${CURSOR}\n`);
    const { items, text } = await complete(marked);
    const concerns = items.find((i) => i.label === 'Concerns')!;
    assert.ok(apply(text, concerns).includes('next visit.\n- Concerns: \n'));
    assert.ok(items.some((i) => i.label === 'Medication entry'));
  });

  test('prose outside any context gets nothing', async () => {
    const { items } = await complete(PROBLEMS.replace('She talks about', `She ${CURSOR}talks about`));
    assert.deepEqual(items, []);
  });

  test('CRLF and non-ASCII: ranges stay exact', async () => {
    const marked = PROBLEMS.replace('Review at the next visit.', `Café 🙂 [G${CURSOR}`).replace(/\n/g, '\r\n');
    const { items, text } = await complete(marked);
    assert.deepEqual(items.map((i) => i.label), ['[G1]', '[G2]']);
    assert.ok(apply(text, items[0]!).includes('- Plan: Café 🙂 [G1]\r\n'));
  });

  test('without client snippet support, no snippet syntax is sent', async () => {
    const plain = await TestClient.start({
      workspace: ws.dir,
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } },
    });
    try {
      const meaning = await complete(PROBLEMS.replace('- Meaning: Her mother', `- Meaning: ${CURSOR}\n- Concerns: Her mother`), plain);
      assert.equal(meaning.items.length, 7);
      assert.ok(meaning.items.every((i) => i.insertTextFormat !== 2 && !(i.textEdit as TextEdit).newText.includes('${')));
      const heading = await complete(`${PROBLEMS}\n### ${CURSOR}\n`, plain);
      assert.ok(!heading.items.some((i) => i.label === 'Medication entry'));
    } finally {
      await plain.shutdown();
    }
  });

  test('completion right after a keystroke answers from the last parsed model', async () => {
    const uri = fileUri(path.join(ws.dir, 'typing.visit.md'));
    let text = PROBLEMS;
    await client.open(uri, text);
    await client.currentDiagnostics(uri);
    // Type " [" at the end of the Plan line and ask at once, as an editor does on a trigger character.
    const offset = at(text, 'Revisit in 6 weeks');
    text = insertAt(text, offset, ' [');
    const pos = positionAt(text, offset);
    await client.change(uri, [{ range: { start: pos, end: pos }, text: ' [' }]);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: positionAt(text, offset + 2),
      context: { triggerKind: 2, triggerCharacter: '[' },
    });
    assert.deepEqual(list.items.map((i) => i.label).sort(), ['[G1]', '[G2]']);
  });
});
