import { test } from 'vitest';
import assert from 'node:assert/strict';
import { applyFixes, fixAll, lintText, mergeConfig, RECOMMENDED, type Finding } from '../../server/src/engine/index.ts';

const ID = 'medication-fields';
const lint = (text: string, config = RECOMMENDED) => lintText(text, { only: [ID], config });
const fixOne = (text: string, f: Finding) => applyFixes(text, [f.fix!]).text;
const suggest = (text: string, f: Finding, i = 0) => applyFixes(text, [f.suggestions![i]!]).text;
const pos = (text: string, offset: number) => {
  const p = lintText(text, { only: [] }).note.lines.toLineColumn(offset);
  return `${p.line}:${p.column}`;
};

const entry = (fields: string[], eol = '\n', heading = '### Sertraline 50 mg daily') =>
  ['## Goals', '- [G1] Walk the dog.', '', '## Medication meaning', heading, ...fields, ''].join(eol);

const OK = ['- Change: continue', '- Rationale: For the walks [G1].', '- Meaning: "A small help."'];

test('a complete entry has no findings', () => {
  assert.deepEqual(lint(entry(OK)).findings, []);
});

test('a missing required field: at the heading, inserting it is only a suggestion', () => {
  const text = entry(['- Change: continue', '- Rationale: For the walks [G1].']);
  const { findings } = lint(text);
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  assert.equal(f.message, 'Sertraline has no Meaning field (the "follow-up" template requires it).');
  assert.equal(pos(text, f.range.start), '5:5');
  assert.equal(pos(text, f.range.end), '5:27');
  assert.equal(f.fix, undefined);
  assert.equal(f.suggestions![0]!.title, 'Add "- Meaning: "');
  assert.equal(suggest(text, f), text.replace('walks [G1].', 'walks [G1].\n- Meaning: '));
});

test('inserting into an entry with no fields keeps following prose out of the new item', () => {
  const text = entry(['Discussed briefly.', ''], '\n', '### Melatonin 2 mg');
  const findings = lint(text).findings;
  assert.deepEqual(findings.map((f) => f.message), [
    'Melatonin has no Rationale field (the "follow-up" template requires it).',
    'Melatonin has no Meaning field (the "follow-up" template requires it).',
  ]);
  assert.equal(suggest(text, findings[0]!), text.replace('### Melatonin 2 mg\n', '### Melatonin 2 mg\n- Rationale: \n\n'));
  const bare = entry([], '\n', '### Melatonin 2 mg');
  assert.equal(suggest(bare, lint(bare).findings[1]!), bare.replace('### Melatonin 2 mg', '### Melatonin 2 mg\n- Meaning: '));
});

test('inserting copies the indentation and bullet of the last field, and the note’s line breaks', () => {
  const text = entry(['* Change: continue', '* Rationale: For the walks [G1].'], '\r\n');
  const [f] = lint(text).findings;
  assert.equal(suggest(text, f!), text.replace('walks [G1].', 'walks [G1].\r\n* Meaning: '));
});

test('a field name close to one known name is renamed by a fix; the missing field is not reported too', () => {
  const text = entry(['- Change: continue', '- Rationle: For the walks [G1].', '- Meaning: "A small help."']);
  const { findings } = lint(text);
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  assert.equal(f.message, 'Unknown medication field "Rationle"; did you mean "Rationale"?');
  assert.equal(pos(text, f.range.start), '7:3');
  assert.equal(pos(text, f.range.end), '7:11');
  assert.equal(fixOne(text, f), text.replace('Rationle', 'Rationale'));
  assert.deepEqual(fixAll(text, { only: [ID] }).findings, []);
});

test('Reason, Indication or Purpose stands for a missing Rationale; with a Rationale present it is prose', () => {
  const text = entry(['- Change: start', '- Indication: MDD.', '- Meaning: "A small help."']);
  const { findings } = lint(text);
  assert.deepEqual(findings.map((f) => f.message), ['"Indication" is not a medication field; this entry has no Rationale, which is what it is called.']);
  assert.equal(fixOne(text, findings[0]!), text.replace('Indication:', 'Rationale:'));
  assert.deepEqual(lint(entry([...OK, '- Reason: she asked for it.'])).findings, []);
});

test('renaming onto a field already present is only a suggestion', () => {
  const text = entry([...OK, '- Meanig: and more.']);
  const [f] = lint(text).findings;
  assert.equal(f!.fix, undefined);
  assert.equal(suggest(text, f!), text.replace('Meanig', 'Meaning'));
});

test('prose list items and ordinary words are not unknown fields, unless unknownFields is "all"', () => {
  const fields = [...OK, '- She said: "never again".', '- Pain: worse in the cold.', '- Side effects: none so far.', '- plain prose'];
  assert.deepEqual(lint(entry(fields)).findings, []);
  const all = mergeConfig(RECOMMENDED, { rules: { [ID]: { unknownFields: 'all' } } });
  assert.deepEqual(
    lint(entry(fields), all).findings.map((f) => f.message.split(';')[0]!.split(' (')[0]),
    ['"She said" is not a known medication field', '"Pain" is not a known medication field', '"Side effects" is not a known medication field'],
  );
  const known = mergeConfig(RECOMMENDED, { rules: { [ID]: { unknownFields: 'all', knownFields: ['Side effects', 'She said', 'Pain'] } } });
  assert.deepEqual(lint(entry(fields), known).findings, []);
});

test('a template’s own required fields are required and known', () => {
  const config = mergeConfig(RECOMMENDED, {
    templates: { 'follow-up': { extends: 'follow-up', medicationFields: ['Rationale', 'Meaning', 'Side effects'] } },
  });
  const text = entry(OK);
  const [f] = lint(text, config).findings;
  assert.equal(f!.message, 'Sertraline has no Side effects field (the "follow-up" template requires it).');
  assert.deepEqual(lint(entry([...OK, '- Side effect: none.']), config).findings.map((x) => x.fix?.edits[0]!.newText), ['Side effects']);
  assert.deepEqual(lint(entry([...OK, '- side effects: none.']), config).findings, []);
});

test('a required field with no text is reported at its name', () => {
  const text = entry(['- Change: continue', '- Rationale: For the walks [G1].', '- Meaning:']);
  const [f] = lint(text).findings;
  assert.equal(f!.message, 'Meaning for Sertraline is empty.');
  assert.equal(pos(text, f!.range.start), '8:3');
  assert.equal(pos(text, f!.range.end), '8:10');
});

test('Change values: typos, inflections and synonyms are fixed, keeping the capital', () => {
  const cases: [string, string][] = [
    ['contine', 'continue'],
    ['Contine', 'Continue'],
    ['increased from 50 to 100 mg', 'increase from 50 to 100 mg'],
    ['Stopped', 'Stop'],
    ['tapering', 'taper'],
    ['discontinued', 'stop'],
    ['d/c', 'stop'],
    ['cont.', 'continue'],
    ['cont', 'continue'],
    ['uptitrate', 'increase'],
    ['Up-titrate to 150 mg', 'Increase to 150 mg'],
    ['titrate up', 'increase'],
    ['inc. to 40 mg', 'increase to 40 mg'],
    ['↑ to 40 mg', 'increase to 40 mg'],
    ['↓ 25 mg', 'decrease 25 mg'],
    ['dec', 'decrease'],
    ['cross-taper to fluoxetine', 'switch to fluoxetine'],
    ['Cross taper', 'Switch'],
    ['dc', 'stop'],
    ["d/c'd", 'stop'],
    ['resume', 'restart'],
    ['Restarted at 25 mg', 'Restart at 25 mg'],
    ['on hold', 'hold'],
    ['paused for surgery', 'hold for surgery'],
    ['no change', 'continue'],
    ['No change this time', 'Continue this time'],
    ['swap to bupropion', 'switch to bupropion'],
    ['wean', 'taper'],
    ['*contine*', '*continue*'],
  ];
  for (const [written, want] of cases) {
    const text = entry(['- Change: ' + written, ...OK.slice(1)]);
    const { findings } = lint(text);
    assert.equal(findings.length, 1, written);
    assert.ok(findings[0]!.fix, written);
    assert.match(findings[0]!.message, /^Change ".+" is not a Change value; did you mean "[a-z]+"\?$/, written);
    assert.equal(fixOne(text, findings[0]!), text.replace('- Change: ' + written, '- Change: ' + want), written);
  }
});

test('valid Change values, in any case and with more words after them', () => {
  for (const v of ['start', 'Increase (from 37.5 mg)', 'DECREASE', 'continue.', 'stop, after the holiday', 'taper over 4 weeks', 'switch to bupropion', '**continue**', 'increase/continue', 'hold until the surgery', 'Restart at 25 mg', 'hold']) {
    assert.deepEqual(lint(entry(['- Change: ' + v, ...OK.slice(1)])).findings, [], v);
  }
});

test('an unknown Change value offers the values; an empty one says so', () => {
  const text = entry(['- Change: maybe', ...OK.slice(1)]);
  const [f] = lint(text).findings;
  assert.equal(f!.message, 'Change "maybe" is not a Change value; use one of start, increase, decrease, continue, stop, taper, switch, hold, restart.');
  assert.equal(f!.fix, undefined);
  assert.equal(f!.suggestions!.length, 9);
  assert.equal(suggest(text, f!, 4), text.replace('Change: maybe', 'Change: stop'));
  // Two close values: both offered, no fix.
  const [g] = lint(entry(['- Change: stat', ...OK.slice(1)])).findings;
  assert.equal(g!.fix, undefined);
  assert.deepEqual(g!.suggestions!.map((s) => s.edits[0]!.newText), ['start', 'stop']);
  const empty = entry(['- Change:', ...OK.slice(1)]);
  const [h] = lint(empty).findings;
  assert.match(h!.message, /^Change has no value/);
  assert.equal(suggest(empty, h!, 0), empty.replace('- Change:', '- Change: start'));
});

test('a field given twice: at the second, related to the first', () => {
  const text = entry([...OK, '- rationale: also for the walks [G1].']);
  const [f] = lint(text).findings;
  assert.equal(f!.message, 'Rationale is given twice for Sertraline (first on line 7); keep one so readers know which counts.');
  assert.equal(pos(text, f!.range.start), '9:3');
  assert.deepEqual(f!.related!.map((r) => [r.message, pos(text, r.range.start)]), [['Rationale first given here', '7:3']]);
});

test('Plan, Response, Ambivalence and Concerns may repeat, unless configured otherwise', () => {
  const text = entry([...OK, '- Response: Walking again [G1].', '- Response: Sleeping better.', '- Plan: Review [G1].', '- Plan: Ask about the choir.']);
  assert.deepEqual(lint(text).findings, []);
  const strict = mergeConfig(RECOMMENDED, { rules: { [ID]: { repeatableFields: [] } } });
  assert.deepEqual(lint(text, strict).findings.map((f) => f.message.split(' (')[0]), ['Response is given twice for Sertraline', 'Plan is given twice for Sertraline']);
});

test('non-ASCII heading and CRLF: UTF-16 columns', () => {
  const text = entry(['- Change: continue', '- Rationale: For the walks [G1].'], '\r\n', '### Mélatonine 🌙 2 mg');
  const [f] = lint(text).findings;
  assert.equal(f!.message, 'Mélatonine has no Meaning field (the "follow-up" template requires it).');
  assert.equal(pos(text, f!.range.start), '5:5');
  assert.equal(pos(text, f!.range.end), '5:23');
});
