import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, lintText, mergeConfig, RECOMMENDED, type Finding } from '../../server/src/engine/index.ts';

const ID = 'empty-section';
const lint = (text: string, config = RECOMMENDED) => lintText(text, { only: [ID], config }).findings;
const at = (text: string, f: Finding) => {
  const { note } = lintText(text, { only: [] });
  const s = note.lines.toLineColumn(f.range.start);
  const e = note.lines.toLineColumn(f.range.end);
  return `${s.line}:${s.column}-${e.line}:${e.column}`;
};
const FM = '---\npatient: L.V.\ndate: 2026-09-14\n---\n\n';

test('an empty template section is reported at its heading', () => {
  const text = `${FM}## Story\n\n## Relationships\n- Mother.\n`;
  const findings = lint(text);
  assert.deepEqual(findings.map((f) => [at(text, f), f.message]), [['6:1-6:9', 'Section "Story" is empty.']]);
  assert.equal(findings[0]!.fix, undefined);
});

test('comments, blank list items and whitespace are not content; a subheading is', () => {
  const text = `${FM}## Story\n<!-- later -->\n\n## Relationships\n- \n\n## Goals\n### Agreed next time\n`;
  assert.deepEqual(lint(text).map((f) => f.message), ['Section "Story" is empty.', 'Section "Relationships" is empty.']);
});

test('Countertransference is left to countertransference-reflection unless that rule is off', () => {
  const text = `${FM}## Story\nShe paints.\n\n## Countertransference\n`;
  assert.deepEqual(lint(text), []);
  const off = mergeConfig(RECOMMENDED, { rules: { 'countertransference-reflection': 'off' } });
  assert.deepEqual(lint(text, off).map((f) => f.message), ['Section "Countertransference" is empty.']);
});

test('a repeated section counts its occurrences together', () => {
  const text = `${FM}## Story\n\n## Relationships\n- Mother.\n\n## Story\nShe paints again.\n`;
  assert.deepEqual(lint(text), []);
});

test('minWords from the template', () => {
  const config = mergeConfig(RECOMMENDED, {
    templates: { 'follow-up': { sections: [{ name: 'Story', minWords: 5 }, 'Relationships'] } },
  });
  const text = `${FM}## Story\nShe paints again.\n\n## Relationships\n- Mother.\n`;
  const [f] = lint(text, config);
  assert.equal(f!.message, 'Section "Story" has 3 words; template "follow-up" asks for at least 5.');
  assert.deepEqual(lint(`${FM}## Story\nShe paints again, mostly at night.\n\n## Relationships\n- Mother.\n`, config), []);
  const [g] = lint(`${FM}## Story\n\n## Relationships\n- Mother.\n`, config);
  assert.equal(g!.message, 'Section "Story" is empty (template "follow-up" asks for at least 5 words).');
  // Words in other scripts count as words.
  assert.deepEqual(lint(`${FM}## Story\nЕй снова хочется рисовать по вечерам.\n\n## Relationships\n- Мама.\n`, config), []);
});

test('other sections: only when completely empty, removable when blank, option to switch off', () => {
  const text = `${FM}## Story\nShe paints.\n\n## Addendum\n\n## Relationships\n- Mother.\n\n## Extra\n`;
  const findings = lint(text);
  assert.deepEqual(findings.map((f) => [at(text, f), f.message]), [
    ['9:1-9:12', 'This section is empty.'],
    ['14:1-14:9', 'This section is empty.'],
  ]);
  assert.equal(applyFixes(text, findings[0]!.suggestions!).text, `${FM}## Story\nShe paints.\n\n## Relationships\n- Mother.\n\n## Extra\n`);
  assert.equal(applyFixes(text, findings[1]!.suggestions!).text, `${FM}## Story\nShe paints.\n\n## Addendum\n\n## Relationships\n- Mother.\n`);
  // A comment under the heading could be a directive: no removal offered.
  const [c] = lint(`${FM}## Story\nShe paints.\n\n## Addendum\n<!-- visitnotes-disable phi -->\n`);
  assert.equal(c!.suggestions, undefined);
  const off = mergeConfig(RECOMMENDED, { rules: { 'empty-section': { otherSections: false } } });
  assert.deepEqual(lint(text, off), []);
});

test('inline disable comment', () => {
  const text = `${FM}<!-- visitnotes-disable-next-line empty-section -->\n## Story\n\n## Relationships\n- Mother.\n`;
  assert.deepEqual(lint(text), []);
});
