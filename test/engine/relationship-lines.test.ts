/**
 * relationshipLines keeps the last note's lines for the rules that ask in a row; a
 * different note, or a model changed in place (incremental.ts), is read afresh.
 */
import { expect, test } from 'vitest';
import { parseNote } from '../../server/src/engine/parse.ts';
import { relationshipLines, relationshipNames } from '../../server/src/engine/reading/relationships.ts';
import type { Note } from '../../server/src/engine/model/note.ts';

const A = '## Relationships\n\n- Maria (sister): calls every Sunday\n- Alliance: warm\n';
const B = '## Relationships\n\n- Tom (partner): moved out in May\n';

const labels = (note: Note) => relationshipLines(note).map((l) => l.label);

test('each note gets its own lines, asked in any order', () => {
  const a = parseNote(A);
  const b = parseNote(B);
  expect(labels(a)).toEqual(['Maria (sister)', 'Alliance']);
  expect(labels(a)).toEqual(['Maria (sister)', 'Alliance']);
  expect(labels(b)).toEqual(['Tom (partner)']);
  expect(labels(a)).toEqual(['Maria (sister)', 'Alliance']);
  expect([...relationshipNames(b)]).toEqual(['tom']);
  expect([...relationshipNames(a)]).toEqual(['maria']);
});

test('a model changed in place is read again', () => {
  const a = parseNote(A);
  expect(labels(a)).toEqual(['Maria (sister)', 'Alliance']);
  const b = parseNote(B);
  Object.assign(a as { text: string }, { text: b.text, tree: b.tree, sections: b.sections });
  expect(labels(a)).toEqual(['Tom (partner)']);
});
