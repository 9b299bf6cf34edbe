import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, fixAll, lintText, mergeConfig, RECOMMENDED, type Finding } from '../../server/src/engine/index.ts';

const ID = 'required-section';
const lint = (text: string, config = RECOMMENDED) => lintText(text, { only: [ID], config });
const fixOne = (text: string, f: Finding) => applyFixes(text, [f.fix!]).text;
const at = (text: string, f: Finding) => {
  const { note } = lintText(text, { only: [] });
  const s = note.lines.toLineColumn(f.range.start);
  const e = note.lines.toLineColumn(f.range.end);
  return `${s.line}:${s.column}-${e.line}:${e.column}`;
};

const FULL = [
  '---',
  'patient: J.K.',
  'date: 2026-10-02',
  '---',
  '',
  '## Story',
  'She moved back in with her mother.',
  '',
  '## Relationships',
  '- Mother: close.',
  '',
  '## Goals',
  '- [G1] Find a flat.',
  '',
  '## Medication meaning',
  '### Bupropion 150 mg daily',
  '- Rationale: Energy to view flats [G1].',
  '- Meaning: "My own decision."',
  '',
  '## Countertransference',
  'I wanted her further along than she is.',
  '',
].join('\n');

const without = (name: string, text = FULL) => text.replace(new RegExp(`## ${name}\\n[^#]*`), '');

test('a complete note has no findings', () => {
  assert.deepEqual(lint(FULL).findings, []);
});

test('inserting a section in the middle keeps the template order', () => {
  const text = without('Goals');
  const [f] = lint(text).findings;
  assert.equal(f!.message, 'Missing required section "Goals" (template "follow-up").');
  assert.equal(at(text, f!), '12:1-12:22'); // at "## Medication meaning", where it goes
  assert.equal(fixOne(text, f!), text.replace('## Medication meaning', '## Goals\n\n## Medication meaning'));
});

test('appending a section at the end adds exactly one blank line before it', () => {
  const text = without('Countertransference');
  assert.ok(text.endsWith('"My own decision."\n\n'));
  const [f] = lint(text).findings;
  assert.equal(fixOne(text, f!), `${text}## Countertransference\n`);
  const noFinalBreak = text.replace(/\n+$/, '');
  const [g] = lint(noFinalBreak).findings;
  assert.equal(fixOne(noFinalBreak, g!), `${noFinalBreak}\n\n## Countertransference\n`);
  const oneBreak = text.replace(/\n+$/, '\n');
  const [h] = lint(oneBreak).findings;
  assert.equal(fixOne(oneBreak, h!), `${oneBreak}\n## Countertransference\n`);
});

test('CRLF notes get CRLF insertions and correct positions', () => {
  const crlf = without('Goals').replace(/\n/g, '\r\n');
  const [f] = lint(crlf).findings;
  assert.equal(at(crlf, f!), '12:1-12:22');
  const fixed = fixOne(crlf, f!);
  assert.equal(fixed, crlf.replace('## Medication meaning', '## Goals\r\n\r\n## Medication meaning'));
  assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF introduced');
  const end = without('Countertransference').replace(/\n/g, '\r\n');
  const all = fixAll(end, { only: [ID] });
  assert.ok(all.text.endsWith('\r\n\r\n## Countertransference\r\n'));
  assert.ok(!/[^\r]\n/.test(all.text));
});

test('an empty file gets every section, in order, with nothing else', () => {
  const { text, findings } = fixAll('', { only: [ID] });
  assert.deepEqual(findings, []);
  assert.equal(text, '## Story\n\n## Relationships\n\n## Goals\n\n## Medication meaning\n\n## Countertransference\n');
  const first = lint('').findings;
  assert.equal(first.length, 5);
  assert.deepEqual(first.map((f) => f.range), Array(5).fill({ start: 0, end: 0 }));
});

test('a BOM-only file keeps its BOM and gets no stray blank lines', () => {
  const { text } = fixAll('\ufeff', { only: [ID] });
  assert.ok(text.startsWith('\ufeff## Story\n\n## Relationships'));
});

test('a front-matter-only note: findings at the fence, sections appended after one blank line', () => {
  const fm = '---\npatient: J.K.\ndate: 2026-10-02\n---';
  for (const text of [fm, `${fm}\n`]) {
    const findings = lint(text).findings;
    assert.equal(findings.length, 5);
    for (const f of findings) assert.equal(at(text, f), '1:1-1:4');
    const fixed = fixAll(text, { only: [ID] }).text;
    assert.equal(fixed, `${fm}\n\n## Story\n\n## Relationships\n\n## Goals\n\n## Medication meaning\n\n## Countertransference\n`);
  }
});

test('a near-miss heading is renamed, not duplicated', () => {
  const text = FULL.replace('## Goals', '## Goal').replace('## Relationships', '## Relationship');
  const findings = lint(text).findings;
  assert.deepEqual(
    findings.map((f) => [at(text, f), f.fix!.title]),
    [
      ['9:4-9:16', 'Rename heading to "Relationships"'],
      ['12:4-12:8', 'Rename heading to "Goals"'],
    ],
  );
  assert.equal(fixAll(text, { only: [ID] }).text, FULL);
});

test('a heading is not taken for a missing section when it is no near miss', () => {
  for (const heading of ['Notes', 'Goal setting', 'Go', 'Plans']) {
    const text = FULL.replace('## Goals', `## ${heading}`);
    const [f] = lint(text).findings;
    assert.equal(f!.fix!.title, 'Insert section "Goals"', heading);
  }
});

test('a near miss for a section that is present is left alone', () => {
  const text = `${FULL}\n## Goal\nA stray heading.\n`;
  assert.deepEqual(lint(text).findings, []);
});

test('a section written at the wrong heading level gets "##"', () => {
  const text = FULL.replace('## Story', '# Story').replace('## Goals', '### Goals');
  const fixed = fixAll(text, { only: [ID] }).text;
  assert.equal(fixed, FULL);
});

test('a ### medication named like a section is not taken for it', () => {
  const text = without('Goals').replace('### Bupropion 150 mg daily', '### Goals');
  const [f] = lint(text).findings;
  assert.equal(f!.fix!.title, 'Insert section "Goals"');
});

test('headings swallowed by unclosed front matter are left to the frontmatter rule', () => {
  const text = FULL.replace('date: 2026-10-02\n---\n', 'date: 2026-10-02\n').replace('## Countertransference', '---\n\n## Countertransference');
  assert.deepEqual(lint(text).findings, []);
});

test('templates from config: required sections, optional ones, and non-ASCII names', () => {
  const config = mergeConfig(RECOMMENDED, {
    templates: {
      bref: {
        sections: ['Histoire', { name: 'Sécurité', aliases: ['Risque'] }, { name: 'Notes', required: false }],
      },
    },
  });
  const text = '---\npatient: Z.\ndate: 2026-01-01\ntemplate: bref\n---\n\n## Histoire\nÉlodie 🙂 va mieux.\n\n## Sécurite\nRien.\n';
  const [f] = lint(text, config).findings;
  assert.match(f!.message, /"Sécurité" \(template "bref"\)/);
  assert.equal(at(text, f!), '10:4-10:12');
  assert.equal(fixOne(text, f!), text.replace("## Sécurite", "## Sécurité"));
});
