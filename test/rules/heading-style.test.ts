import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, fixAll, lintText, mergeConfig, RECOMMENDED, resolvePreset, type Finding } from '../../server/src/engine/index.ts';

const ID = 'heading-style';
const ON = mergeConfig(RECOMMENDED, { rules: { [ID]: 'info' } });
const lint = (text: string, config = ON) => lintText(text, { only: [ID], config }).findings;
const at = (text: string, f: Finding) => {
  const { note } = lintText(text, { only: [] });
  const s = note.lines.toLineColumn(f.range.start);
  const e = note.lines.toLineColumn(f.range.end);
  return `${s.line}:${s.column}-${e.line}:${e.column}`;
};
const FM = '---\npatient: D.W.\ndate: 2026-11-18\n---\n\n';
const build = (...parts: string[]) => FM + parts.join('\n');

test('off in recommended, on in strict (warning) and training (info)', () => {
  const text = build('## STORY:\nHe talks about his son.\n');
  assert.deepEqual(lint(text, RECOMMENDED), []);
  assert.equal(lint(text, resolvePreset('strict'))[0]!.severity, 'warning');
  assert.equal(lint(text, resolvePreset('training'))[0]!.severity, 'info');
});

test('exact fixes, markup kept, aliases ignored', () => {
  const text = build('## story\nA.\n', '## Relationships:\n- Son.\n', '## __goals__ \n- [G1] x\n', '## Medication   meaning\n### X\n', '## reflection\nI felt warm.\n');
  const findings = lint(text);
  assert.deepEqual(
    findings.map((f) => [at(text, f), f.fix!.edits[0]!.newText]),
    [
      ['6:4-6:9', 'Story'],
      ['9:4-9:18', 'Relationships'],
      ['12:4-12:13', 'Goals'],
      ['15:4-15:24', 'Medication meaning'],
    ],
  );
  assert.equal(findings[0]!.message, 'Heading "story" is written differently from the template\'s "Story".');
  const fixed = fixAll(text, { only: [ID], config: ON });
  assert.equal(fixed.text, build('## Story\nA.\n', '## Relationships\n- Son.\n', '## __Goals__ \n- [G1] x\n', '## Medication meaning\n### X\n', '## reflection\nI felt warm.\n'));
  assert.deepEqual(fixed.findings, []);
});

test('unordered templates still get the spelling fix; CRLF kept', () => {
  const config = mergeConfig(ON, { templates: { 'follow-up': { extends: 'follow-up', ordered: false } } });
  const text = build('## goals\n- [G1] x\n', '## story\nA.\n').replace(/\n/g, '\r\n');
  const findings = lint(text, config);
  assert.deepEqual(findings.map((f) => f.fix?.edits[0]?.newText), ['Goals', 'Story']);
  assert.equal(applyFixes(text, findings.map((f) => f.fix!)).text, text.replace('## goals', '## Goals').replace('## story', '## Story'));
});

test('non-ASCII template names', () => {
  const config = mergeConfig(ON, { templates: { 'follow-up': { sections: ['Anamnèse', 'Relations'] } } });
  const text = `${FM}## Relations\nSa sœur 🙂.\n\n## anamnèse\nÉlodie.\n`;
  const [f] = lint(text, config);
  assert.equal(at(text, f!), '9:4-9:12');
  assert.equal(applyFixes(text, [f!.fix!]).text, text.replace('## anamnèse', '## Anamnèse'));
});
